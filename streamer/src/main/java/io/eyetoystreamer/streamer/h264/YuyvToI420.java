package io.eyetoystreamer.streamer.h264;

import java.nio.ByteBuffer;

/**
 * Converts packed YUYV 4:2:2 (Y0 U Y1 V per pixel pair) into the three planes of I420 (YUV 4:2:0):
 * luma as is, and each chroma sample the average of the two rows it covers, {@code (top + bottom +
 * 1) / 2}, rather than the top row's alone, so that vertical colour edges and chroma noise are
 * halved the way a 4:2:0 scaler would. Values stay in the camera's limited range (BT.601, Y
 * 16..235, U and V 16..240): H.264 carries that range by default, so nothing is rescaled.
 *
 * <p>Works two rows at a time through reused arrays (bulk copies in and out, a plain array loop in
 * between), like the JPEG path's {@code YuyvPlanes}. Allocates only when the width changes. Public
 * for the benchmarks, which time it alone and feed its planes to other OpenH264 clients. Not
 * thread-safe: one per encoder.
 */
public final class YuyvToI420 {
  private byte[] top = new byte[0];
  private byte[] bottom = new byte[0];
  private byte[] yTop = new byte[0];
  private byte[] yBottom = new byte[0];
  private byte[] uRow = new byte[0];
  private byte[] vRow = new byte[0];

  /** A converter with no rows yet; its arrays grow to the first frame's width. */
  public YuyvToI420() {}

  /**
   * Writes the planes of {@code yuyv} (from its position, not moved) into {@code y} ({@code width *
   * height} bytes), {@code u} and {@code v} ({@code width/2 * height/2} bytes each), all from index
   * 0. {@code width} and {@code height} must be even; the caller checks that {@code yuyv} holds the
   * frame.
   */
  public void convert(
      ByteBuffer yuyv,
      int width,
      int height,
      int bytesPerLine,
      ByteBuffer y,
      ByteBuffer u,
      ByteBuffer v) {
    int half = width / 2;
    if (yTop.length != width) {
      top = new byte[width * 2];
      bottom = new byte[width * 2];
      yTop = new byte[width];
      yBottom = new byte[width];
      uRow = new byte[half];
      vRow = new byte[half];
    }
    byte[] a = top;
    byte[] b = bottom;
    byte[] ya = yTop;
    byte[] yb = yBottom;
    byte[] us = uRow;
    byte[] vs = vRow;
    int base = yuyv.position();
    for (int row = 0; row < height; row += 2) {
      yuyv.get(base + row * bytesPerLine, a, 0, width * 2);
      yuyv.get(base + (row + 1) * bytesPerLine, b, 0, width * 2);
      for (int pair = 0, s = 0; pair < half; pair++, s += 4) {
        ya[2 * pair] = a[s];
        ya[2 * pair + 1] = a[s + 2];
        yb[2 * pair] = b[s];
        yb[2 * pair + 1] = b[s + 2];
        us[pair] = (byte) (((a[s + 1] & 0xff) + (b[s + 1] & 0xff) + 1) >> 1);
        vs[pair] = (byte) (((a[s + 3] & 0xff) + (b[s + 3] & 0xff) + 1) >> 1);
      }
      y.put(row * width, ya, 0, width);
      y.put((row + 1) * width, yb, 0, width);
      u.put(row / 2 * half, us, 0, half);
      v.put(row / 2 * half, vs, 0, half);
    }
  }
}
