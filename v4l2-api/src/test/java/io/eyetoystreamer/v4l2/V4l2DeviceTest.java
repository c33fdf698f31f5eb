package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class V4l2DeviceTest {
  private final ScriptedCamera camera = new ScriptedCamera();
  private V4l2Device device = V4l2Device.open(ScriptedCamera.PATH, camera);

  @AfterEach
  void closeDevice() {
    device.close();
  }

  @Test
  void openingQueriesTheCapabilities() {
    Capabilities caps = device.capabilities();
    assertEquals("scripted", caps.driver());
    assertEquals("Scripted Camera", caps.card());
    assertEquals("6.1.0", caps.versionString());
    assertTrue(caps.canCapture());
  }

  @Test
  void closingReleasesTheDescriptor() {
    device.close();
    assertEquals(0, camera.openDescriptors());
  }

  @Test
  void closingTwiceIsHarmless() {
    device.close();
    device.close();
    assertFalse(device.isOpen());
  }

  @Test
  void aFailedCapabilityQueryClosesTheDescriptorAgain() {
    camera.failNext(V4l2Ioctl.VIDIOC_QUERYCAP, Errno.EIO);
    V4l2Exception e =
        assertThrows(V4l2Exception.class, () -> V4l2Device.open(ScriptedCamera.PATH, camera));
    assertEquals("VIDIOC_QUERYCAP on /dev/video0 failed: EIO (Input/output error)", e.getMessage());
    assertEquals(1, camera.openDescriptors()); // only the one opened in the field initialiser
  }

  @Test
  void formatsAreEnumerated() {
    List<FormatDescription> formats = device.formats();
    assertEquals(2, formats.size());
    assertEquals(FourCc.YUYV, formats.get(0).pixelFormat());
    assertEquals("YUYV 4:2:2", formats.get(0).description());
    assertTrue(formats.get(1).compressed());
  }

  @Test
  void frameSizesAreEnumerated() {
    assertEquals(
        List.of(FrameSize.discrete(640, 480), FrameSize.discrete(320, 240)),
        device.frameSizes(FourCc.YUYV));
  }

  @Test
  void frameIntervalsAreEnumerated() {
    List<FrameInterval> intervals = device.frameIntervals(FourCc.YUYV, 640, 480);
    assertEquals(3, intervals.size());
    assertEquals(new Fraction(1, 60), intervals.get(0).min());
    assertEquals("Discrete 0.033s (30.000 fps)", intervals.get(1).toString());
  }

  @Test
  void theCurrentFormatIsRead() {
    Format f = device.format();
    assertEquals(640, f.width());
    assertEquals(480, f.height());
    assertEquals(1280, f.bytesPerLine());
    assertEquals(614_400, f.sizeImage());
  }

  @Test
  void aSizeTheDriverSupportsIsAppliedAsAsked() {
    Negotiated<Format> n = device.setFormat(Format.of(320, 240, FourCc.YUYV));
    assertFalse(n.adjusted());
    assertEquals(320, device.format().width());
  }

  @Test
  void aDriverThatChangesTheRequestedSizeIsReported() {
    Negotiated<Format> n = device.setFormat(Format.of(1280, 720, FourCc.YUYV));
    assertTrue(n.adjusted());
    assertEquals(640, n.actual().width());
    assertEquals(480, n.actual().height());
    assertEquals(
        "requested 1280x720 YUYV, driver chose 640x480 YUYV (1280 bytes/line, 614400 bytes)",
        n.toString());
  }

  @Test
  void aDriverThatSubstitutesThePixelFormatIsReported() {
    Negotiated<Format> n = device.setFormat(Format.of(640, 480, FourCc.of("RGB3")));
    assertTrue(n.adjusted());
    assertEquals(FourCc.YUYV, n.actual().pixelFormat());
  }

  @Test
  void anUnsupportedFormatRejectedWithEinvalIsATypedError() {
    camera.rejectUnknownFormats();
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> device.setFormat(Format.of(640, 480, FourCc.of("RGB3"))));
    assertEquals("VIDIOC_S_FMT on /dev/video0 failed: EINVAL (Invalid argument)", e.getMessage());
    assertEquals(Errno.EINVAL, e.errno());
  }

  @Test
  void aBusyDeviceIsATypedErrorNamingDeviceIoctlAndErrno() {
    camera.failNext(V4l2Ioctl.VIDIOC_S_FMT, Errno.EBUSY);
    DeviceBusyException e =
        assertThrows(
            DeviceBusyException.class, () -> device.setFormat(Format.of(640, 480, FourCc.YUYV)));
    assertEquals(
        "VIDIOC_S_FMT on /dev/video0 failed: EBUSY (Device or resource busy)", e.getMessage());
    assertEquals("VIDIOC_S_FMT", e.operation());
    assertEquals("/dev/video0", e.device());
  }

  @Test
  void tryingAFormatDoesNotApplyIt() {
    Negotiated<Format> n = device.tryFormat(Format.of(320, 240, FourCc.YUYV));
    assertEquals(320, n.actual().width());
    assertEquals(640, device.format().width());
  }

  @Test
  void anInterruptedIoctlIsRetried() {
    camera
        .failNext(V4l2Ioctl.VIDIOC_G_FMT, Errno.EINTR)
        .failNext(V4l2Ioctl.VIDIOC_G_FMT, Errno.EINTR);
    assertEquals(640, device.format().width());
    assertEquals(3, camera.calls(V4l2Ioctl.VIDIOC_G_FMT));
  }

  @Test
  void theFrameIntervalIsRead() {
    StreamParameters p = device.streamParameters();
    assertTrue(p.timePerFrameSupported());
    assertEquals(new Fraction(1, 30), p.timePerFrame());
  }

  @Test
  void aFrameRateTheDriverSupportsIsApplied() {
    Negotiated<Fraction> n = device.setFrameRate(60);
    assertFalse(n.adjusted());
    assertEquals(new Fraction(1, 60), device.streamParameters().timePerFrame());
  }

  @Test
  void aFrameRateTheDriverRoundsIsReported() {
    Negotiated<Fraction> n = device.setFrameRate(25);
    assertTrue(n.adjusted());
    assertEquals(new Fraction(1, 30), n.actual());
  }

  @Test
  void inputsAreEnumerated() {
    assertEquals(List.of(new InputInfo(0, "Camera 1", 2, 0)), device.inputs());
    assertEquals(0, device.input());
  }

  @Test
  void aClosedDeviceRefusesCalls() {
    device.close();
    assertThrows(IllegalStateException.class, () -> device.format());
  }
}
