package io.eyetoystreamer.streamer.fanout;

import java.util.Arrays;

/**
 * The last encoded frames' encode times, sizes and when they were done: mean and 99th percentile
 * encode time, and the bitrate over that window. Written by encoder threads, read by {@code /state}
 * and {@code /metrics}; a reader may see a slot being written (a statistic, not a record).
 */
final class EncodeTimes {
  private static final int SLOTS = 128;

  private final long[] nanos = new long[SLOTS];
  private final long[] bytes = new long[SLOTS];
  private final long[] doneAt = new long[SLOTS];
  private long count;

  /** Records one frame: encoded in {@code took} nanoseconds into {@code size} bytes. */
  synchronized void record(long took, int size, long nowNanos) {
    int i = (int) (count++ % SLOTS);
    nanos[i] = took;
    bytes[i] = size;
    doneAt[i] = nowNanos;
  }

  /** Mean encode time over the last frames, milliseconds; 0 before the first. */
  synchronized double meanMillis() {
    int n = filled();
    return n == 0 ? 0 : Arrays.stream(nanos, 0, n).average().orElse(0) / 1e6;
  }

  /** 99th percentile encode time over the last frames, milliseconds; 0 before the first. */
  synchronized double p99Millis() {
    int n = filled();
    if (n == 0) {
      return 0;
    }
    long[] t = Arrays.copyOf(nanos, n);
    Arrays.sort(t);
    return t[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6;
  }

  /**
   * Bits per second of the last frames: their bytes over the time from the first to the last; 0
   * with fewer than two frames.
   */
  synchronized double bitsPerSecond() {
    int n = filled();
    if (n < 2) {
      return 0;
    }
    int newest = (int) ((count - 1) % SLOTS);
    int oldest = (int) ((count - n) % SLOTS);
    long span = doneAt[newest] - doneAt[oldest];
    if (span <= 0) {
      return 0;
    }
    long sum = 0;
    for (int k = 0; k < n; k++) {
      sum += bytes[k];
    }
    sum -= bytes[oldest]; // n frames span n - 1 intervals
    return sum * 8e9 / span;
  }

  private int filled() {
    return (int) Math.min(count, SLOTS);
  }
}
