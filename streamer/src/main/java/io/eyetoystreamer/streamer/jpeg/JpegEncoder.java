package io.eyetoystreamer.streamer.jpeg;

import java.nio.ByteBuffer;

/**
 * Encodes YUYV frames as baseline JPEG (4:2:2). An encoder keeps native state and reusable buffers:
 * it is not thread-safe; give each encoding thread its own, and close it when done.
 */
public interface JpegEncoder extends AutoCloseable {
  /**
   * Encodes one frame.
   *
   * @param yuyv the frame from its position (not moved): {@code height} rows of {@code
   *     bytesPerLine}
   * @param quality 1 (smallest) to 100 (best)
   * @param out receives the JPEG bytes from its position, which advances; must have room for {@link
   *     #maxBytes(int, int)}
   * @return the JPEG's length in bytes
   */
  int encode(ByteBuffer yuyv, int width, int height, int bytesPerLine, int quality, ByteBuffer out);

  /** An upper bound of a JPEG's size for this frame size. */
  int maxBytes(int width, int height);

  /** {@code turbojpeg} or {@code imageio}, for logs and metrics. */
  String kind();

  @Override
  void close();
}
