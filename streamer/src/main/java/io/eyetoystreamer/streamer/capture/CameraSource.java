package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.V4l2Device;

/** Where the capture loop gets its camera: a real device node, or the simulated Eyetoy. */
public interface CameraSource {
  /** A name for logs and {@code /state}: the device path, or {@code simulated}. */
  String name();

  /**
   * Opens the camera.
   *
   * @throws io.eyetoystreamer.v4l2.V4l2Exception naming the device and what failed
   */
  V4l2Device open();
}
