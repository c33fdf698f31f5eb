package io.eyetoystreamer.streamer.relay;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.http.Json;
import io.eyetoystreamer.streamer.http.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The publisher's camera state as it travels on {@code eyetoy.CAMERA.status}: the {@link
 * CameraState} snapshot's fields as one flat JSON object, and the publisher's instance (a new one
 * each time it starts, so edges notice a restart).
 *
 * <pre>
 * {"type":"status","publisher":"7f3a...","online":true,"device":"simulated","driver":"fake-eyetoy",
 *  "card":"...","format":"YUYV","width":640,"height":480,"requestedFps":30,"driverFps":30,
 *  "message":"streaming ..."}
 * </pre>
 */
record StatusMessage(
    String publisher,
    boolean online,
    String device,
    String driver,
    String card,
    String format,
    int width,
    int height,
    double requestedFps,
    double driverFps,
    String message) {

  /** The message for {@code camera}'s state, from the publisher {@code publisher}. */
  static StatusMessage of(CameraState.Snapshot camera, String publisher) {
    return new StatusMessage(
        publisher,
        camera.online(),
        camera.device(),
        camera.driver(),
        camera.card(),
        camera.format(),
        camera.width(),
        camera.height(),
        camera.requestedFps(),
        camera.driverFps(),
        camera.message());
  }

  /** The JSON bytes. */
  byte[] encode() {
    return new Json()
        .field("type", "status")
        .field("publisher", publisher)
        .field("online", online)
        .field("device", device)
        .field("driver", driver)
        .field("card", card)
        .field("format", format)
        .field("width", width)
        .field("height", height)
        .field("requestedFps", requestedFps)
        .field("driverFps", driverFps)
        .field("message", message)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a status message.
   *
   * @throws IllegalArgumentException if it is not one
   */
  static StatusMessage decode(byte[] data) {
    Map<String, Object> m = JsonObject.parseAllowingNull(new String(data, StandardCharsets.UTF_8));
    if (!"status".equals(m.get("type")) || !(m.get("online") instanceof Boolean)) {
      throw new IllegalArgumentException(
          "not a status message: expected \"type\":\"status\" and \"online\":true|false");
    }
    return new StatusMessage(
        text(m, "publisher"),
        (Boolean) m.get("online"),
        text(m, "device"),
        text(m, "driver"),
        text(m, "card"),
        text(m, "format"),
        (int) number(m, "width"),
        (int) number(m, "height"),
        number(m, "requestedFps"),
        number(m, "driverFps"),
        text(m, "message"));
  }

  private static String text(Map<String, Object> m, String name) {
    Object v = m.get(name);
    return v instanceof String ? (String) v : "";
  }

  private static double number(Map<String, Object> m, String name) {
    Object v = m.get(name);
    return v instanceof Number ? ((Number) v).doubleValue() : 0;
  }
}
