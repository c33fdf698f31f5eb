package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagesTest {
  @Test
  void yuyvBarsDecodeToTheirBt601Colours() {
    // 75% yellow (Y 162, U 44, V 142) and 75% blue (Y 35, U 212, V 114): ARCHITECTURE.md's table.
    ByteBuffer yuyv =
        ByteBuffer.wrap(
            new byte[] {(byte) 162, 44, (byte) 162, (byte) 142, 35, (byte) 212, 35, 114});
    BufferedImage image = Images.yuyvToImage(yuyv, 4, 1, 8);
    assertClose(0xBFBF00, image.getRGB(0, 0) & 0xFFFFFF);
    assertClose(0xBFBF00, image.getRGB(1, 0) & 0xFFFFFF);
    assertClose(0x0000BF, image.getRGB(2, 0) & 0xFFFFFF);
  }

  @Test
  void aJpegWithoutHuffmanTablesStillDecodes() throws Exception {
    BufferedImage red = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 32; x++) {
        red.setRGB(x, y, 0xC00000);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(red, "jpeg", out);
    byte[] stripped = withoutDht(out.toByteArray());
    assertTrue(stripped.length < out.size(), "the test JPEG had a DHT segment to strip");
    BufferedImage decoded = Images.jpegToImage(ByteBuffer.wrap(stripped));
    assertEquals(32, decoded.getWidth());
    int rgb = decoded.getRGB(16, 8);
    assertTrue((rgb >> 16 & 0xFF) > 170 && (rgb >> 8 & 0xFF) < 40, Integer.toHexString(rgb));
  }

  @Test
  void otherFormatsAndShortBuffersAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Images.yuyvToImage(ByteBuffer.allocate(8), 4, 2, 8));
    assertThrows(
        IllegalArgumentException.class, () -> Images.jpegToImage(ByteBuffer.wrap(new byte[10])));
  }

  private static byte[] withoutDht(byte[] jpeg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int i = 2;
    while ((jpeg[i + 1] & 0xFF) != 0xDA) {
      int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
      if ((jpeg[i + 1] & 0xFF) != 0xC4) {
        out.write(jpeg, i, 2 + length);
      }
      i += 2 + length;
    }
    out.write(jpeg, i, jpeg.length - i);
    return out.toByteArray();
  }

  private static void assertClose(int expected, int actual) {
    for (int shift = 0; shift <= 16; shift += 8) {
      int e = expected >> shift & 0xFF;
      int a = actual >> shift & 0xFF;
      assertTrue(
          Math.abs(e - a) <= 1,
          Integer.toHexString(actual) + " != " + Integer.toHexString(expected));
    }
  }
}
