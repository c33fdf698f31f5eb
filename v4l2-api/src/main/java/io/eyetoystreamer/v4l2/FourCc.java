package io.eyetoystreamer.v4l2;

import java.nio.charset.StandardCharsets;

/**
 * V4L2 pixel format codes (fourcc): four ASCII characters packed little-endian into a 32-bit value,
 * as {@code v4l2_fourcc(a, b, c, d)} does. Stateless and thread-safe.
 */
public final class FourCc {
  /** {@code YUYV}: packed YUV 4:2:2, 2 bytes a pixel (the PS3 Eye's format). */
  public static final int YUYV = of("YUYV");

  /** {@code UYVY}: packed YUV 4:2:2, chroma first. */
  public static final int UYVY = of("UYVY");

  /** {@code MJPG}: Motion-JPEG, compressed. */
  public static final int MJPG = of("MJPG");

  /** {@code RGB3}: packed RGB 8-8-8. */
  public static final int RGB24 = of("RGB3");

  /** {@code GREY}: 8-bit luminance. */
  public static final int GREY = of("GREY");

  /** {@code NV12}: planar Y, then interleaved CbCr 4:2:0. */
  public static final int NV12 = of("NV12");

  /** {@code GBRG}: 8-bit Bayer (raw sensor). */
  public static final int SGBRG8 = of("GBRG");

  /** {@code YU12}: planar YUV 4:2:0, Y then U then V ({@code V4L2_PIX_FMT_YUV420}). */
  public static final int YUV420 = of("YU12");

  /** {@code H264}: H.264 with start codes (Annex B), compressed. */
  public static final int H264 = of("H264");

  /** {@code FWHT}: the Fast Walsh Hadamard Transform codec of the kernel's vicodec, compressed. */
  public static final int FWHT = of("FWHT");

  private FourCc() {}

  /**
   * Packs four characters into a fourcc.
   *
   * @param code exactly four ASCII characters, e.g. {@code "YUYV"}
   * @return the fourcc value
   */
  public static int of(String code) {
    byte[] b = code.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4 || code.length() != 4) {
      throw new IllegalArgumentException("a fourcc has four ASCII characters: '" + code + "'");
    }
    return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
  }

  /**
   * Unpacks a fourcc into its characters; a big-endian variant (bit 31 set) gets a {@code -BE}
   * suffix, as v4l2-ctl prints it.
   *
   * @param fourcc the value
   * @return e.g. {@code YUYV}
   */
  public static String toString(int fourcc) {
    StringBuilder sb = new StringBuilder(7);
    for (int i = 0; i < 4; i++) {
      int c = (fourcc >>> (8 * i)) & (i == 3 ? 0x7F : 0xFF);
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
    }
    if ((fourcc & 0x8000_0000) != 0) {
      sb.append("-BE");
    }
    return sb.toString();
  }
}
