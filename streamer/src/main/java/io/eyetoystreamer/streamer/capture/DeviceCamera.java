package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.V4l2Device;

/** A real V4L2 device node such as {@code /dev/video0}. */
public final class DeviceCamera implements CameraSource {
  private final String path;

  /** The camera at {@code path}. */
  public DeviceCamera(String path) {
    this.path = path;
  }

  @Override
  public String name() {
    return path;
  }

  @Override
  public V4l2Device open() {
    return V4l2Device.open(path);
  }
}
