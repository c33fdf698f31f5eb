package io.eyetoystreamer.fakeeyetoy;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Reads back the sequence stamps of a simulated Eyetoy frame, from the YUYV bytes or from any RGB
 * rendering of them (a PNG snapshot, a canvas in a browser), so tests can tell which frame arrived
 * and whether it is whole: a torn frame shows different top and bottom stamps.
 *
 * <p>As ARCHITECTURE.md specifies: the centre pixel of each of the 32 blocks is sampled, in the
 * middle row of each stamp, and a luminance above 128 reads as 1. A sample between 96 and 160 is
 * too close to call, and makes the reading {@linkplain Stamps#legible() illegible}. Stateless and
 * thread-safe; decoding allocates only the result.
 */
public final class StampDecoder {
  private static final int THRESHOLD = 128;
  private static final int DOUBT_LOW = 96;
  private static final int DOUBT_HIGH = 160;

  private StampDecoder() {}

  /** Gives the RGB colour of a pixel of a decoded frame. */
  @FunctionalInterface
  public interface RgbReader {
    /**
     * Returns a pixel's colour.
     *
     * @param x the column, 0 at the left
     * @param y the row, 0 at the top
     * @return the colour as {@code 0xRRGGBB} (higher bits, e.g. alpha, are ignored)
     */
    int rgb(int x, int y);
  }

  /**
   * The two stamps of one frame. Immutable.
   *
   * @param top the value of the top stamp, unsigned 32-bit
   * @param bottom the value of the bottom stamp, unsigned 32-bit
   * @param legible false when some block was too close to mid-grey to read (not a stamped frame, or
   *     a badly scaled or compressed one)
   */
  public record Stamps(long top, long bottom, boolean legible) {
    /**
     * Tells whether the frame is whole: both stamps readable and equal.
     *
     * @return true for a whole frame
     */
    public boolean whole() {
      return legible && top == bottom;
    }

    /**
     * Returns the frame's sequence number, as the top stamp shows it.
     *
     * @return the top stamp
     */
    public long sequence() {
      return top;
    }
  }

  /**
   * Decodes the stamps of a packed YUYV frame.
   *
   * @param frame the frame bytes, starting at the buffer's position (read with absolute gets; the
   *     position does not change)
   * @param width the frame width in pixels
   * @param height the frame height in rows
   * @param bytesPerLine bytes from one row to the next
   * @return the stamps
   * @throws IllegalArgumentException when the size is not a simulated Eyetoy size or the buffer is
   *     too small
   */
  public static Stamps fromYuyv(ByteBuffer frame, int width, int height, int bytesPerLine) {
    Objects.requireNonNull(frame, "frame");
    PictureLayout layout = new PictureLayout(width, height);
    int base = frame.position();
    if (bytesPerLine < layout.bytesPerLine()
        || (long) base + (long) (height - 1) * bytesPerLine + layout.bytesPerLine()
            > frame.limit()) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " YUYV frame does not fit " + frame);
    }
    RgbReader luma =
        (x, y) -> {
          int value = frame.get(base + y * bytesPerLine + 2 * x) & 0xFF;
          return value << 16 | value << 8 | value;
        };
    return decode(luma, layout);
  }

  /**
   * Decodes the stamps of an RGB rendering of a frame, at the frame's own size.
   *
   * @param pixels gives the colour of a pixel
   * @param width the frame width in pixels
   * @param height the frame height in rows
   * @return the stamps
   * @throws IllegalArgumentException when the size is not a simulated Eyetoy size
   */
  public static Stamps fromRgb(RgbReader pixels, int width, int height) {
    Objects.requireNonNull(pixels, "pixels");
    return decode(pixels, new PictureLayout(width, height));
  }

  /**
   * Returns the BT.601 luminance of an RGB colour.
   *
   * @param rgb {@code 0xRRGGBB}
   * @return {@code 0.299 R + 0.587 G + 0.114 B}, rounded, 0..255
   */
  public static int luminance(int rgb) {
    int r = (rgb >>> 16) & 0xFF;
    int g = (rgb >>> 8) & 0xFF;
    int b = rgb & 0xFF;
    return (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }

  private static Stamps decode(RgbReader pixels, PictureLayout layout) {
    int half = layout.stampRows() / 2;
    long[] top = read(pixels, layout, half);
    long[] bottom = read(pixels, layout, layout.bottomStampTop() + half);
    return new Stamps(top[0], bottom[0], top[1] == 0 && bottom[1] == 0);
  }

  /** Returns {value, doubtful blocks} for the stamp sampled in row {@code y}. */
  private static long[] read(RgbReader pixels, PictureLayout layout, int y) {
    int blockWidth = layout.blockWidth();
    long value = 0;
    long doubtful = 0;
    for (int k = 0; k < PictureLayout.STAMP_BITS; k++) {
      int lum = luminance(pixels.rgb(k * blockWidth + blockWidth / 2, y));
      value = value << 1 | (lum > THRESHOLD ? 1 : 0);
      if (lum > DOUBT_LOW && lum < DOUBT_HIGH) {
        doubtful++;
      }
    }
    return new long[] {value, doubtful};
  }
}
