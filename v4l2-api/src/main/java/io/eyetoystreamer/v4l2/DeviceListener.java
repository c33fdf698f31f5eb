package io.eyetoystreamer.v4l2;

/**
 * Told when a video capture device appears or goes away; see {@link V4l2Devices#watch}. Called on
 * the watch's own thread, one call at a time; an exception thrown here is caught and dropped.
 */
public interface DeviceListener {
  /**
   * A capture device appeared (or was there when the watch started).
   *
   * @param device the new device
   */
  void found(DeviceInfo device);

  /**
   * A capture device went away (unplugged, or its node removed).
   *
   * @param device the device as it was found
   */
  void gone(DeviceInfo device);
}
