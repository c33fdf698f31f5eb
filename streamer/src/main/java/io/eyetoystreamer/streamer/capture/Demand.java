package io.eyetoystreamer.streamer.capture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Whether anyone wants frames now, for the capture loop's idle policy: a viewer is connected, or
 * someone asked for a fresh frame a moment ago (a snapshot). Thread-safe.
 */
public final class Demand {
  private final BooleanSupplier watched;
  private volatile long wantedUntilNanos = System.nanoTime();
  private volatile Thread waiter;

  /**
   * @param watched whether a viewer is connected now
   */
  public Demand(BooleanSupplier watched) {
    this.watched = watched;
  }

  /** Demand that is always there: capture everything. */
  public static Demand always() {
    return new Demand(() -> true);
  }

  /** Asks for frames for the next {@code millis} milliseconds (a snapshot on its way). */
  public void want(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    if (until - wantedUntilNanos > 0) {
      wantedUntilNanos = until;
    }
    signal();
  }

  /** Wakes the capture loop if it waits in {@link #await}: a viewer joined. Any thread. */
  public void signal() {
    Thread t = waiter;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Waits until frames are wanted ({@link #signal} wakes it at once) or {@code maxNanos} pass, so
   * that an idle capture loop sleeps instead of polling. One thread at a time (the capture loop).
   *
   * @return whether frames are wanted now
   */
  public boolean await(long maxNanos) {
    waiter = Thread.currentThread();
    try {
      // Set before the check: a signal after it leaves a permit, and park returns at once.
      if (wanted(System.nanoTime())) {
        return true;
      }
      LockSupport.parkNanos(this, maxNanos);
      return wanted(System.nanoTime());
    } finally {
      waiter = null;
    }
  }

  /** Whether frames are wanted at {@code nowNanos}. */
  public boolean wanted(long nowNanos) {
    return watched.getAsBoolean() || nowNanos - wantedUntilNanos < 0;
  }
}
