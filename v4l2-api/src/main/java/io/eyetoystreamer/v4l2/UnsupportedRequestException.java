package io.eyetoystreamer.v4l2;

/** The driver does not implement the ioctl (ENOTTY). */
public class UnsupportedRequestException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   */
  public UnsupportedRequestException(String device, String operation, int errno) {
    super(device, operation, errno);
  }
}
