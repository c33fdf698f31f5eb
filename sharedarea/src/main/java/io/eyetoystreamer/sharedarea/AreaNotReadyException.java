package io.eyetoystreamer.sharedarea;

import java.io.IOException;

/**
 * No writer initialised the area before the reader's deadline: the file was missing, empty, or its
 * header was still being written.
 */
public final class AreaNotReadyException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a complete message.
   *
   * @param message the whole message
   */
  public AreaNotReadyException(String message) {
    super(message);
  }
}
