package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;

/**
 * The commands of {@code VIDIOC_ENCODER_CMD}, for {@link M2mEncoder#command(EncoderCommand)} and
 * {@link M2mEncoder#supports(EncoderCommand)}.
 */
public enum EncoderCommand {
  /** {@code V4L2_ENC_CMD_START}: resume encoding after a drain, keeping the encoder's state. */
  START(V4l2Constants.V4L2_ENC_CMD_START, 0),
  /**
   * {@code V4L2_ENC_CMD_STOP}: drain. Frames queued before it are encoded; the last CAPTURE buffer
   * is flagged {@code V4L2_BUF_FLAG_LAST} (and may be empty), and an EOS event is raised.
   */
  STOP(V4l2Constants.V4L2_ENC_CMD_STOP, 0),
  /** {@code V4L2_ENC_CMD_STOP} with {@code V4L2_ENC_CMD_STOP_AT_GOP_END}: drain at a GOP's end. */
  STOP_AT_GOP_END(V4l2Constants.V4L2_ENC_CMD_STOP, V4l2Constants.V4L2_ENC_CMD_STOP_AT_GOP_END),
  /** {@code V4L2_ENC_CMD_PAUSE} (rarely implemented by mem2mem encoders). */
  PAUSE(V4l2Constants.V4L2_ENC_CMD_PAUSE, 0),
  /** {@code V4L2_ENC_CMD_RESUME} (rarely implemented by mem2mem encoders). */
  RESUME(V4l2Constants.V4L2_ENC_CMD_RESUME, 0);

  private final int code;
  private final int flags;

  EncoderCommand(int code, int flags) {
    this.code = code;
    this.flags = flags;
  }

  /**
   * Returns the {@code cmd} value.
   *
   * @return {@code V4L2_ENC_CMD_*}
   */
  public int code() {
    return code;
  }

  /**
   * Returns the {@code flags} value.
   *
   * @return {@code V4L2_ENC_CMD_STOP_AT_GOP_END} or 0
   */
  public int flags() {
    return flags;
  }
}
