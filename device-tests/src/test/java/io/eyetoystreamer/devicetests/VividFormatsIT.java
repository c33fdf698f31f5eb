package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.FrameInterval;
import io.eyetoystreamer.v4l2.FrameSize;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Formats, frame sizes and frame intervals as the library enumerates them equal {@code v4l2-ctl
 * --list-formats-ext}, entry for entry (vivid: 83 formats, 6 sizes each, up to 12 intervals).
 */
@VividTest
class VividFormatsIT {
  @Test
  void enumerationEqualsV4l2CtlListFormatsExt() throws Exception {
    List<String> tool =
        V4l2CtlOutput.formats(V4l2Ctl.run(DeviceUnderTest.path(), "--list-formats-ext"));
    List<String> ours = new ArrayList<>();
    int formats = 0;
    int sizes = 0;
    int intervals = 0;
    try (V4l2Device camera = V4l2Device.open(DeviceUnderTest.path())) {
      for (FormatDescription d : camera.formats()) {
        formats++;
        ours.add(
            V4l2CtlOutput.formatLine(
                d.index(), FourCc.toString(d.pixelFormat()), d.description(), d.flags()));
        for (FrameSize size : camera.frameSizes(d.pixelFormat())) {
          sizes++;
          ours.add("Size: " + size);
          if (size.type() == FrameSize.Type.DISCRETE) {
            for (FrameInterval iv :
                camera.frameIntervals(d.pixelFormat(), size.width(), size.height())) {
              intervals++;
              ours.add("Interval: " + iv);
            }
          }
        }
      }
    }
    for (int i = 0; i < Math.min(tool.size(), ours.size()); i++) {
      if (!tool.get(i).equals(ours.get(i))) {
        fail(
            "entry "
                + i
                + " differs: v4l2-ctl says '"
                + tool.get(i)
                + "', the library '"
                + ours.get(i)
                + "'");
      }
    }
    assertEquals(tool.size(), ours.size(), "number of entries");
    System.out.println(
        "formats: "
            + formats
            + " formats, "
            + sizes
            + " sizes, "
            + intervals
            + " intervals, equal to v4l2-ctl --list-formats-ext");
  }
}
