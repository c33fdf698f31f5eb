package io.eyetoystreamer.v4l2;

/** The device node does not exist or has no device behind it (ENOENT, ENXIO). */
public class DeviceNotFoundException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   */
  public DeviceNotFoundException(String device, String operation, int errno) {
    super(device, operation, errno);
  }
}
