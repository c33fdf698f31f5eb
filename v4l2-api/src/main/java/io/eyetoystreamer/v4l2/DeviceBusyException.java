package io.eyetoystreamer.v4l2;

/**
 * The driver refused because the device is busy (EBUSY): another process streams from it, or the
 * request (e.g. a format change) is not allowed while streaming.
 */
public class DeviceBusyException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   */
  public DeviceBusyException(String device, String operation, int errno) {
    super(device, operation, errno);
  }
}
