package io.eyetoystreamer.fakeeyetoy;

import io.eyetoystreamer.v4l2.FourCc;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A picture as the simulated H.264 encoder codes it: 8-bit 4:2:0 planes padded to whole 16x16
 * macroblocks (the last column and row repeated into the padding). Made from the raw formats the
 * encoder takes:
 *
 * <ul>
 *   <li>{@code YUYV} (4:2:2): luma as is; each chroma sample the rounded average of the two rows it
 *       covers, {@code (a + b + 1) >> 1} (rows {@code 2y} and {@code 2y + 1});
 *   <li>{@code YU12} (I420) and {@code NV12}: as is.
 * </ul>
 *
 * Immutable once made; {@link #sameAs} compares pictures sample by sample.
 */
final class Yuv420Picture {
  final int width;
  final int height;
  final int mbWidth;
  final int mbHeight;
  final byte[] luma;
  final byte[] cb;
  final byte[] cr;

  private Yuv420Picture(int width, int height) {
    this.width = width;
    this.height = height;
    this.mbWidth = (width + 15) / 16;
    this.mbHeight = (height + 15) / 16;
    this.luma = new byte[mbWidth * 16 * mbHeight * 16];
    this.cb = new byte[mbWidth * 8 * mbHeight * 8];
    this.cr = new byte[mbWidth * 8 * mbHeight * 8];
  }

  /** Padded luma row length. */
  int lumaStride() {
    return mbWidth * 16;
  }

  /** Padded chroma row length. */
  int chromaStride() {
    return mbWidth * 8;
  }

  /**
   * Converts a raw frame.
   *
   * @param fourcc {@link FourCc#YUYV}, {@link FourCc#YUV420} or {@link FourCc#NV12}
   * @param src the frame from its position (not changed)
   * @param width even
   * @param height even
   * @param bytesPerLine the luma (or YUYV) row stride; 4:2:0 chroma rows are half of it
   */
  static Yuv420Picture of(int fourcc, ByteBuffer src, int width, int height, int bytesPerLine) {
    Yuv420Picture p = new Yuv420Picture(width, height);
    int base = src.position();
    int ls = p.lumaStride();
    int cs = p.chromaStride();
    int cw = width / 2;
    int ch = height / 2;
    if (fourcc == FourCc.YUYV) {
      byte[] row = new byte[width * 2];
      byte[] below = new byte[width * 2];
      for (int y = 0; y < height; y += 2) {
        src.get(base + y * bytesPerLine, row);
        src.get(base + (y + 1) * bytesPerLine, below);
        for (int x = 0; x < width; x++) {
          p.luma[y * ls + x] = row[2 * x];
          p.luma[(y + 1) * ls + x] = below[2 * x];
        }
        for (int x = 0; x < cw; x++) {
          p.cb[y / 2 * cs + x] =
              (byte) (((row[4 * x + 1] & 0xFF) + (below[4 * x + 1] & 0xFF) + 1) >> 1);
          p.cr[y / 2 * cs + x] =
              (byte) (((row[4 * x + 3] & 0xFF) + (below[4 * x + 3] & 0xFF) + 1) >> 1);
        }
      }
    } else if (fourcc == FourCc.YUV420 || fourcc == FourCc.NV12) {
      int chromaLine = bytesPerLine / 2;
      for (int y = 0; y < height; y++) {
        src.get(base + y * bytesPerLine, p.luma, y * ls, width);
      }
      int planes = base + bytesPerLine * height;
      if (fourcc == FourCc.YUV420) {
        int crPlane = planes + chromaLine * ch;
        for (int y = 0; y < ch; y++) {
          src.get(planes + y * chromaLine, p.cb, y * cs, cw);
          src.get(crPlane + y * chromaLine, p.cr, y * cs, cw);
        }
      } else {
        byte[] row = new byte[width];
        for (int y = 0; y < ch; y++) {
          src.get(planes + y * bytesPerLine, row, 0, 2 * cw);
          for (int x = 0; x < cw; x++) {
            p.cb[y * cs + x] = row[2 * x];
            p.cr[y * cs + x] = row[2 * x + 1];
          }
        }
      }
    } else {
      throw new IllegalArgumentException(
          "not a raw format of the encoder: " + FourCc.toString(fourcc));
    }
    pad(p.luma, ls, width, height, p.mbHeight * 16);
    pad(p.cb, cs, cw, ch, p.mbHeight * 8);
    pad(p.cr, cs, cw, ch, p.mbHeight * 8);
    return p;
  }

  /** Repeats the last column into the right padding and the last row into the bottom padding. */
  private static void pad(byte[] plane, int stride, int width, int height, int paddedHeight) {
    if (width < stride) {
      for (int y = 0; y < height; y++) {
        Arrays.fill(plane, y * stride + width, (y + 1) * stride, plane[y * stride + width - 1]);
      }
    }
    for (int y = height; y < paddedHeight; y++) {
      System.arraycopy(plane, (height - 1) * stride, plane, y * stride, stride);
    }
  }

  /** True when both pictures have the same size and samples. */
  boolean sameAs(Yuv420Picture other) {
    return other != null
        && other.width == width
        && other.height == height
        && Arrays.equals(luma, other.luma)
        && Arrays.equals(cb, other.cb)
        && Arrays.equals(cr, other.cr);
  }
}
