package io.eyetoystreamer.streamer.jpeg;

import java.nio.ByteBuffer;

/**
 * Splits packed YUYV (Y0 U Y1 V per pixel pair) into the three planes of planar YUV 4:2:2, which a
 * JPEG encoder takes as is: no RGB conversion. On the way it rescales the camera's limited range
 * (BT.601: Y 16..235, U and V 16..240) to the full range JPEG (JFIF) expects, so that decoders show
 * the camera's black as black and its white as white.
 *
 * <p>Works a row at a time through reused arrays (bulk copies in and out, a plain array loop in
 * between), which the JIT compiles far tighter than byte-wise buffer access. Not thread-safe: one
 * per encoder.
 */
public final class YuyvPlanes {
  private static final byte[] LUMA = new byte[256];
  private static final byte[] CHROMA = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      LUMA[i] = (byte) clamp(Math.round((i - 16) * 255.0 / 219.0));
      CHROMA[i] = (byte) clamp(Math.round((i - 128) * 255.0 / 224.0 + 128));
    }
  }

  /** A splitter with no rows yet; its arrays grow to the first frame's width. */
  public YuyvPlanes() {}

  private byte[] in = new byte[0];
  private byte[] yRow = new byte[0];
  private byte[] uRow = new byte[0];
  private byte[] vRow = new byte[0];

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
  public void split(
      ByteBuffer yuyv,
      int width,
      int height,
      int bytesPerLine,
      ByteBuffer y,
      ByteBuffer u,
      ByteBuffer v) {
    int half = width / 2;
    if (yRow.length != width) {
      in = new byte[width * 2];
      yRow = new byte[width];
      uRow = new byte[half];
      vRow = new byte[half];
    }
    byte[] src = in;
    byte[] ys = yRow;
    byte[] us = uRow;
    byte[] vs = vRow;
    byte[] luma = LUMA;
    byte[] chroma = CHROMA;
    int base = yuyv.position();
    for (int row = 0; row < height; row++) {
      yuyv.get(base + row * bytesPerLine, src, 0, width * 2);
      for (int pair = 0, s = 0; pair < half; pair++, s += 4) {
        ys[2 * pair] = luma[src[s] & 0xff];
        us[pair] = chroma[src[s + 1] & 0xff];
        ys[2 * pair + 1] = luma[src[s + 2] & 0xff];
        vs[pair] = chroma[src[s + 3] & 0xff];
      }
      y.put(row * width, ys, 0, width);
      u.put(row * half, us, 0, half);
      v.put(row * half, vs, 0, half);
    }
  }

  private static int clamp(long value) {
    return (int) Math.max(0, Math.min(255, value));
  }
}
