package io.eyetoystreamer.v4l2;

/**
 * The result of looking at one V4L2 device node ({@code /dev/video*}, {@code /dev/vbi*}, ...): its
 * capabilities, or why they could not be read. Immutable.
 *
 * @param path the device node
 * @param capabilities what the node reported, or null when it could not be opened or queried
 * @param error why the node could not be opened or queried, or null
 */
public record DeviceProbe(String path, Capabilities capabilities, V4l2Exception error) {
  /**
   * Tells whether this node is a video capture node this library can stream from.
   *
   * @return true when the capabilities were read and {@link Capabilities#canCapture()} holds
   */
  public boolean isCaptureDevice() {
    return capabilities != null && capabilities.canCapture();
  }
}
