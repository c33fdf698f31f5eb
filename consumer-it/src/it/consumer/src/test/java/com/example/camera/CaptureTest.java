package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.ColourBar;
import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.Images;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Devices;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** v4l2-api as a user calls it; -Deyetoystreamer.v4l2.native=simulated puts the fake behind it. */
class CaptureTest {
  @Test
  void thirtyFramesFromTheSimulatedCamera() {
    List<DeviceInfo> devices = V4l2Devices.list();
    assertEquals(1, devices.size(), "the simulated camera is the one device: " + devices);
    try (V4l2Device camera = V4l2Device.open(devices.get(0).path())) {
      Format format = camera.setFormat(Format.of(640, 480, FourCc.YUYV)).actual();
      camera.setFrameRate(60);
      try (CaptureStream stream = camera.startCapture(4)) {
        long last = -1;
        for (int i = 0; i < 30; i++) {
          try (Frame frame = stream.next(2000)) {
            assertNotNull(frame, "frame " + i);
            assertEquals(640 * 480 * 2, frame.bytesUsed());
            StampDecoder.Stamps stamps =
                StampDecoder.fromYuyv(frame.data(), 640, 480, format.bytesPerLine());
            assertTrue(stamps.whole(), "frame " + i + " is whole: " + stamps);
            assertTrue(frame.sequence() > last, "sequences increase");
            last = frame.sequence();
          }
        }
      }
    }
  }

  @Test
  void aFrameAsABufferedImageShowsTheColourBars() {
    try (V4l2Device camera = V4l2Device.open("/dev/video0")) {
      camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      try (CaptureStream stream = camera.startCapture(4);
          Frame frame = stream.next(2000)) {
        BufferedImage image = Images.toBufferedImage(frame, stream.format());
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        for (int bar = 0; bar < ColourBar.COUNT; bar++) {
          int rgb = image.getRGB(bar * 80 + 40, 240) & 0xFFFFFF;
          ColourBar expected = ColourBar.at(bar);
          assertNear(expected.red(), rgb >> 16 & 0xFF, expected + " red");
          assertNear(expected.green(), rgb >> 8 & 0xFF, expected + " green");
          assertNear(expected.blue(), rgb & 0xFF, expected + " blue");
        }
      }
    }
  }

  private static void assertNear(int expected, int actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 1, what + ": " + actual + ", expected " + expected);
  }

  @Test
  void theReadmeSnippetsRunOnTheSimulatedCamera() throws Exception {
    LibraryReadme.captureInTenLines();
    assertEquals(30, LibraryReadme.consumed);
    try (V4l2Device camera = V4l2Device.open("/dev/video0")) {
      assertEquals(20, LibraryReadme.controls(camera));
    }
    FakeEyetoyReadme.run();
    Files.deleteIfExists(Path.of("snapshot.png"));
    Snapshot.main(new String[0]);
    BufferedImage snapshot = ImageIO.read(new File("snapshot.png"));
    assertEquals(640, snapshot.getWidth());
    assertEquals(480, snapshot.getHeight());
  }
}
