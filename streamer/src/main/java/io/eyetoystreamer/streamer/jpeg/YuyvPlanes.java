package io.eyetoystreamer.streamer.jpeg;

import java.nio.ByteBuffer;

/**
 * Splits packed YUYV (Y0 U Y1 V per pixel pair) into the three planes of planar YUV 4:2:2, which a
 * JPEG encoder takes as is: no RGB conversion. On the way it rescales the camera's limited range
 * (BT.601: Y 16..235, U and V 16..240) to the full range JPEG (JFIF) expects, so that decoders show
 * the camera's black as black and its white as white. Stateless and thread-safe.
 */
final class YuyvPlanes {
  private static final byte[] LUMA = new byte[256];
  private static final byte[] CHROMA = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      LUMA[i] = (byte) clamp(Math.round((i - 16) * 255.0 / 219.0));
      CHROMA[i] = (byte) clamp(Math.round((i - 128) * 255.0 / 224.0 + 128));
    }
  }

  private YuyvPlanes() {}

  /** Full-range value of limited-range luma {@code y}, 0..255. */
  static int luma(int y) {
    return LUMA[y] & 0xff;
  }

  /** Full-range value of limited-range chroma {@code c}, 0..255. */
  static int chroma(int c) {
    return CHROMA[c] & 0xff;
  }

  /**
   * Writes the planes of {@code yuyv} (from its position, not moved) into {@code y} ({@code width *
   * height} bytes), {@code u} and {@code v} ({@code width / 2 * height} bytes each), all from index
   * 0. {@code width} must be even.
   */
  static void split(
      ByteBuffer yuyv,
      int width,
      int height,
      int bytesPerLine,
      ByteBuffer y,
      ByteBuffer u,
      ByteBuffer v) {
    int base = yuyv.position();
    int half = width / 2;
    for (int row = 0; row < height; row++) {
      int src = base + row * bytesPerLine;
      int yi = row * width;
      int ci = row * half;
      for (int pair = 0; pair < half; pair++, src += 4) {
        y.put(yi++, LUMA[yuyv.get(src) & 0xff]);
        u.put(ci, CHROMA[yuyv.get(src + 1) & 0xff]);
        y.put(yi++, LUMA[yuyv.get(src + 2) & 0xff]);
        v.put(ci++, CHROMA[yuyv.get(src + 3) & 0xff]);
      }
    }
  }

  private static int clamp(long value) {
    return (int) Math.max(0, Math.min(255, value));
  }
}
