package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.CaptureStats;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Fraction;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.FrameSize;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * v4l2-api against the camera given with {@code -Dv4l2.device} (the PS3 Eye on a Raspberry Pi, a
 * webcam, or vivid in .ci/vivid): capabilities, formats, 640x480 YUYV at 30 fps, 300 frames and
 * their rate.
 */
@RealDeviceTest
class RealDeviceLibraryIT {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private V4l2Device camera;

  @BeforeEach
  void open() {
    camera = V4l2Device.open(DeviceUnderTest.path());
  }

  @AfterEach
  void close() {
    camera.close();
  }

  @Test
  void capabilitiesSayVideoCaptureWithStreaming() {
    Capabilities caps = camera.capabilities();
    System.out.println(
        "camera: "
            + caps.driver()
            + ", "
            + caps.card()
            + ", "
            + caps.busInfo()
            + ", "
            + Capabilities.names(caps.nodeCaps()));
    assertTrue(caps.canCapture(), caps.toString());
    assertFalse(caps.driver().isEmpty());
    assertFalse(caps.card().isEmpty());
  }

  @Test
  void formatsIncludeYuyvAt640x480() {
    List<FormatDescription> formats = camera.formats();
    assertFalse(formats.isEmpty(), "the camera lists no formats");
    FormatDescription yuyv =
        formats.stream().filter(f -> f.pixelFormat() == FourCc.YUYV).findFirst().orElse(null);
    assertNotNull(yuyv, "no YUYV among " + formats);
    List<FrameSize> sizes = camera.frameSizes(FourCc.YUYV);
    System.out.println("YUYV sizes: " + sizes);
    assertTrue(
        sizes.isEmpty()
            || sizes.stream()
                .anyMatch(
                    s ->
                        s.type() != FrameSize.Type.DISCRETE
                            || (s.width() == WIDTH && s.height() == HEIGHT)),
        "640x480 is not among " + sizes);
  }

  @Test
  void setsYuyv640x480At30FpsAndReportsWhatTheDriverChose() {
    Negotiated<Format> format = camera.setFormat(Format.of(WIDTH, HEIGHT, FourCc.YUYV));
    System.out.println("format: " + format);
    assertFalse(format.adjusted(), format.toString());
    assertEquals(WIDTH * 2, format.actual().bytesPerLine());
    assertTrue(format.actual().sizeImage() >= WIDTH * HEIGHT * 2, format.toString());
    Negotiated<Fraction> rate = camera.setFrameRate(30);
    System.out.println("frame rate: " + rate);
    assertTrue(rate.actual().perSecond() > 0, rate.toString());
    assertTrue(rate.actual().sameValue(camera.streamParameters().timePerFrame()));
  }

  @Test
  void captures300FramesAtTheDriversRate() {
    camera.setFormat(Format.of(WIDTH, HEIGHT, FourCc.YUYV));
    double expected = camera.setFrameRate(30).actual().perSecond();
    int count = 300;
    long firstStamp = 0;
    long lastStamp = 0;
    long firstSequence = 0;
    long lastSequence = 0;
    long started = 0;
    try (CaptureStream stream = camera.startCapture(4)) {
      for (int i = 0; i < count; i++) {
        try (Frame frame = stream.next(2000)) {
          assertNotNull(frame, "no frame within 2 s after " + i);
          assertEquals(WIDTH * HEIGHT * 2, frame.bytesUsed());
          if (i == 0) {
            firstStamp = frame.timestampNanos();
            firstSequence = frame.sequence();
            started = System.nanoTime();
          }
          lastStamp = frame.timestampNanos();
          lastSequence = frame.sequence();
        }
      }
      long elapsed = System.nanoTime() - started;
      CaptureStats stats = stream.stats();
      // The driver's rate: the frames it made (sequence numbers, dropped ones included) by its own
      // clock. The yardstick for arrival: the frames delivered by the driver's clock, in the same
      // window; a starved machine, where the driver drops frames, slows both alike.
      double byStamp = (lastSequence - firstSequence) * 1e9 / (lastStamp - firstStamp);
      double deliveredByStamp = (count - 1) * 1e9 / (lastStamp - firstStamp);
      double byClock = (count - 1) * 1e9 / elapsed;
      System.out.printf(
          Locale.ROOT,
          "captured %d frames (sequence %d..%d): %.2f fps by timestamp, %.2f delivered, %.2f fps"
              + " by arrival; the driver's rate %.2f fps; %s%n",
          count,
          firstSequence,
          lastSequence,
          byStamp,
          deliveredByStamp,
          byClock,
          expected,
          stats);
      assertEquals(count, stats.delivered());
      assertEquals(0, stats.errorFrames() + stats.shortFrames(), stats.toString());
      assertEquals(expected, byStamp, expected * 0.05, "rate by timestamp");
      assertEquals(
          deliveredByStamp,
          byClock,
          deliveredByStamp * 0.05,
          "rate by arrival, against the timestamps of the same frames");
    }
  }
}
