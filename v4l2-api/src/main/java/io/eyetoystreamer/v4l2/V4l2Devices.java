package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds V4L2 video capture devices. Each V4L2 node ({@code /dev/video*}, then {@code vbi*}, {@code
 * radio*}, {@code swradio*} and {@code v4l-touch*}, as listed by {@link V4l2Native#deviceNodes()})
 * is opened, queried with {@code VIDIOC_QUERYCAP} and closed again. Nodes that cannot capture video
 * with streaming I/O (metadata, VBI, radio, SDR, touch, output, codec nodes) are skipped by {@link
 * #list()}; {@link #probeAll()} reports every node. Stateless and thread-safe.
 */
public final class V4l2Devices {
  private V4l2Devices() {}

  /**
   * Lists the video capture devices of this machine (or of the simulated camera, when the system
   * property {@code eyetoystreamer.v4l2.native} is {@code simulated}).
   *
   * @return the capture devices in node order; empty when there are none
   */
  public static List<DeviceInfo> list() {
    return list(NativeSelection.get());
  }

  /**
   * Lists the video capture devices behind a native seam.
   *
   * @param sys the native seam
   * @return the capture devices in node order
   */
  public static List<DeviceInfo> list(V4l2Native sys) {
    List<DeviceInfo> out = new ArrayList<>();
    for (DeviceProbe p : probeAll(sys)) {
      if (p.isCaptureDevice()) {
        out.add(new DeviceInfo(p.path(), p.capabilities()));
      }
    }
    return out;
  }

  /**
   * Watches for capture devices appearing and going away (a camera plugged in or out): tells the
   * listener about every device present now, then about each change, checking every {@code
   * interval}. Close the returned watch to stop.
   *
   * <pre>{@code
   * try (DeviceWatch watch = V4l2Devices.watch(Duration.ofSeconds(1), new DeviceListener() {
   *       public void found(DeviceInfo d) { System.out.println("found " + d.path()); }
   *       public void gone(DeviceInfo d) { System.out.println("gone " + d.path()); }
   *     })) {
   *   Thread.sleep(60_000);
   * }
   * }</pre>
   *
   * @param interval how often to look, e.g. one second
   * @param listener told on the watch's thread
   * @return the running watch
   */
  public static DeviceWatch watch(Duration interval, DeviceListener listener) {
    return watch(NativeSelection.get(), interval, listener);
  }

  /**
   * Watches for capture devices behind a native seam; see {@link #watch(Duration, DeviceListener)}.
   *
   * @param sys the native seam
   * @param interval how often to look
   * @param listener told on the watch's thread
   * @return the running watch
   */
  public static DeviceWatch watch(V4l2Native sys, Duration interval, DeviceListener listener) {
    return new DeviceWatch(sys, interval, listener);
  }

  /**
   * Lists the mem2mem encoders of this machine (or of the simulated devices, when the system
   * property {@code eyetoystreamer.v4l2.native} is {@code simulated}): memory-to-memory nodes whose
   * CAPTURE queue offers a compressed format and whose OUTPUT queue a raw one, e.g. the Raspberry
   * Pi's {@code /dev/video11} (H264) or vicodec's encoder (FWHT). Decoders (compressed formats on
   * OUTPUT) and scalers (raw on both sides) are left out. Pick one with {@link
   * EncoderInfo#produces(int)}.
   *
   * @return the encoders in node order; empty when there are none
   */
  public static List<EncoderInfo> encoders() {
    return encoders(NativeSelection.get());
  }

  /**
   * Lists the mem2mem encoders behind a native seam; see {@link #encoders()}. A node that cannot be
   * opened or enumerated is left out.
   *
   * @param sys the native seam
   * @return the encoders in node order
   */
  public static List<EncoderInfo> encoders(V4l2Native sys) {
    List<EncoderInfo> out = new ArrayList<>();
    for (String path : sys.deviceNodes()) {
      try (V4l2Device device = V4l2Device.open(path, sys)) {
        Capabilities caps = device.capabilities();
        if (!caps.isMemToMem()) {
          continue;
        }
        boolean mplane = (caps.nodeCaps() & V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE) != 0;
        List<FormatDescription> coded =
            device.formats(
                mplane
                    ? V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE
                    : V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE);
        List<FormatDescription> raw =
            device.formats(
                mplane
                    ? V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE
                    : V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT);
        boolean codes = coded.stream().anyMatch(FormatDescription::compressed);
        boolean takesRaw = raw.stream().anyMatch(f -> !f.compressed());
        if (codes && takesRaw) {
          out.add(new EncoderInfo(path, caps, coded, raw));
        }
      } catch (V4l2Exception e) {
        // not openable or not enumerable: not an encoder we can use
      }
    }
    return out;
  }

  /**
   * Looks at every video node of this machine, capture-capable or not.
   *
   * @return one probe per node, failures included
   */
  public static List<DeviceProbe> probeAll() {
    return probeAll(NativeSelection.get());
  }

  /**
   * Looks at every video node behind a native seam, capture-capable or not.
   *
   * @param sys the native seam
   * @return one probe per node; a node that cannot be opened or queried carries the error
   */
  public static List<DeviceProbe> probeAll(V4l2Native sys) {
    List<DeviceProbe> out = new ArrayList<>();
    for (String path : sys.deviceNodes()) {
      try (V4l2Device device = V4l2Device.open(path, sys)) {
        out.add(new DeviceProbe(path, device.capabilities(), null));
      } catch (V4l2Exception e) {
        out.add(new DeviceProbe(path, null, e));
      }
    }
    return out;
  }
}
