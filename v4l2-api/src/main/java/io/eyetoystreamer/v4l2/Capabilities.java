package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code VIDIOC_QUERYCAP} reports about a device node. Immutable.
 *
 * @param driver the driver name, e.g. {@code ov534} or {@code vivid}
 * @param card the device name, e.g. {@code USB Camera-B4.09.24.1}
 * @param busInfo where the device sits, e.g. {@code usb-0000:00:14.0-1}
 * @param version the driver (kernel) version, {@code KERNEL_VERSION(a, b, c)} encoded
 * @param capabilities the capabilities of the whole physical device ({@code V4L2_CAP_*} bits)
 * @param deviceCaps the capabilities of this node, valid when {@code capabilities} has {@code
 *     V4L2_CAP_DEVICE_CAPS}
 */
public record Capabilities(
    String driver, String card, String busInfo, int version, int capabilities, int deviceCaps) {

  /**
   * Returns the capabilities of this node: {@code device_caps} when the driver fills it, else the
   * device-wide ones.
   *
   * @return {@code V4L2_CAP_*} bits
   */
  public int nodeCaps() {
    return (capabilities & V4l2Constants.V4L2_CAP_DEVICE_CAPS) != 0 ? deviceCaps : capabilities;
  }

  /**
   * Tells whether this node can capture video with streaming I/O, the only kind this library
   * drives: it has {@code VIDEO_CAPTURE} and {@code STREAMING}, and is not a memory-to-memory
   * device (codec, scaler). Metadata, VBI, radio, SDR, touch and output nodes are not.
   *
   * @return true for a video capture node
   */
  public boolean canCapture() {
    int caps = nodeCaps();
    int m2m = V4l2Constants.V4L2_CAP_VIDEO_M2M | V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE;
    // A touch sensor's node (/dev/v4l-touchN) also says VIDEO_CAPTURE and STREAMING: its "frames"
    // are arrays of touch pressures, not pictures.
    return (caps & V4l2Constants.V4L2_CAP_VIDEO_CAPTURE) != 0
        && (caps & V4l2Constants.V4L2_CAP_STREAMING) != 0
        && (caps & m2m) == 0
        && (caps & V4l2Constants.V4L2_CAP_VIDEO_OUTPUT) == 0
        && (caps & V4l2Constants.V4L2_CAP_TOUCH) == 0;
  }

  /**
   * Tells whether this node is a memory-to-memory device (a codec, scaler or converter) with
   * streaming I/O: frames go in on its OUTPUT queue and results come out on its CAPTURE queue, see
   * {@link M2mEncoder}.
   *
   * @return true when it has {@code VIDEO_M2M} or {@code VIDEO_M2M_MPLANE}, and {@code STREAMING}
   */
  public boolean isMemToMem() {
    int caps = nodeCaps();
    int m2m = V4l2Constants.V4L2_CAP_VIDEO_M2M | V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE;
    return (caps & m2m) != 0 && (caps & V4l2Constants.V4L2_CAP_STREAMING) != 0;
  }

  /**
   * Tells whether this node speaks the multi-planar API (buffers with {@code struct v4l2_plane}s,
   * the {@code *_MPLANE} buffer types), as the Raspberry Pi's codecs do.
   *
   * @return true when it has {@code VIDEO_M2M_MPLANE}, {@code VIDEO_CAPTURE_MPLANE} or {@code
   *     VIDEO_OUTPUT_MPLANE}
   */
  public boolean isMultiplanar() {
    int mplane =
        V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE
            | V4l2Constants.V4L2_CAP_VIDEO_CAPTURE_MPLANE
            | V4l2Constants.V4L2_CAP_VIDEO_OUTPUT_MPLANE;
    return (nodeCaps() & mplane) != 0;
  }

  /**
   * Formats the version as {@code major.minor.patch}.
   *
   * @return e.g. {@code 6.1.0}
   */
  public String versionString() {
    return (version >>> 16 & 0xFF) + "." + (version >>> 8 & 0xFF) + "." + (version & 0xFF);
  }

  /**
   * Names the capability bits the way v4l2-ctl prints them, in its order (checked against {@code
   * v4l2-ctl --info} on vivid, whose device has nearly every bit).
   *
   * @param caps {@code V4L2_CAP_*} bits
   * @return one name per set bit, e.g. {@code Video Capture}, {@code Streaming}
   */
  public static List<String> names(int caps) {
    String[][] table = {
      {"1", "Video Capture"},
      {"1000", "Video Capture Multiplanar"},
      {"2", "Video Output"},
      {"2000", "Video Output Multiplanar"},
      {"8000", "Video Memory-to-Memory"},
      {"4000", "Video Memory-to-Memory Multiplanar"},
      {"4", "Video Overlay"},
      {"200", "Video Output Overlay"},
      {"10", "VBI Capture"},
      {"20", "VBI Output"},
      {"40", "Sliced VBI Capture"},
      {"80", "Sliced VBI Output"},
      {"100", "RDS Capture"},
      {"800", "RDS Output"},
      {"100000", "SDR Capture"},
      {"400000", "SDR Output"},
      {"800000", "Metadata Capture"},
      {"8000000", "Metadata Output"},
      {"10000", "Tuner"},
      {"10000000", "Touch Device"},
      {"400", "HW Frequency Seek"},
      {"80000", "Modulator"},
      {"20000", "Audio"},
      {"40000", "Radio"},
      {"20000000", "I/O MC"},
      {"1000000", "Read/Write"},
      {"2000000", "Async I/O"},
      {"4000000", "Streaming"},
      {"200000", "Extended Pix Format"},
      {"80000000", "Device Capabilities"},
    };
    List<String> names = new ArrayList<>();
    for (String[] row : table) {
      if ((caps & Integer.parseUnsignedInt(row[0], 16)) != 0) {
        names.add(row[1]);
      }
    }
    return names;
  }
}
