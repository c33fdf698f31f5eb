package io.eyetoystreamer.streamer.jpeg;

import io.eyetoystreamer.streamer.image.YuyvToRgb;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The fallback when TurboJPEG is missing: YUYV to RGB, then the JDK's ImageIO JPEG writer. Several
 * times slower, and it allocates per frame; correct everywhere a JDK runs. Not thread-safe.
 */
final class ImageIoJpegEncoder implements JpegEncoder {
  private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
  private BufferedImage image;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);

  @Override
  public int encode(
      ByteBuffer yuyv, int width, int height, int bytesPerLine, int quality, ByteBuffer out) {
    if (image == null || image.getWidth() != width || image.getHeight() != height) {
      image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    YuyvToRgb.frame(yuyv, width, height, bytesPerLine, rgb);
    bytes.reset();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality / 100f);
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("ImageIO JPEG encoding failed", e);
    }
    byte[] jpeg = bytes.toByteArray();
    out.put(jpeg);
    return jpeg.length;
  }

  @Override
  public int maxBytes(int width, int height) {
    return width * height * 3 + 4096;
  }

  @Override
  public String kind() {
    return "imageio";
  }

  @Override
  public void close() {
    writer.dispose();
  }
}
