package io.eyetoystreamer.streamer.capture;

/**
 * Frames per second over the last few frames. One thread records; any thread reads.
 * Allocation-free.
 */
public final class FpsMeter {
  private static final int WINDOW = 32;
  private static final long STALE_NANOS = 2_000_000_000L;

  private final long[] times = new long[WINDOW];
  private volatile long count;

  /** Records a frame at {@code nanos} ({@code System.nanoTime()}). Called by one thread. */
  public void record(long nanos) {
    long n = count;
    times[(int) (n % WINDOW)] = nanos;
    count = n + 1;
  }

  /** Frames per second over up to the last 32 frames; 0 if none came in the last two seconds. */
  public double fps(long nowNanos) {
    long n = count;
    if (n < 2) {
      return 0;
    }
    long newest = times[(int) ((n - 1) % WINDOW)];
    int span = (int) Math.min(n, WINDOW) - 1;
    long oldest = times[(int) ((n - 1 - span) % WINDOW)];
    if (nowNanos - newest > STALE_NANOS || newest <= oldest) {
      return 0;
    }
    return span * 1e9 / (newest - oldest);
  }

  /** Frames recorded since start. */
  public long count() {
    return count;
  }
}
