package io.eyetoystreamer.v4l2;

/**
 * A video capture device found by {@link V4l2Devices#list()}. Immutable.
 *
 * @param path the device node, e.g. {@code /dev/video0}
 * @param capabilities what the node reported
 */
public record DeviceInfo(String path, Capabilities capabilities) {}
