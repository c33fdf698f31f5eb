package io.eyetoystreamer.v4l2;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * Turns captured frames into pictures: YUYV to RGB (BT.601, limited range, as V4L2 webcams send it)
 * and MJPEG to a {@link BufferedImage}.
 *
 * <pre>{@code
 * try (Frame frame = stream.next(2000)) {
 *   BufferedImage image = Images.toBufferedImage(frame, stream.format());
 *   ImageIO.write(image, "png", new File("snapshot.png"));
 * }
 * }</pre>
 *
 * <p>YUYV: each pixel pair {@code Y0 U Y1 V} shares {@code U} and {@code V}; with {@code c = Y -
 * 16}, {@code d = U - 128}, {@code e = V - 128}: {@code R = 1.164383 c + 1.596027 e}, {@code G =
 * 1.164383 c - 0.391762 d - 0.812968 e}, {@code B = 1.164383 c + 2.017232 d}, rounded and clamped
 * to 0..255. MJPEG: the JPEG is decoded by ImageIO; the Huffman tables that UVC cameras leave out
 * are added first. Stateless and thread-safe.
 */
public final class Images {
  private static final int SOI = 0xD8;
  private static final int SOS = 0xDA;
  private static final int DHT = 0xC4;

  private Images() {}

  /**
   * Converts a held frame to an image. The bytes are copied first (under the stream's lock), so a
   * concurrent release or close makes this throw rather than read a refilled buffer.
   *
   * @param frame a frame the caller holds
   * @param format the stream's format ({@link CaptureStream#format()})
   * @return a {@link BufferedImage#TYPE_INT_RGB} image of the frame's size
   * @throws IllegalStateException when the frame was released or its stream closed
   * @throws IllegalArgumentException when the format is neither YUYV nor MJPEG, or the frame is
   *     shorter than the format says
   */
  public static BufferedImage toBufferedImage(Frame frame, Format format) {
    ByteBuffer bytes = ByteBuffer.wrap(frame.toArray());
    if (format.pixelFormat() == FourCc.YUYV) {
      return yuyvToImage(bytes, format.width(), format.height(), format.bytesPerLine());
    }
    if (format.pixelFormat() == FourCc.MJPG) {
      return jpegToImage(bytes);
    }
    throw new IllegalArgumentException(
        "cannot convert " + FourCc.toString(format.pixelFormat()) + ": only YUYV and MJPG");
  }

  /**
   * Converts a YUYV picture to an RGB image.
   *
   * @param yuyv the bytes, from position 0 (absolute indexing; position and limit are not changed)
   * @param width the width in pixels, even
   * @param height the height in pixels
   * @param bytesPerLine bytes per row, at least {@code 2 * width}
   * @return a {@link BufferedImage#TYPE_INT_RGB} image
   * @throws IllegalArgumentException when the sizes do not fit the buffer
   */
  public static BufferedImage yuyvToImage(
      ByteBuffer yuyv, int width, int height, int bytesPerLine) {
    int[] rgb = new int[width * height];
    yuyvToRgb(yuyv, width, height, bytesPerLine, rgb);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, rgb, 0, width);
    return image;
  }

  /**
   * Converts a YUYV picture to packed {@code 0xRRGGBB} pixels, row by row.
   *
   * @param yuyv the bytes, from position 0 (absolute indexing; position and limit are not changed)
   * @param width the width in pixels, even
   * @param height the height in pixels
   * @param bytesPerLine bytes per row, at least {@code 2 * width}
   * @param rgb receives {@code width * height} pixels
   * @throws IllegalArgumentException when the sizes do not fit the buffers
   */
  public static void yuyvToRgb(
      ByteBuffer yuyv, int width, int height, int bytesPerLine, int[] rgb) {
    if (width <= 0 || height <= 0 || (width & 1) != 0 || bytesPerLine < 2 * width) {
      throw new IllegalArgumentException(
          "bad YUYV geometry: " + width + "x" + height + ", " + bytesPerLine + " bytes per line");
    }
    if ((long) bytesPerLine * (height - 1) + 2L * width > yuyv.limit()) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " YUYV picture needs more than " + yuyv.limit() + " bytes");
    }
    if (rgb.length < width * height) {
      throw new IllegalArgumentException(
          "rgb holds " + rgb.length + " pixels, not " + width * height);
    }
    for (int row = 0; row < height; row++) {
      int in = row * bytesPerLine;
      int out = row * width;
      for (int x = 0; x < width; x += 2, in += 4) {
        int d = (yuyv.get(in + 1) & 0xFF) - 128;
        int e = (yuyv.get(in + 3) & 0xFF) - 128;
        rgb[out + x] = pixel((yuyv.get(in) & 0xFF) - 16, d, e);
        rgb[out + x + 1] = pixel((yuyv.get(in + 2) & 0xFF) - 16, d, e);
      }
    }
  }

  private static int pixel(int c, int d, int e) {
    double y = 1.164383 * c;
    int r = clamp(y + 1.596027 * e);
    int g = clamp(y - 0.391762 * d - 0.812968 * e);
    int b = clamp(y + 2.017232 * d);
    return r << 16 | g << 8 | b;
  }

  private static int clamp(double v) {
    long r = Math.round(v);
    return (int) Math.max(0, Math.min(255, r));
  }

  /**
   * Decodes one JPEG (an MJPEG frame) to an image, adding the standard Huffman tables when the
   * frame has none (UVC cameras omit them; ImageIO needs them).
   *
   * @param jpeg the JPEG bytes, from position 0 to the limit
   * @return the image
   * @throws IllegalArgumentException when the bytes are not a decodable JPEG
   */
  public static BufferedImage jpegToImage(ByteBuffer jpeg) {
    byte[] bytes = new byte[jpeg.limit()];
    jpeg.get(0, bytes);
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(withHuffmanTables(bytes)));
      if (image == null) {
        throw new IllegalArgumentException("not a JPEG (" + bytes.length + " bytes)");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException("the JPEG does not decode: " + e.getMessage(), e);
    }
  }

  /** Inserts the default DHT segment after SOI when no DHT comes before the first SOS. */
  static byte[] withHuffmanTables(byte[] jpeg) {
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
      return jpeg;
    }
    int i = 2;
    while (i + 3 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == DHT) {
        return jpeg;
      }
      if (marker == SOS) {
        break;
      }
      i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 450);
    out.write(jpeg, 0, 2);
    writeDht(out);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static void writeDht(ByteArrayOutputStream out) {
    JPEGHuffmanTable[] tables = {
      JPEGHuffmanTable.StdDCLuminance,
      JPEGHuffmanTable.StdACLuminance,
      JPEGHuffmanTable.StdDCChrominance,
      JPEGHuffmanTable.StdACChrominance
    };
    int[] classAndId = {0x00, 0x10, 0x01, 0x11};
    int length = 2;
    for (JPEGHuffmanTable t : tables) {
      length += 1 + 16 + t.getValues().length;
    }
    out.write(0xFF);
    out.write(DHT);
    out.write(length >> 8);
    out.write(length & 0xFF);
    for (int k = 0; k < tables.length; k++) {
      out.write(classAndId[k]);
      for (short n : tables[k].getLengths()) {
        out.write(n);
      }
      for (short v : tables[k].getValues()) {
        out.write(v);
      }
    }
  }
}
