package io.eyetoystreamer.fakeeyetoy;

/**
 * Where everything sits in a frame of the simulated Eyetoy, as ARCHITECTURE.md ("The simulated
 * Eyetoy's picture") specifies it for a {@code W}x{@code H} YUYV frame with {@code S = H / 30}
 * stamp rows and a motion band of {@code M = H / 10} rows:
 *
 * <ul>
 *   <li>rows {@code 0 .. S-1}: the top stamp, 32 blocks of {@code W / 32} pixels, block {@code k}
 *       showing bit {@code 31 - k} of the sequence number (Y 235 for 1, Y 16 for 0, U = V = 128);
 *   <li>rows {@code S .. H-S-M-1}: eight vertical {@link ColourBar colour bars}, {@code W / 8}
 *       wide;
 *   <li>rows {@code H-S-M .. H-S-1}: the motion band, black with a white {@code M}x{@code M} box
 *       whose left edge is {@link #boxLeft(long)};
 *   <li>rows {@code H-S .. H-1}: the bottom stamp, the same as the top one.
 * </ul>
 *
 * <p>Units are pixels and rows; {@link #bytesPerLine()} and {@link #imageBytes()} are bytes of a
 * packed YUYV frame (two bytes a pixel). Immutable and thread-safe.
 *
 * @param width frame width in pixels: a positive multiple of 64, so that stamp blocks and bars are
 *     whole YUYV pixel pairs (640 and 320 for the PS3 Eye)
 * @param height frame height in rows: a multiple of 20, at least 60 (480 and 240)
 */
public record PictureLayout(int width, int height) {
  /** The number of bits, and blocks, in a stamp. */
  public static final int STAMP_BITS = 32;

  /** The luma of a stamp block showing 1, and of the moving box. */
  public static final int WHITE_Y = 235;

  /** The luma of a stamp block showing 0, and of the motion band's background. */
  public static final int BLACK_Y = 16;

  /** The chroma (U and V) of every grey: stamps and the motion band. */
  public static final int NEUTRAL_CHROMA = 128;

  /** The PS3 Eye's large mode, 640x480. */
  public static final PictureLayout VGA = new PictureLayout(640, 480);

  /** The PS3 Eye's small mode, 320x240. */
  public static final PictureLayout QVGA = new PictureLayout(320, 240);

  /**
   * Checks the size.
   *
   * @param width the frame width in pixels
   * @param height the frame height in pixels
   * @throws IllegalArgumentException when the width is not a positive multiple of 64 or the height
   *     not a multiple of 20 of at least 60
   */
  public PictureLayout {
    if (width <= 0 || width % 64 != 0 || height < 60 || height % 20 != 0) {
      throw new IllegalArgumentException(
          "a simulated Eyetoy frame needs a width that is a positive multiple of 64 and a height"
              + " that is a multiple of 20 of at least 60, not "
              + width
              + "x"
              + height);
    }
  }

  /**
   * Returns the rows of one stamp, {@code S = H / 30}.
   *
   * @return 16 at 480 rows, 8 at 240
   */
  public int stampRows() {
    return height / 30;
  }

  /**
   * Returns the rows of the motion band and the size of its box, {@code M = H / 10}.
   *
   * @return 48 at 480 rows, 24 at 240
   */
  public int bandRows() {
    return height / 10;
  }

  /**
   * Returns the width of one stamp block, {@code W / 32}.
   *
   * @return pixels, even
   */
  public int blockWidth() {
    return width / STAMP_BITS;
  }

  /**
   * Returns the width of one colour bar, {@code W / 8}.
   *
   * @return pixels, even
   */
  public int barWidth() {
    return width / ColourBar.COUNT;
  }

  /**
   * Returns the first row of the colour bars (without vertical flip).
   *
   * @return {@code S}
   */
  public int barsTop() {
    return stampRows();
  }

  /**
   * Returns the first row of the motion band (without vertical flip).
   *
   * @return {@code H - S - M}
   */
  public int bandTop() {
    return height - stampRows() - bandRows();
  }

  /**
   * Returns the first row of the bottom stamp.
   *
   * @return {@code H - S}
   */
  public int bottomStampTop() {
    return height - stampRows();
  }

  /**
   * Returns the left edge of the moving box in frame {@code n} (without horizontal flip): {@code (8
   * n) mod (W - M)}, rounded down to even.
   *
   * @param sequence the driver sequence number {@code n} (unsigned 32-bit)
   * @return the pixel column, {@code 0 .. W-M-1}
   */
  public int boxLeft(long sequence) {
    return (int) (Math.floorMod(8 * (sequence & 0xFFFF_FFFFL), (long) (width - bandRows())) & ~1L);
  }

  /**
   * Returns the bytes of one packed YUYV row.
   *
   * @return {@code 2 W}
   */
  public int bytesPerLine() {
    return width * 2;
  }

  /**
   * Returns the bytes of one packed YUYV frame.
   *
   * @return {@code 2 W H}
   */
  public int imageBytes() {
    return width * height * 2;
  }
}
