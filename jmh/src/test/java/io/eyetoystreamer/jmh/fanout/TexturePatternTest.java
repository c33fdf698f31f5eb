package io.eyetoystreamer.jmh.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The moving texture: the same bytes every time, panned frame to frame, stamped. */
class TexturePatternTest {
  private static final TexturePattern PATTERN = new TexturePattern();

  @Test
  void isTheSameEveryTimeAndCarriesTheFrameNumber() {
    ByteBuffer a = frame(1234);
    ByteBuffer b = frame(1234);
    assertEquals(a, b);
    // The stamp: block k (20 pixels wide) shows bit 31 - k of n; read at its centre's luma.
    long read = 0;
    for (int k = 0; k < 32; k++) {
      int x = k * 20 + 10;
      read = read << 1 | ((a.get(x * 2) & 0xFF) > 128 ? 1 : 0);
    }
    assertEquals(1234, read);
  }

  @Test
  void pansThreeRightAndOneDownPerFrameUnderALittleNoise() {
    ByteBuffer a = frame(100);
    ByteBuffer b = frame(101);
    long moved = 0;
    long still = 0;
    int count = 0;
    for (int y = 100; y < 300; y++) {
      for (int x = 100; x < 500; x++) {
        int now = luma(b, x, y);
        moved += Math.abs(now - luma(a, x - TexturePattern.PAN_X, y - TexturePattern.PAN_Y));
        still += Math.abs(now - luma(a, x, y));
        count++;
      }
    }
    double movedMean = moved / (double) count;
    double stillMean = still / (double) count;
    assertTrue(movedMean < 3, "mean difference along the pan: " + movedMean);
    assertTrue(stillMean > 3 * movedMean, "without the pan: " + stillMean + ", " + movedMean);
  }

  private static int luma(ByteBuffer f, int x, int y) {
    return f.get(y * FrameHeader.BYTES_PER_LINE + x * 2) & 0xFF;
  }

  private static ByteBuffer frame(long n) {
    ByteBuffer b = ByteBuffer.allocate(FrameHeader.FRAME_BYTES);
    PATTERN.draw(b, 0, n);
    return b;
  }
}
