package io.eyetoystreamer.sharedarea;

import java.io.IOException;

/**
 * A file is not a usable frame area: wrong magic, a layout version this code does not know, a
 * truncated file or header fields that contradict each other. The message names the file, what was
 * found, what was expected and what to do.
 */
public final class AreaFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a complete message.
   *
   * @param message the whole message
   */
  public AreaFormatException(String message) {
    super(message);
  }
}
