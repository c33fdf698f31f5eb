package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Golden tests of the simulated Eyetoy's picture, against ARCHITECTURE.md. */
class PictureTest {
  private static final PictureLayout VGA = PictureLayout.VGA;
  private static final int BPL = VGA.bytesPerLine();
  private static final int BAR_ROW = 200;
  private static final int STAMP_ROW = 8;

  private static ByteBuffer paint(long sequence, PictureSettings settings) {
    ByteBuffer frame = ByteBuffer.allocateDirect(VGA.imageBytes());
    new FramePainter(VGA).paint(frame, BPL, sequence, settings);
    return frame;
  }

  private static int barCentre(int bar) {
    return bar * VGA.barWidth() + VGA.barWidth() / 2;
  }

  @Test
  void stampDecodesToTheSequenceAfterBt601Conversion() {
    long sequence = 0xA5C3_0F81L;
    ByteBuffer frame = paint(sequence, PictureSettings.DEFAULTS);
    int[] rgb = Bt601.convert(frame, VGA.width(), VGA.height(), BPL);

    StampDecoder.Stamps stamps =
        StampDecoder.fromRgb((x, y) -> rgb[y * VGA.width() + x], VGA.width(), VGA.height());

    assertEquals(sequence, stamps.top());
    assertEquals(sequence, stamps.bottom());
    assertTrue(stamps.whole(), stamps.toString());
  }

  @Test
  void stampDecodesToTheSequenceAtQvgaToo() {
    PictureLayout qvga = PictureLayout.QVGA;
    ByteBuffer frame = ByteBuffer.allocateDirect(qvga.imageBytes());
    new FramePainter(qvga).paint(frame, qvga.bytesPerLine(), 12_345, PictureSettings.DEFAULTS);
    int[] rgb = Bt601.convert(frame, qvga.width(), qvga.height(), qvga.bytesPerLine());

    StampDecoder.Stamps stamps =
        StampDecoder.fromRgb((x, y) -> rgb[y * qvga.width() + x], qvga.width(), qvga.height());

    assertEquals(12_345, stamps.sequence());
    assertTrue(stamps.whole());
  }

  @Test
  void topStampEqualsBottomStampByteForByte() {
    ByteBuffer frame = paint(987_654_321L, PictureSettings.DEFAULTS);
    for (int r = 0; r < VGA.stampRows(); r++) {
      for (int i = 0; i < BPL; i++) {
        assertEquals(
            frame.get(r * BPL + i), frame.get((VGA.bottomStampTop() + r) * BPL + i), "row " + r);
      }
    }
  }

  @Test
  void stampBlocksHaveTheDocumentedValues() {
    ByteBuffer frame = paint(0x8000_0001L, PictureSettings.DEFAULTS);
    int block = VGA.blockWidth();
    assertEquals(235, Bt601.luma(frame, BPL, block / 2, STAMP_ROW), "bit 31 is 1: Y 235");
    assertEquals(16, Bt601.luma(frame, BPL, block + block / 2, STAMP_ROW), "bit 30 is 0: Y 16");
    assertEquals(235, Bt601.luma(frame, BPL, 31 * block + block / 2, STAMP_ROW), "bit 0 is 1");
    assertEquals(128, Bt601.u(frame, BPL, 0, STAMP_ROW));
    assertEquals(128, Bt601.v(frame, BPL, 0, STAMP_ROW));
  }

  @Test
  void barsHaveTheDocumentedYuvValues() {
    ByteBuffer frame = paint(7, PictureSettings.DEFAULTS);
    for (ColourBar bar : ColourBar.values()) {
      int x = barCentre(bar.ordinal());
      for (int row = VGA.barsTop(); row < VGA.bandTop(); row += 37) {
        assertEquals(bar.y(), Bt601.luma(frame, BPL, x, row), bar + " Y at row " + row);
        assertEquals(bar.u(), Bt601.u(frame, BPL, x, row), bar + " U");
        assertEquals(bar.v(), Bt601.v(frame, BPL, x, row), bar + " V");
      }
    }
  }

  @Test
  void barsDecodeToTheDocumentedRgbWithinOneLevel() {
    for (ColourBar bar : ColourBar.values()) {
      int rgb = Bt601.rgb(bar.y(), bar.u(), bar.v());
      assertEquals(bar.red(), rgb >>> 16 & 0xFF, 1, bar + " red");
      assertEquals(bar.green(), rgb >>> 8 & 0xFF, 1, bar + " green");
      assertEquals(bar.blue(), rgb & 0xFF, 1, bar + " blue");
    }
  }

  @Test
  void barTableMatchesArchitectureMd() {
    int[][] documented = {
      {180, 128, 128, 191, 191, 191},
      {162, 44, 142, 191, 191, 0},
      {131, 156, 44, 0, 191, 191},
      {112, 72, 58, 0, 191, 0},
      {84, 184, 198, 191, 0, 191},
      {65, 100, 212, 191, 0, 0},
      {35, 212, 114, 0, 0, 191},
      {16, 128, 128, 0, 0, 0}
    };
    for (ColourBar bar : ColourBar.values()) {
      int[] row = documented[bar.ordinal()];
      assertEquals(row[0], bar.y());
      assertEquals(row[1], bar.u());
      assertEquals(row[2], bar.v());
      assertEquals(row[3] << 16 | row[4] << 8 | row[5], bar.rgb(), bar.name());
    }
  }

  @Test
  void motionBoxSitsWhereTheFormulaSays() {
    long sequence = 100;
    ByteBuffer frame = paint(sequence, PictureSettings.DEFAULTS);
    int left = (int) ((8 * sequence) % (VGA.width() - VGA.bandRows())) & ~1;
    int row = VGA.bandTop() + VGA.bandRows() / 2;
    assertEquals(left, VGA.boxLeft(sequence));
    assertEquals(16, Bt601.luma(frame, BPL, left - 1, row), "black left of the box");
    assertEquals(235, Bt601.luma(frame, BPL, left, row), "the box's left edge");
    assertEquals(235, Bt601.luma(frame, BPL, left + VGA.bandRows() - 1, row), "its right edge");
    assertEquals(16, Bt601.luma(frame, BPL, left + VGA.bandRows(), row), "black after it");
  }

  @Test
  void motionBoxMovesEightPixelsAFrame() {
    assertEquals(VGA.boxLeft(10) + 8, VGA.boxLeft(11));
    assertEquals(0, VGA.boxLeft(74), "wraps at W - M = 592: 8 * 74 = 592");
  }

  @Test
  void brightnessRaisesLumaOfBarsButNotStamps() {
    PictureSettings brighter = new PictureSettings(40, 32, 64, 0, false, false, 1.0);
    ByteBuffer plain = paint(0x0F0F_0F0FL, PictureSettings.DEFAULTS);
    ByteBuffer bright = paint(0x0F0F_0F0FL, brighter);
    for (ColourBar bar : ColourBar.values()) {
      int x = barCentre(bar.ordinal());
      int expected = Math.min(235, bar.y() + 40);
      assertEquals(expected, Bt601.luma(bright, BPL, x, BAR_ROW), bar.name());
      assertTrue(Bt601.luma(bright, BPL, x, BAR_ROW) > Bt601.luma(plain, BPL, x, BAR_ROW));
    }
    for (int r : new int[] {STAMP_ROW, VGA.bottomStampTop() + STAMP_ROW}) {
      for (int i = 0; i < BPL; i++) {
        assertEquals(plain.get(r * BPL + i), bright.get(r * BPL + i), "stamp row " + r);
      }
    }
    int outsideBox = VGA.boxLeft(0x0F0F_0F0FL) > 0 ? 0 : VGA.width() - 2;
    assertEquals(
        16 + 40,
        Bt601.luma(bright, BPL, outsideBox, VGA.bandTop() + 1),
        "the band's black is lifted too");
  }

  @Test
  void hflipMirrorsBarsAndBox() {
    PictureSettings flipped = new PictureSettings(0, 32, 64, 0, true, false, 1.0);
    long sequence = 30;
    ByteBuffer plain = paint(sequence, PictureSettings.DEFAULTS);
    ByteBuffer mirrored = paint(sequence, flipped);
    int row = VGA.bandTop() + 3;
    for (int x = 0; x < VGA.width(); x++) {
      int mirror = VGA.width() - 1 - x;
      assertEquals(Bt601.luma(plain, BPL, x, BAR_ROW), Bt601.luma(mirrored, BPL, mirror, BAR_ROW));
      assertEquals(Bt601.u(plain, BPL, x, BAR_ROW), Bt601.u(mirrored, BPL, mirror, BAR_ROW));
      assertEquals(Bt601.luma(plain, BPL, x, row), Bt601.luma(mirrored, BPL, mirror, row));
    }
    assertEquals(ColourBar.BLACK.y(), Bt601.luma(mirrored, BPL, barCentre(0), BAR_ROW));
    assertEquals(
        StampDecoder.fromYuyv(plain, 640, 480, BPL),
        StampDecoder.fromYuyv(mirrored, 640, 480, BPL));
  }

  @Test
  void vflipPutsTheMotionBandBelowTheTopStamp() {
    PictureSettings flipped = new PictureSettings(0, 32, 64, 0, false, true, 1.0);
    long sequence = 5;
    ByteBuffer frame = paint(sequence, flipped);
    int boxX = VGA.boxLeft(sequence) + 2;
    assertEquals(235, Bt601.luma(frame, BPL, boxX, VGA.stampRows()), "band starts after stamp");
    assertEquals(ColourBar.WHITE.y(), Bt601.luma(frame, BPL, 1, VGA.bottomStampTop() - 1));
    assertEquals(sequence, StampDecoder.fromYuyv(frame, 640, 480, BPL).sequence());
  }

  @Test
  void saturationZeroMakesBarsGrey() {
    ByteBuffer frame = paint(1, new PictureSettings(0, 32, 0, 0, false, false, 1.0));
    for (ColourBar bar : ColourBar.values()) {
      int x = barCentre(bar.ordinal());
      assertEquals(bar.y(), Bt601.luma(frame, BPL, x, BAR_ROW));
      assertEquals(128, Bt601.u(frame, BPL, x, BAR_ROW));
      assertEquals(128, Bt601.v(frame, BPL, x, BAR_ROW));
    }
  }

  @Test
  void contrastScalesLumaAroundMidGrey() {
    ByteBuffer frame = paint(1, new PictureSettings(0, 16, 64, 0, false, false, 1.0));
    assertEquals(154, Bt601.luma(frame, BPL, barCentre(0), BAR_ROW), "128 + (180 - 128) / 2");
    assertEquals(72, Bt601.luma(frame, BPL, barCentre(7), BAR_ROW), "128 + (16 - 128) / 2");
  }

  @Test
  void hueRotatesChroma() {
    PictureSettings quarter = new PictureSettings(0, 32, 64, 90, false, false, 1.0);
    int rotated = quarter.applyTo(ColourBar.RED.y(), ColourBar.RED.u(), ColourBar.RED.v());
    int d = ColourBar.RED.u() - 128;
    int e = ColourBar.RED.v() - 128;
    assertEquals(128 - e, rotated >>> 8 & 0xFF, "U = 128 + d cos 90 - e sin 90");
    assertEquals(128 + d, rotated & 0xFF, "V = 128 + d sin 90 + e cos 90");
    assertEquals(ColourBar.RED.y(), rotated >>> 16);
  }

  @Test
  void defaultSettingsLeaveEveryColourAlone() {
    for (int y = 16; y <= 235; y += 7) {
      for (int c = 16; c <= 240; c += 8) {
        assertEquals(y << 16 | c << 8 | (256 - c), PictureSettings.DEFAULTS.applyTo(y, c, 256 - c));
      }
    }
  }

  @Test
  void paintingLeavesRowPaddingAndBufferPositionAlone() {
    int bpl = BPL + 64;
    ByteBuffer frame = ByteBuffer.allocate(bpl * VGA.height() + 10);
    frame.position(10);
    for (int i = 0; i < frame.capacity(); i++) {
      frame.put(i, (byte) 0x55);
    }
    new FramePainter(VGA).paint(frame, bpl, 3, PictureSettings.DEFAULTS);
    assertEquals(10, frame.position());
    assertEquals(0x55, frame.get(10 + BPL) & 0xFF, "padding of row 0 untouched");
    assertEquals(0x55, frame.get(9) & 0xFF, "bytes before the position untouched");
    assertEquals(3, StampDecoder.fromYuyv(frame, 640, 480, bpl).sequence());
  }
}
