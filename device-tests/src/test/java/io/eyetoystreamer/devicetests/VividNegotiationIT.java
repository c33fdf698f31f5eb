package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Fraction;
import io.eyetoystreamer.v4l2.FrameInterval;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.V4l2Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Format and frame-rate negotiation with vivid: what the driver cannot do it adjusts, and the
 * library reports the driver's choice (which v4l2-ctl confirms).
 */
@VividTest
class VividNegotiationIT {
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
  void yuyv640x480At30FpsGets640x480At25TheDriversChoice() throws Exception {
    Negotiated<Format> format = camera.setFormat(Format.of(640, 480, FourCc.YUYV));
    assertFalse(format.adjusted(), format.toString());
    assertEquals(614400, format.actual().sizeImage());
    Negotiated<Fraction> rate = camera.setFrameRate(30);
    System.out.println("asked 640x480 YUYV at 30 fps: " + format + "; " + rate);
    assertTrue(rate.adjusted());
    assertTrue(rate.actual().sameValue(new Fraction(1, 25)), rate.toString());
    assertEquals("requested 1/30, driver chose " + rate.actual(), rate.toString());
    assertTrue(camera.streamParameters().timePerFrame().sameValue(new Fraction(1, 25)));
    String parm = V4l2Ctl.run(DeviceUnderTest.path(), "--get-parm");
    assertTrue(parm.contains("Frames per second: 25.000"), parm);
  }

  @Test
  void anUnsupportedSizeGetsTheDriversNearest() throws Exception {
    Negotiated<Format> tried = camera.tryFormat(Format.of(1000, 700, FourCc.YUYV));
    String tool =
        V4l2Ctl.run(
            DeviceUnderTest.path(), "--try-fmt-video", "width=1000,height=700,pixelformat=YUYV");
    assertTrue(tried.adjusted(), tried.toString());
    assertEquals(
        V4l2CtlOutput.widthHeight(tool), tried.actual().width() + "x" + tried.actual().height());
    Negotiated<Format> set = camera.setFormat(Format.of(1000, 700, FourCc.YUYV));
    System.out.println("asked 1000x700: " + set);
    assertTrue(set.adjusted());
    assertEquals(tried.actual(), set.actual());
    assertEquals(set.actual(), camera.format());
    assertTrue(set.toString().startsWith("requested 1000x700 YUYV, driver chose "), set.toString());
  }

  @Test
  void anUnsupportedPixelFormatGetsTheDriversChoice() {
    Negotiated<Format> set = camera.setFormat(Format.of(640, 480, FourCc.MJPG));
    System.out.println("asked MJPG: " + set);
    assertTrue(set.adjusted());
    assertEquals(FourCc.YUYV, set.actual().pixelFormat());
    assertEquals(640, set.actual().width());
  }

  @Test
  void anyRateAskedForBecomesOneTheDriverEnumerates() {
    camera.setFormat(Format.of(640, 480, FourCc.YUYV));
    for (int fps : new int[] {1000, 7, 1}) {
      Negotiated<Fraction> rate = camera.setFrameRate(fps);
      assertTrue(
          camera.frameIntervals(FourCc.YUYV, 640, 480).stream()
              .map(FrameInterval::min)
              .anyMatch(rate.actual()::sameValue),
          rate + " is not among " + camera.frameIntervals(FourCc.YUYV, 640, 480));
      System.out.println("asked " + fps + " fps: " + rate);
    }
    camera.setFrameRate(25);
  }
}
