package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.V4l2Device;

/**
 * Work the capture thread does on the device it owns besides capturing (camera controls asked for
 * over HTTP, for one): told when the device is opened, given a turn between frames, told when it is
 * closed. Every call comes from the thread that owns the device at that moment ({@link
 * CaptureLoop#prepare()}'s caller for the first open, then the capture thread), so an
 * implementation may use the device freely inside the call and must not keep it outside.
 */
public interface CaptureHook {
  /** Does nothing. */
  CaptureHook NONE = new CaptureHook() {};

  /**
   * The device has just been opened and set up ({@code --ctrl} applied), before the first frame. A
   * {@link io.eyetoystreamer.v4l2.V4l2Exception} thrown here fails the open like any other.
   */
  default void opened(V4l2Device device) {}

  /** A turn between two frames (or after a poll that brought none); keep it short. */
  default void betweenFrames(V4l2Device device) {}

  /** The device is about to be closed (unplugged, failed, stopping). */
  default void closed() {}
}
