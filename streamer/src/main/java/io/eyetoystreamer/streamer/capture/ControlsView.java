package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.streamer.http.Json;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.MenuItem;
import java.util.List;

/**
 * The camera's controls as the driver described them, with the values they had when read: what
 * {@code GET /controls} shows. Immutable.
 *
 * @param controls every control but the class headings, in driver order
 */
public record ControlsView(List<Entry> controls) {
  /**
   * One control.
   *
   * @param info what the driver says of it (v4l2-api's description)
   * @param group the class heading it comes under ({@code User Controls}, ...), or null
   * @param value its value: a {@link Long}, a {@link String} for a string control, or null when it
   *     has none to read (a button, a write-only or compound control, or the read failed)
   */
  public record Entry(ControlInfo info, String group, Object value) {}

  /** Copies the list. */
  public ControlsView {
    controls = List.copyOf(controls);
  }

  /** The value of the control with this key, or null. */
  public Object value(String key) {
    for (Entry e : controls) {
      if (e.info().key().equals(key)) {
        return e.value();
      }
    }
    return null;
  }

  /**
   * {@code {"controls":[...]}}: the answer to {@code GET /controls} (README, "Camera controls").
   */
  public String listJson() {
    StringBuilder sb = new StringBuilder(256 + 320 * controls.size()).append("{\"controls\":[");
    for (int i = 0; i < controls.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(json(controls.get(i)));
    }
    return sb.append("]}").toString();
  }

  /**
   * {@code {"type":"controls","values":{...},"inactive":[...]}}: every value that could be read,
   * and the keys of the controls inactive now. The text message every {@code /ws} page gets after a
   * change, and the answer to a {@code POST /controls}.
   */
  public String valuesJson() {
    Json values = new Json();
    StringBuilder inactive = new StringBuilder("[");
    for (Entry e : controls) {
      if (e.value() instanceof Long) {
        values.field(e.info().key(), (long) (Long) e.value());
      } else if (e.value() instanceof String) {
        values.field(e.info().key(), (String) e.value());
      }
      if (e.info().inactive()) {
        inactive.append(inactive.length() > 1 ? "," : "").append(Json.string(e.info().key()));
      }
    }
    return new Json()
        .field("type", "controls")
        .raw("values", values.toString())
        .raw("inactive", inactive.append(']').toString())
        .toString();
  }

  private static String json(Entry e) {
    ControlInfo c = e.info();
    Json j =
        new Json()
            .field("name", c.key())
            .field("label", c.name())
            .field("group", e.group())
            .field("id", c.id() & 0xFFFF_FFFFL)
            .field("type", c.type().shortName())
            .field("min", c.minimum())
            .field("max", c.maximum())
            .field("step", c.step())
            .field("default", c.defaultValue());
    if (e.value() instanceof Long) {
      j.field("value", (long) (Long) e.value());
    } else if (e.value() instanceof String) {
      j.field("value", (String) e.value());
    } else {
      j.raw("value", "null");
    }
    j.field("readOnly", c.readOnly())
        .field("writeOnly", c.writeOnly())
        .field("inactive", c.inactive())
        .field("settable", ControlRules.settable(c));
    StringBuilder flags = new StringBuilder("[");
    for (String f : c.flagNames().isEmpty() ? new String[0] : c.flagNames().split(",")) {
      flags.append(flags.length() > 1 ? "," : "").append(Json.string(f));
    }
    j.raw("flags", flags.append(']').toString());
    StringBuilder menu = new StringBuilder("[");
    for (MenuItem item : c.menu()) {
      String name =
          c.type() == ControlType.INTEGER_MENU ? Long.toString(item.value()) : item.name();
      menu.append(menu.length() > 1 ? "," : "")
          .append(new Json().field("value", item.index()).field("name", name));
    }
    return j.raw("menu", menu.append(']').toString()).toString();
  }
}
