package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;

/**
 * One entry of {@code VIDIOC_ENUM_FMT}. Immutable.
 *
 * @param index the enumeration index
 * @param pixelFormat the fourcc
 * @param description the driver's description, e.g. {@code YUYV 4:2:2}
 * @param flags {@code V4L2_FMT_FLAG_*} bits
 */
public record FormatDescription(int index, int pixelFormat, String description, int flags) {
  /**
   * Tells whether frames of this format vary in size (MJPEG, H.264), so that a frame smaller than
   * the format's {@code sizeimage} is normal.
   *
   * @return true when {@code V4L2_FMT_FLAG_COMPRESSED} is set
   */
  public boolean compressed() {
    return (flags & V4l2Constants.V4L2_FMT_FLAG_COMPRESSED) != 0;
  }

  @Override
  public String toString() {
    return "'" + FourCc.toString(pixelFormat) + "' (" + description + ")";
  }
}
