package io.eyetoystreamer.jmh.fanout;

/**
 * The measured window, shared by every viewer: {@link System#nanoTime()} bounds set by the load
 * tool's main thread, read by the event loops on every frame (two volatile reads).
 */
final class MeasurementWindow {
  private volatile long start;
  private volatile long end = Long.MAX_VALUE;
  private volatile boolean started;

  /** Opens the window now; returns the time. */
  long open() {
    long now = System.nanoTime();
    start = now;
    started = true;
    return now;
  }

  /** Closes the window now; returns the time. */
  long close() {
    long now = System.nanoTime();
    end = now;
    return now;
  }

  /** -1 before the window, 0 inside, 1 after. */
  int where(long now) {
    if (!started || now - start < 0) {
      return -1;
    }
    long e = end;
    return e == Long.MAX_VALUE || now - e < 0 ? 0 : 1;
  }
}
