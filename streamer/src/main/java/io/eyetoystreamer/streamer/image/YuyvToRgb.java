package io.eyetoystreamer.streamer.image;

import java.nio.ByteBuffer;

/**
 * YUYV (YUV 4:2:2, bytes Y0 U Y1 V per pixel pair) to RGB with BT.601 limited-range coefficients,
 * rounded and clamped: the formula of ARCHITECTURE.md, shared with the viewer's decoders and
 * checked against the same test vectors. Stateless and thread-safe.
 */
public final class YuyvToRgb {
  private YuyvToRgb() {}

  /**
   * Converts one pixel.
   *
   * @return {@code 0xRRGGBB}
   */
  public static int pixel(int y, int u, int v) {
    double c = 1.164383 * (y - 16);
    int d = u - 128;
    int e = v - 128;
    int r = clamp(c + 1.596027 * e);
    int g = clamp(c - 0.391762 * d - 0.812968 * e);
    int b = clamp(c + 2.017232 * d);
    return r << 16 | g << 8 | b;
  }

  /**
   * Converts a frame to packed {@code 0xRRGGBB} pixels, row by row.
   *
   * @param yuyv the frame from its position; not modified
   * @param bytesPerLine bytes per row in {@code yuyv} (at least {@code 2 * width})
   * @param rgb at least {@code width * height} entries
   */
  public static void frame(ByteBuffer yuyv, int width, int height, int bytesPerLine, int[] rgb) {
    int base = yuyv.position();
    for (int row = 0; row < height; row++) {
      int in = base + row * bytesPerLine;
      int out = row * width;
      for (int x = 0; x + 1 < width; x += 2, in += 4) {
        int y0 = yuyv.get(in) & 0xff;
        int u = yuyv.get(in + 1) & 0xff;
        int y1 = yuyv.get(in + 2) & 0xff;
        int v = yuyv.get(in + 3) & 0xff;
        rgb[out + x] = pixel(y0, u, v);
        rgb[out + x + 1] = pixel(y1, u, v);
      }
    }
  }

  private static int clamp(double value) {
    long rounded = Math.round(value);
    return (int) Math.max(0, Math.min(255, rounded));
  }
}
