package io.eyetoystreamer.sharedarea;

/** A frame does not fit a slot. Nothing was published; the area is unchanged. */
public final class FrameTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a complete message.
   *
   * @param message the whole message
   */
  public FrameTooLargeException(String message) {
    super(message);
  }
}
