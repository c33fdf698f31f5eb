package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.streamer.http.Json;

/**
 * What the server knows about its camera, for {@code /state}, {@code /metrics} and viewers' status
 * messages. Thread-safe: the capture side replaces an immutable snapshot; readers take the current
 * one. Every change bumps {@link Snapshot#version()}, so the fan-out can tell viewers only when
 * something changed.
 */
public final class CameraState {
  /**
   * One consistent view of the camera.
   *
   * @param online frames are flowing (or the camera is open and healthy)
   * @param device the device path, {@code simulated} or the area path
   * @param driver the V4L2 driver name (e.g. {@code ov534})
   * @param card the card name
   * @param format the pixel format fourcc as text
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @param requestedFps the rate asked for
   * @param driverFps the rate the driver chose
   * @param message a sentence for people: why offline, or what is streaming
   * @param version incremented on every change
   */
  public record Snapshot(
      boolean online,
      String device,
      String driver,
      String card,
      String format,
      int width,
      int height,
      double requestedFps,
      double driverFps,
      String message,
      long version) {

    /** This snapshot, online or not, with another message and the next version. */
    Snapshot with(boolean nowOnline, String newMessage) {
      return new Snapshot(
          nowOnline,
          device,
          driver,
          card,
          format,
          width,
          height,
          requestedFps,
          driverFps,
          newMessage,
          version + 1);
    }

    /** The JSON status message viewers of {@code /ws} receive. */
    public String statusJson() {
      return new Json()
          .field("type", "status")
          .field("camera", online ? "online" : "offline")
          .field("message", message)
          .field("width", width)
          .field("height", height)
          .field("fps", driverFps)
          .toString();
    }
  }

  private volatile Snapshot current;

  /** Starts offline with the given message. */
  public CameraState(String device, String message) {
    current = new Snapshot(false, device, "", "", "", 0, 0, 0, 0, message, 0);
  }

  /** The current snapshot. */
  public Snapshot current() {
    return current;
  }

  /** Records a camera that is open and streaming. */
  public synchronized void online(
      String device,
      String driver,
      String card,
      String format,
      int width,
      int height,
      double requestedFps,
      double driverFps,
      String message) {
    current =
        new Snapshot(
            true,
            device,
            driver,
            card,
            format,
            width,
            height,
            requestedFps,
            driverFps,
            message,
            current.version() + 1);
  }

  /** Records that frames flow again from the camera known before (after a stall). */
  public synchronized void resumed() {
    current = current.with(true, "streaming again");
  }

  /** Records a camera that is gone, stalled or not yet open, keeping what is known of it. */
  public synchronized void offline(String message) {
    Snapshot s = current;
    if (!s.online() && s.message().equals(message)) {
      return;
    }
    current = s.with(false, message);
  }
}
