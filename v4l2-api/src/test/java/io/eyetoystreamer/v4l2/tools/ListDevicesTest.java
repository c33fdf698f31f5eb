package io.eyetoystreamer.v4l2.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListDevicesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noVideoNodeGivesOneClearLineAndStatusOne() {
    V4l2Native none = mock(V4l2Native.class);
    when(none.deviceNodes()).thenReturn(List.of());
    assertEquals(1, ListDevices.run(none, List.of(), out));
    assertEquals("No V4L2 video devices found: there is no /dev/video* node.\n", output());
  }

  @Test
  void aCameraIsReportedLikeV4l2CtlAll() {
    assertEquals(0, ListDevices.run(new ScriptedCamera(), List.of(), out));
    String text = output();
    for (String expected :
        List.of(
            "Device /dev/video0:",
            "\tDriver name      : scripted",
            "\tCard type        : Scripted Camera",
            "\t\tVideo Capture",
            "Video input : 0 (Camera 1: ok)",
            "\tWidth/Height      : 640/480",
            "\tPixel Format      : 'YUYV' (YUYV 4:2:2)",
            "\tFrames per second: 30.000 (30/1)",
            "\t[1]: 'MJPG' (Motion-JPEG), compressed",
            "\t\tSize: Discrete 320x240",
            "\t\t\tInterval: Discrete 0.033s (30.000 fps)",
            "User Controls",
            "                     brightness 0x00980900 (int)    : min=0 max=255 step=1 default=0"
                + " value=0 flags=slider",
            "\t\t\t\t1: 50 Hz",
            "value=0 (Disabled)",
            "value=8589934592")) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
    }
  }

  @Test
  void aNonCaptureNodeGetsOneLine() {
    ScriptedCamera meta =
        new ScriptedCamera()
            .withDeviceCaps(V4l2Constants.V4L2_CAP_META_CAPTURE | V4l2Constants.V4L2_CAP_STREAMING);
    assertEquals(1, ListDevices.run(meta, List.of(), out));
    assertTrue(
        output()
            .startsWith(
                "/dev/video0: scripted (Scripted Camera), not a video capture node: Metadata"
                    + " Capture, Streaming"),
        output());
  }

  @Test
  void aNamedDeviceThatCannotBeOpenedIsReportedWithStatusTwo() {
    assertEquals(2, ListDevices.run(new ScriptedCamera(), List.of("/dev/video9"), out));
    assertTrue(
        output().contains("open on /dev/video9 failed: ENOENT (No such file or directory)"),
        output());
  }
}
