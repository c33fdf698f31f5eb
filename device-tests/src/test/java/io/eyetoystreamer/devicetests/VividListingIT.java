package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.DeviceProbe;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.tools.ListDevices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Device listing on vivid's default many-node layout: the one video capture node is found; output,
 * metadata, VBI, radio, SDR and touch nodes are skipped with the reason; so are another driver's
 * nodes (in {@code .ci/vivid}, the vicodec codec's memory-to-memory nodes after vivid's, its
 * encoder named by {@code -Dv4l2.encoder}); what QUERYCAP says about every node equals what {@code
 * v4l2-ctl --info} prints.
 */
@VividTest
class VividListingIT {
  /** vivid's nodes with its default options, and the capability that makes each not a camera. */
  private static final Map<String, String> OTHERS =
      Map.of(
          "/dev/video1", "Video Output",
          "/dev/video2", "Metadata Capture",
          "/dev/video3", "Metadata Output",
          "/dev/vbi0", "VBI Capture",
          "/dev/vbi1", "VBI Output",
          "/dev/radio0", "Radio",
          "/dev/radio1", "Modulator",
          "/dev/swradio0", "SDR Capture",
          "/dev/v4l-touch0", "Touch Device");

  @Test
  void listingFindsTheCaptureNodeAndSaysWhyTheOthersAreNotCameras() {
    List<DeviceInfo> cameras = V4l2Devices.list();
    assertEquals(List.of(DeviceUnderTest.path()), cameras.stream().map(DeviceInfo::path).toList());

    List<DeviceProbe> all = V4l2Devices.probeAll();
    for (DeviceProbe p : all) {
      assertNull(p.error(), p.path() + ": " + p.error());
    }
    List<String> paths =
        all.stream()
            .filter(p -> p.capabilities().driver().equals("vivid"))
            .map(DeviceProbe::path)
            .toList();
    List<String> expected = new ArrayList<>(List.of(DeviceUnderTest.path()));
    expected.addAll(
        List.of(
            "/dev/video1",
            "/dev/video2",
            "/dev/video3",
            "/dev/vbi0",
            "/dev/vbi1",
            "/dev/radio0",
            "/dev/radio1",
            "/dev/swradio0",
            "/dev/v4l-touch0"));
    assertEquals(expected, paths);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        ListDevices.run(
            JnaV4l2Native.instance(),
            List.of(),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    assertEquals(0, status);
    for (DeviceProbe p : all) {
      if (p.path().equals(DeviceUnderTest.path())) {
        assertTrue(p.isCaptureDevice());
        Vivid.assertContainsLine(lines, "Device " + p.path() + ":");
        continue;
      }
      assertFalse(p.isCaptureDevice(), p.path() + " is no camera");
      Capabilities caps = p.capabilities();
      List<String> names = Capabilities.names(caps.nodeCaps());
      if (caps.driver().equals("vivid")) {
        assertTrue(names.contains(OTHERS.get(p.path())), p.path() + ": " + names);
      }
      String reason =
          p.path()
              + ": "
              + caps.driver()
              + " ("
              + caps.card()
              + "), not a video capture node: "
              + String.join(", ", names);
      Vivid.assertContainsLine(lines, reason);
      System.out.println("skipped " + reason);
    }
    String encoder = System.getProperty("v4l2.encoder", "");
    if (!encoder.isEmpty()) {
      DeviceProbe codec =
          all.stream()
              .filter(p -> p.path().equals(encoder))
              .findFirst()
              .orElseThrow(() -> new AssertionError(encoder + " not listed: " + all));
      assertEquals("vicodec", codec.capabilities().driver(), encoder);
      assertTrue(
          Capabilities.names(codec.capabilities().nodeCaps()).contains("Video Memory-to-Memory"),
          encoder + " is a memory-to-memory node");
    }
  }

  @Test
  void querycapOfEveryNodeEqualsV4l2CtlInfo() throws Exception {
    for (DeviceProbe p : V4l2Devices.probeAll()) {
      V4l2CtlOutput.Info tool = V4l2CtlOutput.info(V4l2Ctl.run(p.path(), "--info"));
      Capabilities ours = p.capabilities();
      String node = p.path() + ": ";
      assertEquals(tool.driver(), ours.driver(), node + "driver");
      assertEquals(tool.card(), ours.card(), node + "card");
      assertEquals(tool.busInfo(), ours.busInfo(), node + "bus info");
      assertEquals(tool.version(), ours.versionString(), node + "version");
      assertEquals(tool.capabilities(), ours.capabilities(), node + "capabilities");
      assertEquals(tool.deviceCaps(), ours.deviceCaps(), node + "device caps");
      assertEquals(
          tool.capabilityNames(),
          Capabilities.names(ours.capabilities()),
          node + "capability names");
      assertEquals(
          tool.deviceCapNames(), Capabilities.names(ours.deviceCaps()), node + "device cap names");
    }
  }
}
