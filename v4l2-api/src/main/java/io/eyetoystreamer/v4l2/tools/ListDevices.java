package io.eyetoystreamer.v4l2.tools;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.DeviceProbe;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.V4l2Exception;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line tool: prints, for every V4L2 video capture device, what {@code v4l2-ctl --all} and
 * {@code --list-formats-ext} would (driver info and capabilities, input, current format, frame
 * rate, formats with sizes and intervals, controls with values and menus). Nodes that are not video
 * capture nodes are listed in one line each. A Raspberry Pi user debugging a camera needs nothing
 * but Java and this jar (plus JNA).
 *
 * <pre>
 * java -cp v4l2-api.jar:jna.jar io.eyetoystreamer.v4l2.tools.ListDevices [/dev/videoN ...]
 * </pre>
 *
 * <p>Exit status: 0 when at least one device was reported, 1 when there is no video device, 2 when
 * a named device could not be opened.
 */
public final class ListDevices {
  private ListDevices() {}

  /**
   * Runs the tool on the real system.
   *
   * @param args device paths to report; none means every {@code /dev/video*} node
   */
  public static void main(String[] args) {
    System.exit(run(JnaV4l2Native.instance(), Arrays.asList(args), System.out));
  }

  /**
   * Runs the tool against a native seam.
   *
   * @param sys the native seam
   * @param paths device paths to report; empty means every node {@code sys} lists
   * @param out where to print
   * @return the exit status
   */
  public static int run(V4l2Native sys, List<String> paths, PrintStream out) {
    if (!paths.isEmpty()) {
      int status = 0;
      for (String path : paths) {
        try (V4l2Device device = V4l2Device.open(path, sys)) {
          new DeviceReport(device, out).print();
        } catch (V4l2Exception e) {
          out.println(e.getMessage());
          status = 2;
        }
        out.println();
      }
      return status;
    }
    List<DeviceProbe> probes = V4l2Devices.probeAll(sys);
    if (probes.isEmpty()) {
      out.println("No V4L2 video devices found: there is no /dev/video* node.");
      return 1;
    }
    boolean any = false;
    for (DeviceProbe p : probes) {
      if (p.error() != null) {
        out.println(p.path() + ": " + p.error().getMessage());
      } else if (!p.isCaptureDevice()) {
        Capabilities c = p.capabilities();
        out.println(
            p.path()
                + ": "
                + c.driver()
                + " ("
                + c.card()
                + "), not a video capture node: "
                + String.join(", ", Capabilities.names(c.nodeCaps())));
      }
    }
    for (DeviceProbe p : probes) {
      if (!p.isCaptureDevice()) {
        continue;
      }
      out.println();
      try (V4l2Device device = V4l2Device.open(p.path(), sys)) {
        new DeviceReport(device, out).print();
        any = true;
      } catch (V4l2Exception e) {
        out.println(e.getMessage());
      }
    }
    if (!any) {
      out.println("No V4L2 video capture device found among " + probes.size() + " video node(s).");
      return 1;
    }
    return 0;
  }
}
