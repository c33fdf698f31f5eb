package io.eyetoystreamer.streamer.capture;

import java.util.Map;

/**
 * What to ask of the camera. Immutable.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frames per second
 * @param controls control values to set, by name, in order
 */
public record CaptureSettings(int width, int height, int fps, Map<String, Integer> controls) {
  /** Copies the controls. */
  public CaptureSettings {
    controls = Map.copyOf(controls);
  }
}
