package io.eyetoystreamer.streamer.capture;

/**
 * Why a request for the camera's controls was not done, in a sentence for people, with the kind of
 * reason (which the HTTP side turns into a status code). Nothing was changed unless the message
 * says otherwise.
 */
public final class ControlsRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of reason. */
  public enum Reason {
    /** The request itself is wrong: an unknown control, a bad value, a read-only control. */
    INVALID,
    /** Not now: the camera is offline, or too many requests wait for it. */
    UNAVAILABLE,
    /** The driver refused it as busy (a control grabbed while streaming, say). */
    BUSY,
    /** The driver failed in another way. */
    FAILED
  }

  private final Reason reason;

  /** A refusal for {@code reason}, saying {@code message}. */
  public ControlsRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The kind of reason. */
  public Reason reason() {
    return reason;
  }
}
