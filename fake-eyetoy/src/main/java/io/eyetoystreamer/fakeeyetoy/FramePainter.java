package io.eyetoystreamer.fakeeyetoy;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Paints the simulated Eyetoy's picture for frame {@code n} into a packed YUYV buffer: the layout
 * of {@link PictureLayout}, the bars and motion band changed by {@link PictureSettings}, the stamps
 * drawn last and never changed.
 *
 * <p>Fast enough for 187 fps: the bar row, the black band row and the box colour are computed once
 * per settings value; a frame is one stamp row and one band row built in reused arrays, then bulk
 * copies row by row. Painting allocates nothing.
 *
 * <p>Not thread-safe: use one painter per thread (the simulated camera paints under its lock).
 */
public final class FramePainter {
  private static final ColourBar[] BARS = ColourBar.values();

  private final PictureLayout layout;
  private final byte[] barRow;
  private final byte[] blackRow;
  private final byte[] bandRow;
  private final byte[] stampRow;
  private final byte[] box = new byte[4];
  private PictureSettings prepared;

  /**
   * Creates a painter for one frame size.
   *
   * @param layout the frame size and layout
   */
  public FramePainter(PictureLayout layout) {
    this.layout = Objects.requireNonNull(layout, "layout");
    int rowBytes = layout.bytesPerLine();
    this.barRow = new byte[rowBytes];
    this.blackRow = new byte[rowBytes];
    this.bandRow = new byte[rowBytes];
    this.stampRow = new byte[rowBytes];
  }

  /**
   * Returns the layout this painter paints.
   *
   * @return the layout
   */
  public PictureLayout layout() {
    return layout;
  }

  /**
   * Paints frame {@code sequence}. Writes {@code height} rows of {@code 2 * width} bytes, row
   * {@code r} at {@code target.position() + r * bytesPerLine}, with absolute puts: the buffer's
   * position and limit do not change, and padding bytes at the end of each row are left alone.
   *
   * @param target the frame memory, e.g. a mapped driver buffer
   * @param bytesPerLine bytes from one row to the next, at least {@code 2 * width}
   * @param sequence the driver sequence number shown in the stamps (its low 32 bits)
   * @param settings the control values to apply to the bars and the motion band
   * @throws IllegalArgumentException when the frame does not fit between position and limit
   */
  public void paint(ByteBuffer target, int bytesPerLine, long sequence, PictureSettings settings) {
    int width = layout.width();
    int height = layout.height();
    int rowBytes = layout.bytesPerLine();
    int base = target.position();
    if (bytesPerLine < rowBytes
        || (long) base + (long) (height - 1) * bytesPerLine + rowBytes > target.limit()) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " frame at "
              + bytesPerLine
              + " bytes per line does not fit "
              + target);
    }
    prepare(settings);
    drawStamp(sequence);
    drawBand(sequence, settings.hflip());
    int stamp = layout.stampRows();
    int band = layout.bandRows();
    int barsTop = settings.vflip() ? stamp + band : stamp;
    int bandTop = settings.vflip() ? stamp : layout.bandTop();
    int barsEnd = barsTop + height - 2 * stamp - band;
    for (int r = 0; r < stamp; r++) {
      target.put(base + r * bytesPerLine, stampRow, 0, rowBytes);
    }
    for (int r = barsTop; r < barsEnd; r++) {
      target.put(base + r * bytesPerLine, barRow, 0, rowBytes);
    }
    for (int r = bandTop; r < bandTop + band; r++) {
      target.put(base + r * bytesPerLine, bandRow, 0, rowBytes);
    }
    for (int r = layout.bottomStampTop(); r < height; r++) {
      target.put(base + r * bytesPerLine, stampRow, 0, rowBytes);
    }
  }

  /** Recomputes the rows that depend only on the settings, when they changed. */
  private void prepare(PictureSettings settings) {
    if (settings.equals(prepared)) {
      return;
    }
    int barWidth = layout.barWidth();
    for (int b = 0; b < ColourBar.COUNT; b++) {
      ColourBar bar = BARS[b];
      int slot = settings.hflip() ? ColourBar.COUNT - 1 - b : b;
      fill(barRow, slot * barWidth, barWidth, settings.applyTo(bar.y(), bar.u(), bar.v()));
    }
    int black =
        settings.applyTo(
            PictureLayout.BLACK_Y, PictureLayout.NEUTRAL_CHROMA, PictureLayout.NEUTRAL_CHROMA);
    fill(blackRow, 0, layout.width(), black);
    int white =
        settings.applyTo(
            PictureLayout.WHITE_Y, PictureLayout.NEUTRAL_CHROMA, PictureLayout.NEUTRAL_CHROMA);
    fill(box, 0, 2, white);
    prepared = settings;
  }

  private void drawStamp(long sequence) {
    int blockWidth = layout.blockWidth();
    for (int k = 0; k < PictureLayout.STAMP_BITS; k++) {
      boolean one = ((sequence >>> (PictureLayout.STAMP_BITS - 1 - k)) & 1) != 0;
      int y = one ? PictureLayout.WHITE_Y : PictureLayout.BLACK_Y;
      int colour = y << 16 | PictureLayout.NEUTRAL_CHROMA << 8 | PictureLayout.NEUTRAL_CHROMA;
      fill(stampRow, k * blockWidth, blockWidth, colour);
    }
  }

  private void drawBand(long sequence, boolean hflip) {
    System.arraycopy(blackRow, 0, bandRow, 0, bandRow.length);
    int size = layout.bandRows();
    int left = layout.boxLeft(sequence);
    if (hflip) {
      left = layout.width() - size - left;
    }
    for (int x = left; x < left + size; x += 2) {
      System.arraycopy(box, 0, bandRow, 2 * x, 4);
    }
  }

  /** Fills {@code pixels} pixels from {@code x} (even) with a colour packed {@code 0x00YYUUVV}. */
  private static void fill(byte[] row, int x, int pixels, int colour) {
    byte y = (byte) (colour >>> 16);
    byte u = (byte) (colour >>> 8);
    byte v = (byte) colour;
    for (int i = 2 * x, end = 2 * (x + pixels); i < end; i += 4) {
      row[i] = y;
      row[i + 1] = u;
      row[i + 2] = y;
      row[i + 3] = v;
    }
  }
}
