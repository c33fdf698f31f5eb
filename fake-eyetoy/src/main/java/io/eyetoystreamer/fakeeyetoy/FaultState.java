package io.eyetoystreamer.fakeeyetoy;

/**
 * The faults in force on a {@link FakeEyetoy}, set through {@link Faults}. Plain fields, guarded by
 * the fake's lock; they outlive an unplug, so a replugged camera keeps misbehaving as told.
 */
final class FaultState {
  /** {@link #unplugCountdown} when no unplug is armed. */
  static final int NOT_ARMED = -1;

  /** How long an armed unplug waits for the application to dequeue the last frames. */
  static final long DRAIN_GRACE_NANOS = 1_000_000_000L;

  /** No frame is made for a sensor slot due in [stallFrom, stallUntil); nor is a sequence used. */
  long stallFrom;

  /** The end of the stall, {@code System.nanoTime()} nanoseconds. */
  long stallUntil;

  /** Every frame completes this late (slow USB transfer). */
  long lateByNanos;

  /** Every {@code dropOneIn}-th frame is lost on the bus (a sequence gap); 0 for none. */
  int dropOneIn;

  /** The next this-many frames are flagged {@code V4L2_BUF_FLAG_ERROR}. */
  int errorFrames;

  /** Frames still to deliver before the camera vanishes, or {@link #NOT_ARMED}. */
  int unplugCountdown = NOT_ARMED;

  /** When the countdown reached 0: the camera vanishes once drained, or at this time. */
  long unplugDeadline;

  /** {@code open} fails with EBUSY while another descriptor is open. */
  boolean busyOnSecondOpen;

  boolean stalled(long nanos) {
    return nanos - stallFrom >= 0 && nanos - stallUntil < 0;
  }

  void clear() {
    stallFrom = 0;
    stallUntil = 0;
    lateByNanos = 0;
    dropOneIn = 0;
    errorFrames = 0;
    unplugCountdown = NOT_ARMED;
    busyOnSecondOpen = false;
  }
}
