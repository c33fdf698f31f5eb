package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;

/**
 * What {@link M2mEncoder#encode(java.nio.ByteBuffer, java.nio.ByteBuffer, long)} wrote for one
 * frame. Immutable.
 *
 * @param bytes the coded bytes written; 0 when the encoder flagged the frame {@link #error()}
 * @param flags the driver's {@code V4L2_BUF_FLAG_*} bits of the frame's CAPTURE buffer
 */
public record Encoded(int bytes, int flags) {
  /**
   * Tells whether the frame is a key frame (for H.264 an IDR picture).
   *
   * @return true when the driver flagged {@code V4L2_BUF_FLAG_KEYFRAME}
   */
  public boolean keyFrame() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_KEYFRAME) != 0;
  }

  /**
   * Tells whether the encoder failed on this frame ({@code V4L2_BUF_FLAG_ERROR}); nothing of it was
   * written.
   *
   * @return true when flagged
   */
  public boolean error() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_ERROR) != 0;
  }
}
