package io.eyetoystreamer.fakeeyetoy;

/**
 * The faults in force on a {@link FakeH264Encoder}, set through {@link EncoderFaults}. Plain
 * fields, guarded by the encoder's lock; they outlive an unplug.
 */
final class EncoderFaultState {
  /** The next this-many {@code VIDIOC_QBUF}s (either queue) fail with {@link #qbufErrno}. */
  int qbufFailures;

  /** The errno of a failing {@code VIDIOC_QBUF}. */
  int qbufErrno;

  /** The next this-many frames come back flagged {@code V4L2_BUF_FLAG_ERROR}, with no bytes. */
  int errorFrames;

  /** No job runs: queued frames wait (a hung encoder). */
  boolean hung;

  void clear() {
    qbufFailures = 0;
    qbufErrno = 0;
    errorFrames = 0;
    hung = false;
  }
}
