package io.eyetoystreamer.v4l2;

/**
 * The capture streaming parameters from {@code VIDIOC_G_PARM}. Immutable.
 *
 * @param timePerFrameSupported true when the driver lets the frame interval be set ({@code
 *     V4L2_CAP_TIMEPERFRAME})
 * @param timePerFrame the current frame interval in seconds, e.g. {@code 1/30}
 * @param captureMode the {@code capturemode} bits ({@code V4L2_MODE_HIGHQUALITY})
 * @param readBuffers the number of buffers the driver uses for {@code read()} I/O
 */
public record StreamParameters(
    boolean timePerFrameSupported, Fraction timePerFrame, int captureMode, int readBuffers) {}
