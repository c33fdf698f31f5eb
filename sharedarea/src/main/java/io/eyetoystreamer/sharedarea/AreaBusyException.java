package io.eyetoystreamer.sharedarea;

import java.io.IOException;

/** Another writer owns the area: an area has one writer at a time. */
public final class AreaBusyException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a complete message.
   *
   * @param message the whole message
   */
  public AreaBusyException(String message) {
    super(message);
  }
}
