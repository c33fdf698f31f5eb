package io.eyetoystreamer.v4l2;

/**
 * One video input from {@code VIDIOC_ENUMINPUT}. Immutable.
 *
 * @param index the input number
 * @param name the input's name, e.g. {@code Camera 1}
 * @param type {@code V4L2_INPUT_TYPE_*} (2 = camera)
 * @param status {@code V4L2_IN_ST_*} bits (0 = ok)
 */
public record InputInfo(int index, String name, int type, int status) {}
