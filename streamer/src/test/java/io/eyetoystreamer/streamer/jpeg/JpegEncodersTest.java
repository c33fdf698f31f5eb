package io.eyetoystreamer.streamer.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.streamer.Pictures;
import io.eyetoystreamer.testsupport.TestRequirements;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Both encoders turn the simulated Eyetoy's frame into a JPEG with its bars and a legible stamp.
 */
class JpegEncodersTest {
  @Test
  void turboJpegEncodesTheBarsAndTheStamp() throws Exception {
    try (JpegEncoder encoder = loadTurboJpeg()) {
      checkPicture(encoder, 1234);
      checkPicture(encoder, 1235); // reused planes and buffers give a second good frame
    }
  }

  private static JpegEncoder loadTurboJpeg() {
    try {
      return TurboJpegEncoder.create();
    } catch (LinkageError e) {
      TestRequirements.require(
          false,
          "libturbojpeg cannot be loaded (" + e.getMessage() + ")",
          "apt-get install libturbojpeg0");
      throw e;
    }
  }

  @Test
  void imageIoEncodesTheBarsAndTheStamp() throws Exception {
    try (JpegEncoder encoder = new ImageIoJpegEncoder()) {
      checkPicture(encoder, 77);
    }
  }

  @Test
  void planesSplitYuyvIntoYuv422() {
    ByteBuffer yuyv =
        ByteBuffer.wrap(new byte[] {16, (byte) 128, (byte) 235, (byte) 240, 100, 16, 50, 60});
    ByteBuffer y = ByteBuffer.allocate(4);
    ByteBuffer u = ByteBuffer.allocate(2);
    ByteBuffer v = ByteBuffer.allocate(2);
    new YuyvPlanes().split(yuyv, 4, 1, 8, y, u, v);
    assertArrayEquals(new int[] {0, 255, YuyvPlanes.luma(100), YuyvPlanes.luma(50)}, unsigned(y));
    assertArrayEquals(new int[] {128, YuyvPlanes.chroma(16)}, unsigned(u));
    assertArrayEquals(new int[] {255, YuyvPlanes.chroma(60)}, unsigned(v));
  }

  @Test
  void limitedRangeIsStretchedToJpegFullRange() {
    assertEquals(0, YuyvPlanes.luma(16));
    assertEquals(255, YuyvPlanes.luma(235));
    assertEquals(128, YuyvPlanes.chroma(128));
    assertEquals(1, YuyvPlanes.chroma(16)); // (16 - 128) * 255 / 224 + 128 = 0.5, rounded up
    assertEquals(255, YuyvPlanes.chroma(240));
  }

  private static int[] unsigned(ByteBuffer b) {
    int[] out = new int[b.capacity()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i) & 0xff;
    }
    return out;
  }

  static void checkPicture(JpegEncoder encoder, long sequence) throws Exception {
    ByteBuffer frame = ByteBuffer.allocateDirect(614400);
    new FramePainter(PictureLayout.VGA).paint(frame, 1280, sequence, PictureSettings.DEFAULTS);
    ByteBuffer out = ByteBuffer.allocate(encoder.maxBytes(640, 480));
    int length = encoder.encode(frame, 640, 480, 1280, 80, out);
    assertEquals(length, out.position());
    assertTrue(length > 1000 && length < 200_000, "JPEG of " + length + " bytes");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.array(), 0, length));
    assertEquals(640, image.getWidth());
    Pictures.checkBars(image);
    StampDecoder.Stamps stamps = StampDecoder.fromRgb(image::getRGB, 640, 480);
    assertTrue(stamps.whole(), "stamp: " + stamps);
    assertEquals(sequence, stamps.sequence());
  }
}
