package io.eyetoystreamer.streamer.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;

/** Encodes a YUYV frame as a PNG (for {@code /snapshot.png}). Thread-safe; allocates per call. */
public final class PngEncoder {
  private PngEncoder() {}

  /** The frame at {@code yuyv}'s position as PNG bytes. */
  public static byte[] encode(ByteBuffer yuyv, int width, int height, int bytesPerLine) {
    int[] rgb = new int[width * height];
    YuyvToRgb.frame(yuyv, width, height, bytesPerLine, rgb);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, rgb, 0, width);
    ByteArrayOutputStream out = new ByteArrayOutputStream(width * height);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }
}
