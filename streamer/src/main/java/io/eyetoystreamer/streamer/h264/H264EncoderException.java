package io.eyetoystreamer.streamer.h264;

/**
 * An H.264 encoder could not be opened or failed while encoding; the message says which and why.
 */
public final class H264EncoderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public H264EncoderException(String message) {
    super(message);
  }

  public H264EncoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
