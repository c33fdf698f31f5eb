package io.eyetoystreamer.streamer.capture;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether anyone wants frames now, for the capture loop's idle policy: a viewer is connected, or
 * someone asked for a fresh frame a moment ago (a snapshot). Thread-safe.
 */
public final class Demand {
  private final BooleanSupplier watched;
  private volatile long wantedUntilNanos = System.nanoTime();

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
  }

  /** Whether frames are wanted at {@code nowNanos}. */
  public boolean wanted(long nowNanos) {
    return watched.getAsBoolean() || nowNanos - wantedUntilNanos < 0;
  }
}
