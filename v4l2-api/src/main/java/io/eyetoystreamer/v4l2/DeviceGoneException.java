package io.eyetoystreamer.v4l2;

/**
 * The device went away (ENODEV), typically because the camera was unplugged, or the driver ended a
 * capture stream for good (EIO from {@code VIDIOC_DQBUF} or {@code VIDIOC_QBUF}: a fatal streaming
 * error, which drivers also raise on an unplug just before the node goes away). The device and any
 * stream on it are unusable: close them and open the device again when it is back.
 */
public class DeviceGoneException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   */
  public DeviceGoneException(String device, String operation, int errno) {
    super(device, operation, errno);
  }
}
