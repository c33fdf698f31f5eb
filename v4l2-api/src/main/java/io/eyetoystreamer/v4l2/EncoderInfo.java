package io.eyetoystreamer.v4l2;

import java.util.List;

/**
 * A mem2mem encoder found by {@link V4l2Devices#encoders()}: a memory-to-memory node whose CAPTURE
 * queue offers a compressed format and whose OUTPUT queue a raw one. Immutable.
 *
 * @param path the device node, e.g. {@code /dev/video11}
 * @param capabilities what the node reported
 * @param codedFormats the formats of its CAPTURE queue (what it produces), e.g. {@code H264}
 * @param rawFormats the formats of its OUTPUT queue (what it takes) for the coded format set when
 *     it was looked at, e.g. {@code YU12}, {@code NV12}, {@code YUYV}
 */
public record EncoderInfo(
    String path,
    Capabilities capabilities,
    List<FormatDescription> codedFormats,
    List<FormatDescription> rawFormats) {

  /**
   * Copies the lists.
   *
   * @param path the device node
   * @param capabilities what it reported
   * @param codedFormats its CAPTURE formats
   * @param rawFormats its OUTPUT formats
   */
  public EncoderInfo {
    codedFormats = List.copyOf(codedFormats);
    rawFormats = List.copyOf(rawFormats);
  }

  /**
   * Tells whether the encoder produces a coded format.
   *
   * @param pixelFormat the fourcc, e.g. {@link FourCc#H264}
   * @return true when it is among {@link #codedFormats()}
   */
  public boolean produces(int pixelFormat) {
    return codedFormats.stream().anyMatch(f -> f.pixelFormat() == pixelFormat);
  }

  /**
   * Tells whether the encoder takes a raw format (for its current coded format).
   *
   * @param pixelFormat the fourcc, e.g. {@link FourCc#YUYV}
   * @return true when it is among {@link #rawFormats()}
   */
  public boolean takes(int pixelFormat) {
    return rawFormats.stream().anyMatch(f -> f.pixelFormat() == pixelFormat);
  }
}
