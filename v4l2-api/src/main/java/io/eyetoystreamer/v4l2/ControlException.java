package io.eyetoystreamer.v4l2;

/**
 * A control could not be read or written for a reason found before asking the driver: no control
 * has that name or id, the value is outside the range or off the step, the control is read-only,
 * write-only or of a type this library cannot set. Errors the driver reports while getting or
 * setting controls are ordinary {@link V4l2Exception}s.
 */
public class ControlException extends V4l2Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param device the device path
   * @param operation what was attempted, e.g. {@code set control brightness}
   * @param detail what is wrong with it
   */
  public ControlException(String device, String operation, String detail) {
    super(device, operation, detail);
  }
}
