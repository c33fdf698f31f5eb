package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;

/**
 * A single-planar video capture format ({@code struct v4l2_pix_format}). Immutable.
 *
 * <p>To request a format only width, height, pixel format and (optionally) field matter; build it
 * with {@link #of(int, int, int)}. The driver fills in the rest.
 *
 * @param width the width in pixels
 * @param height the height in pixels
 * @param pixelFormat the fourcc, see {@link FourCc}
 * @param field the {@code enum v4l2_field} value ({@code V4L2_FIELD_ANY} = 0 lets the driver
 *     choose; progressive is {@code V4L2_FIELD_NONE} = 1)
 * @param bytesPerLine bytes per image row (0 in a request)
 * @param sizeImage bytes per frame; for compressed formats the maximum (0 in a request)
 * @param colorspace the {@code enum v4l2_colorspace} value
 */
public record Format(
    int width,
    int height,
    int pixelFormat,
    int field,
    int bytesPerLine,
    int sizeImage,
    int colorspace) {

  /**
   * Builds a format request; the driver chooses field, line stride, image size and colorspace.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param pixelFormat the fourcc, e.g. {@link FourCc#YUYV}
   * @return the request
   */
  public static Format of(int width, int height, int pixelFormat) {
    return new Format(width, height, pixelFormat, V4l2Constants.V4L2_FIELD_ANY, 0, 0, 0);
  }

  /**
   * Tells whether a format the driver returned honours this request: same width, height and pixel
   * format, and the same field unless this request left it to the driver.
   *
   * @param actual the format the driver reported
   * @return true when nothing requested was changed
   */
  public boolean satisfiedBy(Format actual) {
    return width == actual.width
        && height == actual.height
        && pixelFormat == actual.pixelFormat
        && (field == V4l2Constants.V4L2_FIELD_ANY || field == actual.field);
  }

  @Override
  public String toString() {
    String s = width + "x" + height + " " + FourCc.toString(pixelFormat);
    return sizeImage == 0 ? s : s + " (" + bytesPerLine + " bytes/line, " + sizeImage + " bytes)";
  }
}
