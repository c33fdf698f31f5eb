package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import java.util.List;
import org.junit.jupiter.api.Test;

class V4l2DevicesTest {
  private final ScriptedCamera camera = new ScriptedCamera();

  @Test
  void aCaptureNodeIsListedWithItsCapabilities() {
    List<DeviceInfo> devices = V4l2Devices.list(camera);
    assertEquals(1, devices.size());
    assertEquals("/dev/video0", devices.get(0).path());
    assertEquals("scripted", devices.get(0).capabilities().driver());
    assertEquals(0, camera.openDescriptors(), "listing closes what it opened");
  }

  @Test
  void aMetadataNodeIsSkipped() {
    camera.withDeviceCaps(V4l2Constants.V4L2_CAP_META_CAPTURE | V4l2Constants.V4L2_CAP_STREAMING);
    assertEquals(List.of(), V4l2Devices.list(camera));
    assertFalse(V4l2Devices.probeAll(camera).get(0).isCaptureDevice());
  }

  @Test
  void aMemoryToMemoryCodecIsSkipped() {
    camera.withDeviceCaps(
        V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE
            | V4l2Constants.V4L2_CAP_VIDEO_CAPTURE
            | V4l2Constants.V4L2_CAP_STREAMING);
    assertEquals(List.of(), V4l2Devices.list(camera));
  }

  @Test
  void aNodeThatCannotBeQueriedIsReportedNotThrown() {
    camera.failNext(V4l2Ioctl.VIDIOC_QUERYCAP, Errno.EACCES);
    List<DeviceProbe> probes = V4l2Devices.probeAll(camera);
    assertEquals(1, probes.size());
    assertNotNull(probes.get(0).error());
    assertTrue(probes.get(0).error().getMessage().contains("EACCES (Permission denied)"));
    assertEquals(0, camera.openDescriptors());
  }
}
