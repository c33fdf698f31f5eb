package io.eyetoystreamer.sharedarea;

import java.nio.charset.StandardCharsets;

/**
 * Four-character codes as V4L2 defines them: the first character in the least significant byte.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fourcc {
  /** {@code YUYV}: packed YUV 4:2:2, 4 bytes for 2 pixels (Y0 U Y1 V). */
  public static final int YUYV = of("YUYV");

  private Fourcc() {}

  /**
   * Returns the code of four ASCII characters.
   *
   * @param code four ASCII characters, e.g. {@code "YUYV"}
   * @return the code
   * @throws IllegalArgumentException if {@code code} is not exactly four ASCII characters
   */
  public static int of(String code) {
    byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(code)) {
      throw new IllegalArgumentException(
          "a fourcc is exactly four ASCII characters, got \"" + code + "\"");
    }
    return (bytes[0] & 0xff)
        | (bytes[1] & 0xff) << 8
        | (bytes[2] & 0xff) << 16
        | (bytes[3] & 0xff) << 24;
  }

  /**
   * Returns the four characters of {@code code}, non-printable bytes shown as {@code ?}.
   *
   * @param code the code
   * @return four characters
   */
  public static String toString(int code) {
    char[] chars = new char[4];
    for (int i = 0; i < 4; i++) {
      int b = (code >>> (8 * i)) & 0xff;
      chars[i] = b >= 0x20 && b < 0x7f ? (char) b : '?';
    }
    return new String(chars);
  }
}
