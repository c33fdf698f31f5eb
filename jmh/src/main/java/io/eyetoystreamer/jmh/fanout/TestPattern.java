package io.eyetoystreamer.jmh.fanout;

import java.nio.ByteBuffer;

/**
 * A 640x480 YUYV test picture like the simulated Eyetoy's (ARCHITECTURE.md): a top and a bottom
 * stamp showing the frame number in 32 blocks, 75% colour bars between them, and a black band above
 * the bottom stamp. Only the stamps change from frame to frame.
 */
final class TestPattern {
  private static final int W = FrameHeader.WIDTH;
  private static final int H = FrameHeader.HEIGHT;
  private static final int STAMP_ROWS = H / 30;
  private static final int BAND_ROWS = H / 10;
  private static final int[][] BARS = {
    {180, 128, 128}, {162, 44, 142}, {131, 156, 44}, {112, 72, 58},
    {84, 184, 198}, {65, 100, 212}, {35, 212, 114}, {16, 128, 128}
  };

  private TestPattern() {}

  /** Draws the whole picture of frame {@code n} at {@code frame}'s absolute index {@code at}. */
  static void draw(ByteBuffer frame, int at, long n) {
    for (int y = STAMP_ROWS; y < H - STAMP_ROWS; y++) {
      int row = at + y * FrameHeader.BYTES_PER_LINE;
      boolean band = y >= H - STAMP_ROWS - BAND_ROWS;
      for (int x = 0; x < W; x += 2) {
        int[] c = band ? BARS[7] : BARS[x / (W / 8)];
        int i = row + x * 2;
        frame.put(i, (byte) c[0]);
        frame.put(i + 1, (byte) c[1]);
        frame.put(i + 2, (byte) c[0]);
        frame.put(i + 3, (byte) c[2]);
      }
    }
    stamp(frame, at, n);
  }

  /** Redraws only the two stamps, for frame {@code n}. */
  static void stamp(ByteBuffer frame, int at, long n) {
    for (int y = 0; y < STAMP_ROWS; y++) {
      stampRow(frame, at + y * FrameHeader.BYTES_PER_LINE, n);
      stampRow(frame, at + (H - 1 - y) * FrameHeader.BYTES_PER_LINE, n);
    }
  }

  private static void stampRow(ByteBuffer frame, int row, long n) {
    for (int x = 0; x < W; x += 2) {
      int bit = 31 - x / (W / 32);
      byte y = (byte) (((n >>> bit) & 1) != 0 ? 235 : 16);
      int i = row + x * 2;
      frame.put(i, y);
      frame.put(i + 1, (byte) 128);
      frame.put(i + 2, y);
      frame.put(i + 3, (byte) 128);
    }
  }
}
