package io.eyetoystreamer.streamer.capture;

import java.util.Locale;

/** What the capture loop does while nobody wants frames ({@code --idle}). */
public enum IdlePolicy {
  /** Capture and publish every frame, watched or not. */
  CAPTURE,
  /**
   * Publish one fresh frame a second; the device keeps streaming, but its buffers are not taken in
   * between, so the driver drops the frames it has no buffer for. Full rate again within one frame
   * interval of the first viewer.
   */
  SLOW,
  /** Close the device after a few seconds without a viewer; open it again when one comes. */
  STOP;

  /** Parses {@code capture}, {@code slow} or {@code stop}. */
  public static IdlePolicy parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--idle " + value + ": expected capture, slow or stop", e);
    }
  }

  /** The option's value: {@code capture}, {@code slow} or {@code stop}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
