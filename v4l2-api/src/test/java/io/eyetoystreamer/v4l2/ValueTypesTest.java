package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void fourccPacksLittleEndian() {
    assertEquals(0x56595559, FourCc.YUYV);
    assertEquals("YUYV", FourCc.toString(FourCc.YUYV));
  }

  @Test
  void fourccMarksBigEndianVariants() {
    assertEquals("XR24-BE", FourCc.toString(FourCc.of("XR24") | 0x8000_0000));
  }

  @Test
  void fourccNeedsFourCharacters() {
    assertThrows(IllegalArgumentException.class, () -> FourCc.of("YUV"));
  }

  @Test
  void fractionsCompareByValue() {
    assertTrue(new Fraction(1, 30).sameValue(new Fraction(2, 60)));
    assertEquals(30.0, new Fraction(1, 30).perSecond());
  }

  @Test
  void formatRequestIsSatisfiedOnlyByTheSameSizeAndPixelFormat() {
    Format asked = Format.of(640, 480, FourCc.YUYV);
    assertTrue(asked.satisfiedBy(new Format(640, 480, FourCc.YUYV, 1, 1280, 614_400, 8)));
    assertFalse(asked.satisfiedBy(new Format(320, 240, FourCc.YUYV, 1, 640, 153_600, 8)));
  }

  @Test
  void capabilityNamesFollowV4l2Ctl() {
    assertEquals(
        List.of("Video Capture", "Streaming", "Device Capabilities"),
        Capabilities.names(
            V4l2Constants.V4L2_CAP_VIDEO_CAPTURE
                | V4l2Constants.V4L2_CAP_STREAMING
                | V4l2Constants.V4L2_CAP_DEVICE_CAPS));
  }

  @Test
  void nodeCapsFallBackToDeviceWideCapsWithoutDeviceCaps() {
    Capabilities c = new Capabilities("d", "c", "b", 0, 0x0400_0001, 0);
    assertEquals(0x0400_0001, c.nodeCaps());
    assertTrue(c.canCapture());
  }

  @Test
  void onlyVideoCaptureNodesCanCapture() {
    // device_caps of vivid's nodes (kernel 6.1): capture, output, metadata capture, touch, VBI.
    int caps = 0x9dbf0df7;
    assertTrue(
        new Capabilities("vivid", "vivid", "platform:vivid-000", 0, caps, 0x05230005).canCapture());
    assertFalse(new Capabilities("vivid", "vivid", "p", 0, caps, 0x05220002).canCapture());
    assertFalse(new Capabilities("vivid", "vivid", "p", 0, caps, 0x05a30000).canCapture());
    assertFalse(
        new Capabilities("vivid", "vivid", "p", 0, caps, 0x15200001).canCapture(),
        "a touch node says Video Capture and Streaming too");
    assertFalse(new Capabilities("vivid", "vivid", "p", 0, caps, 0x05230050).canCapture());
  }

  @Test
  void aMultiplanarCodecNodeIsMemToMemAndCannotCapture() {
    // device_caps of the Raspberry Pi's bcm2835-codec nodes: M2M_MPLANE | EXT_PIX_FORMAT |
    // STREAMING.
    Capabilities codec = new Capabilities("bcm2835-codec", "enc", "p", 0, 0x84204000, 0x04204000);
    assertTrue(codec.isMemToMem());
    assertTrue(codec.isMultiplanar());
    assertFalse(codec.canCapture());
  }

  @Test
  void aSinglePlanarCodecNodeIsMemToMem() {
    // vicodec loaded with multiplanar=0: VIDEO_M2M | STREAMING.
    Capabilities codec =
        new Capabilities("vicodec", "stateful-encoder", "p", 0, 0x84008000, 0x04008000);
    assertTrue(codec.isMemToMem());
    assertFalse(codec.isMultiplanar());
  }

  @Test
  void aCameraIsNotMemToMem() {
    assertFalse(new Capabilities("ov534", "c", "b", 0, 0x85200001, 0x05200001).isMemToMem());
  }

  @Test
  void errnoMapsToTheMatchingExceptionType() {
    assertTrue(V4l2Exception.of("/dev/v", "op", 19) instanceof DeviceGoneException);
    assertTrue(V4l2Exception.of("/dev/v", "op", 16) instanceof DeviceBusyException);
    assertTrue(V4l2Exception.of("/dev/v", "op", 25) instanceof UnsupportedRequestException);
    assertEquals(V4l2Exception.class, V4l2Exception.of("/dev/v", "op", 5).getClass());
  }
}
