package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StampDecoderTest {
  private static final PictureLayout VGA = PictureLayout.VGA;
  private static final int BPL = VGA.bytesPerLine();

  private static ByteBuffer paint(long sequence) {
    ByteBuffer frame = ByteBuffer.allocate(VGA.imageBytes());
    new FramePainter(VGA).paint(frame, BPL, sequence, PictureSettings.DEFAULTS);
    return frame;
  }

  @Test
  void decodesTheSequenceFromYuyv() {
    StampDecoder.Stamps stamps = StampDecoder.fromYuyv(paint(4_294_967_295L), 640, 480, BPL);
    assertEquals(4_294_967_295L, stamps.top());
    assertTrue(stamps.whole());
  }

  @Test
  void tornFrameShowsDifferentTopAndBottom() {
    ByteBuffer older = paint(41);
    ByteBuffer newer = paint(42);
    int half = VGA.height() / 2 * BPL;
    ByteBuffer torn = ByteBuffer.allocate(VGA.imageBytes());
    torn.put(0, newer, 0, half).put(half, older, half, VGA.imageBytes() - half);

    StampDecoder.Stamps stamps = StampDecoder.fromYuyv(torn, 640, 480, BPL);

    assertEquals(42, stamps.top());
    assertEquals(41, stamps.bottom());
    assertTrue(stamps.legible());
    assertFalse(stamps.whole());
  }

  @Test
  void midGreyFrameIsIllegible() {
    StampDecoder.Stamps stamps = StampDecoder.fromRgb((x, y) -> 0x808080, 640, 480);
    assertFalse(stamps.legible());
    assertFalse(stamps.whole());
  }

  @Test
  void luminanceUsesBt601Weights() {
    assertEquals(255, StampDecoder.luminance(0xFFFFFF));
    assertEquals(76, StampDecoder.luminance(0xFF0000));
    assertEquals(150, StampDecoder.luminance(0x00FF00));
    assertEquals(29, StampDecoder.luminance(0x0000FF));
    assertEquals(255, StampDecoder.luminance(0xFFFFFFFF), "alpha ignored");
  }

  @Test
  void readsFromTheBufferPositionWithoutMovingIt() {
    ByteBuffer frame = ByteBuffer.allocate(VGA.imageBytes() + 100);
    frame.position(100);
    new FramePainter(VGA).paint(frame, BPL, 77, PictureSettings.DEFAULTS);
    assertEquals(77, StampDecoder.fromYuyv(frame, 640, 480, BPL).sequence());
    assertEquals(100, frame.position());
  }

  @Test
  void refusesABufferTooSmallForTheFrame() {
    ByteBuffer small = ByteBuffer.allocate(1000);
    assertThrows(IllegalArgumentException.class, () -> StampDecoder.fromYuyv(small, 640, 480, BPL));
  }

  @Test
  void refusesASizeThatIsNotAnEyetoySize() {
    assertThrows(IllegalArgumentException.class, () -> StampDecoder.fromRgb((x, y) -> 0, 100, 75));
  }
}
