package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.FourCc;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class Yuv420PictureTest {
  /** A 4x2 YUYV frame: Y = 10 * x + y, U = 100 + row, V = 200 + row (per pixel pair). */
  private static ByteBuffer yuyv4x2(int stride) {
    ByteBuffer b = ByteBuffer.allocate(stride * 2);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        b.put(y * stride + 2 * x, (byte) (10 * x + y));
        b.put(y * stride + 2 * x + 1, (byte) (x % 2 == 0 ? 100 + y : 200 + y));
      }
    }
    return b;
  }

  @Test
  void yuyvLumaIsKeptAndChromaIsTheRoundedAverageOfTwoRows() {
    Yuv420Picture p = Yuv420Picture.of(FourCc.YUYV, yuyv4x2(8), 4, 2, 8);
    assertEquals(31, p.luma[p.lumaStride() + 3]);
    assertEquals(101, p.cb[0] & 0xFF, "(100 + 101 + 1) >> 1");
    assertEquals(201, p.cr[1] & 0xFF, "(200 + 201 + 1) >> 1");
  }

  @Test
  void theRowStrideIsHonoured() {
    Yuv420Picture tight = Yuv420Picture.of(FourCc.YUYV, yuyv4x2(8), 4, 2, 8);
    Yuv420Picture padded = Yuv420Picture.of(FourCc.YUYV, yuyv4x2(12), 4, 2, 12);
    assertTrue(tight.sameAs(padded));
  }

  @Test
  void thePaddingRepeatsTheLastColumnAndRow() {
    Yuv420Picture p = Yuv420Picture.of(FourCc.YUYV, yuyv4x2(8), 4, 2, 8);
    assertEquals(16, p.lumaStride());
    assertEquals(30, p.luma[15], "row 0 padded with x = 3");
    assertEquals(31, p.luma[15 * 16 + 15], "the last rows repeat row 1");
    assertEquals(p.cr[1], p.cr[7 * 8 + 7]);
  }

  @Test
  void i420AndNv12CarryTheSamePicture() {
    int w = 4;
    int h = 2;
    ByteBuffer i420 = ByteBuffer.allocate(w * h * 3 / 2);
    ByteBuffer nv12 = ByteBuffer.allocate(w * h * 3 / 2);
    for (int i = 0; i < w * h; i++) {
      i420.put(i, (byte) i);
      nv12.put(i, (byte) i);
    }
    i420.put(8, (byte) 50).put(9, (byte) 51).put(10, (byte) 60).put(11, (byte) 61);
    nv12.put(8, (byte) 50).put(9, (byte) 60).put(10, (byte) 51).put(11, (byte) 61);
    assertTrue(
        Yuv420Picture.of(FourCc.YUV420, i420, w, h, w)
            .sameAs(Yuv420Picture.of(FourCc.NV12, nv12, w, h, w)));
  }

  @Test
  void oneChangedSampleMakesAnotherPicture() {
    ByteBuffer a = yuyv4x2(8);
    ByteBuffer b = yuyv4x2(8);
    b.put(6, (byte) 99);
    assertFalse(
        Yuv420Picture.of(FourCc.YUYV, a, 4, 2, 8)
            .sameAs(Yuv420Picture.of(FourCc.YUYV, b, 4, 2, 8)));
  }
}
