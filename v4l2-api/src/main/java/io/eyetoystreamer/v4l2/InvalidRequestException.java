package io.eyetoystreamer.v4l2;

/** The driver rejected the arguments (EINVAL), e.g. an unsupported buffer type or format. */
public class InvalidRequestException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   */
  public InvalidRequestException(String device, String operation, int errno) {
    super(device, operation, errno);
  }
}
