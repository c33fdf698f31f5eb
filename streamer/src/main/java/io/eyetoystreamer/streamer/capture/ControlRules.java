package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.MenuItem;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks a value asked for a control against what the driver said of the control (type, range,
 * step, menu items, mask, read-only) before anything is sent to it, and turns JSON's value into the
 * control's number. Each refusal names the control, the value and what it takes, e.g. {@code
 * brightness 300 is out of range 0..255}.
 */
final class ControlRules {
  private ControlRules() {}

  /** Whether a value can be set through this server: a numeric control that is not read-only. */
  static boolean settable(ControlInfo c) {
    return !c.readOnly() && c.type().isNumeric();
  }

  /**
   * The number to set {@code c} to for the JSON value {@code v}: a {@link Long} or {@link
   * BigDecimal}, a {@link Boolean} (booleans, buttons) or a {@link String} (a menu item's name).
   *
   * @throws ControlsRefused with {@link ControlsRefused.Reason#INVALID}, saying why not
   */
  static long value(ControlInfo c, Object v) {
    String k = c.key();
    if (c.readOnly()) {
      throw invalid(k + " is read-only");
    }
    if (!c.type().isNumeric()) {
      throw invalid(
          k
              + " is a "
              + c.type().shortName()
              + " control, which this server does not set (v4l2-ctl --set-ctrl can)");
    }
    switch (c.type()) {
      case BUTTON:
        if (Boolean.TRUE.equals(v) || (v instanceof Long && (Long) v == 1)) {
          return 1;
        }
        throw invalid(k + " is a button: press it with true (or 1), not " + shown(v));
      case BOOLEAN:
        if (v instanceof Boolean) {
          return (Boolean) v ? 1 : 0;
        }
        break;
      case MENU:
        if (v instanceof String) {
          for (MenuItem item : c.menu()) {
            if (item.name().equalsIgnoreCase((String) v)) {
              return item.index();
            }
          }
          throw invalid(k + " " + shown(v) + " is not one of its menu items: " + items(c));
        }
        break;
      default:
        break;
    }
    long n = whole(c, v);
    if (c.type() == ControlType.BITMASK) {
      if (n < 0 || n > 0xFFFF_FFFFL || (n & ~c.maximum()) != 0) {
        throw invalid(
            k
                + " 0x"
                + Long.toHexString(n)
                + " sets bits outside its mask 0x"
                + Long.toHexString(c.maximum()));
      }
      return n;
    }
    if (n < c.minimum() || n > c.maximum()) {
      throw invalid(k + " " + n + " is out of range " + c.minimum() + ".." + c.maximum());
    }
    if (c.type() == ControlType.MENU || c.type() == ControlType.INTEGER_MENU) {
      if (c.menuItem(n) == null) {
        throw invalid(k + " " + n + " is not one of its menu items: " + items(c));
      }
      return n;
    }
    if (c.step() > 1 && Long.remainderUnsigned(n - c.minimum(), c.step()) != 0) {
      throw invalid(
          k
              + " "
              + n
              + " is off its step: "
              + c.minimum()
              + ".."
              + c.maximum()
              + " in steps of "
              + c.step());
    }
    return n;
  }

  /** {@code v} as a whole number for {@code c}, or a refusal saying what {@code c} takes. */
  private static long whole(ControlInfo c, Object v) {
    if (v instanceof Long) {
      return (Long) v;
    }
    String k = c.key();
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (d.stripTrailingZeros().scale() > 0) {
        throw invalid(k + " " + d + " is not a whole number");
      }
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(k + " " + d + " is out of range " + c.minimum() + ".." + c.maximum());
      }
    }
    String takes =
        switch (c.type()) {
          case BOOLEAN -> "true or false (or 0 or 1)";
          case MENU -> "a menu item's number or name (" + items(c) + ")";
          case INTEGER_MENU -> "a menu item's number (" + items(c) + ")";
          default -> "a whole number in " + c.minimum() + ".." + c.maximum();
        };
    throw invalid(k + " takes " + takes + ", not " + shown(v));
  }

  private static String items(ControlInfo c) {
    return c.menu().stream()
        .map(
            i ->
                i.index()
                    + " ("
                    + (c.type() == ControlType.INTEGER_MENU ? Long.toString(i.value()) : i.name())
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static String shown(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v).toLowerCase(Locale.ROOT);
  }

  private static ControlsRefused invalid(String message) {
    return new ControlsRefused(ControlsRefused.Reason.INVALID, message);
  }
}
