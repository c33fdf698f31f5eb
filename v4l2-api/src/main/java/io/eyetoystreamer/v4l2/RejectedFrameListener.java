package io.eyetoystreamer.v4l2;

/**
 * Told about each frame a {@link CaptureStream} rejects instead of delivering. Called on the thread
 * calling {@link CaptureStream#next(long)}, with the stream's lock held, before the buffer goes
 * back to the driver: keep it short. Primitive arguments, so reporting allocates nothing.
 */
@FunctionalInterface
public interface RejectedFrameListener {
  /** Why a frame was rejected. */
  enum Reason {
    /** The driver set {@code V4L2_BUF_FLAG_ERROR}: the data may be corrupt. */
    ERROR_FLAG,
    /** The frame had fewer bytes than the format's image size: a partial frame. */
    SHORT
  }

  /**
   * Reports a rejected frame.
   *
   * @param reason why it was rejected
   * @param index the driver buffer index
   * @param sequence the driver's frame sequence number
   * @param bytesUsed the bytes of data the driver reported
   * @param flags the buffer flags ({@code V4L2_BUF_FLAG_*})
   */
  void rejected(Reason reason, int index, long sequence, int bytesUsed, int flags);
}
