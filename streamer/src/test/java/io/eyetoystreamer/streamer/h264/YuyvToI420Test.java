package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** YUYV 4:2:2 to I420: luma as is, chroma the rounded mean of the two rows it covers. */
class YuyvToI420Test {
  @Test
  void lumaIsCopiedAndChromaOfTwoRowsAveraged() {
    // 4x2 pixels, rows padded to 10 bytes; the padding must be ignored.
    byte[] frame = {
      16,
      100,
      17,
      (byte) 200,
      18,
      10,
      19,
      20,
      99,
      99, //
      (byte) 235,
      101,
      (byte) 234,
      (byte) 201,
      (byte) 233,
      13,
      (byte) 232,
      24,
      99,
      99
    };
    ByteBuffer y = ByteBuffer.allocate(8);
    ByteBuffer u = ByteBuffer.allocate(2);
    ByteBuffer v = ByteBuffer.allocate(2);
    new YuyvToI420().convert(ByteBuffer.wrap(frame), 4, 2, 10, y, u, v);
    assertArrayEquals(new int[] {16, 17, 18, 19, 235, 234, 233, 232}, unsigned(y));
    assertArrayEquals(new int[] {101, 12}, unsigned(u), "(100 + 101 + 1) / 2, (10 + 13 + 1) / 2");
    assertArrayEquals(new int[] {201, 22}, unsigned(v), "(200 + 201 + 1) / 2, (20 + 24 + 1) / 2");
  }

  @Test
  void readsFromTheBuffersPositionWithoutMovingIt() {
    ByteBuffer frame = ByteBuffer.allocateDirect(3 + 8);
    frame.position(3);
    frame.put(3, new byte[] {50, 60, 51, 70, 52, 80, 53, 90});
    ByteBuffer y = ByteBuffer.allocate(4);
    ByteBuffer u = ByteBuffer.allocate(1);
    ByteBuffer v = ByteBuffer.allocate(1);
    new YuyvToI420().convert(frame, 2, 2, 4, y, u, v);
    assertArrayEquals(new int[] {50, 51, 52, 53}, unsigned(y));
    assertArrayEquals(new int[] {70}, unsigned(u));
    assertArrayEquals(new int[] {80}, unsigned(v));
    assertEquals(3, frame.position());
  }

  private static int[] unsigned(ByteBuffer b) {
    int[] out = new int[b.capacity()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i) & 0xff;
    }
    return out;
  }
}
