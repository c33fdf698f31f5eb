package io.eyetoystreamer.fakeeyetoy;

import java.nio.ByteBuffer;

/**
 * A reference YUYV to RGB converter written from ARCHITECTURE.md's formula (BT.601, limited range),
 * independent of the production code, for golden tests.
 */
final class Bt601 {
  private Bt601() {}

  /** Converts one pixel, returning 0xRRGGBB. */
  static int rgb(int y, int u, int v) {
    double c = y - 16;
    double d = u - 128;
    double e = v - 128;
    int r = clamp(1.164383 * c + 1.596027 * e);
    int g = clamp(1.164383 * c - 0.391762 * d - 0.812968 * e);
    int b = clamp(1.164383 * c + 2.017232 * d);
    return r << 16 | g << 8 | b;
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  /** Converts a whole YUYV frame to 0xRRGGBB pixels, row-major. */
  static int[] convert(ByteBuffer yuyv, int width, int height, int bytesPerLine) {
    int[] out = new int[width * height];
    for (int row = 0; row < height; row++) {
      for (int x = 0; x < width; x += 2) {
        int at = row * bytesPerLine + 2 * x;
        int y0 = yuyv.get(at) & 0xFF;
        int u = yuyv.get(at + 1) & 0xFF;
        int y1 = yuyv.get(at + 2) & 0xFF;
        int v = yuyv.get(at + 3) & 0xFF;
        out[row * width + x] = rgb(y0, u, v);
        out[row * width + x + 1] = rgb(y1, u, v);
      }
    }
    return out;
  }

  /** Reads the luma of pixel (x, row) of a YUYV frame. */
  static int luma(ByteBuffer yuyv, int bytesPerLine, int x, int row) {
    return yuyv.get(row * bytesPerLine + 2 * x) & 0xFF;
  }

  /** Reads the U of the pixel pair holding (x, row). */
  static int u(ByteBuffer yuyv, int bytesPerLine, int x, int row) {
    return yuyv.get(row * bytesPerLine + 4 * (x / 2) + 1) & 0xFF;
  }

  /** Reads the V of the pixel pair holding (x, row). */
  static int v(ByteBuffer yuyv, int bytesPerLine, int x, int row) {
    return yuyv.get(row * bytesPerLine + 4 * (x / 2) + 3) & 0xFF;
  }
}
