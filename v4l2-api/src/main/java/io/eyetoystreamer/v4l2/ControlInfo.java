package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import java.util.List;

/**
 * A control as the driver described it ({@code VIDIOC_QUERY_EXT_CTRL} or {@code VIDIOC_QUERYCTRL}),
 * with its menu items. Immutable.
 *
 * @param id the control id, e.g. {@code 0x00980900} for brightness
 * @param type the control type
 * @param name the driver's name, e.g. {@code White Balance, Automatic}
 * @param key the normalised name, e.g. {@code white_balance_automatic} (see {@link
 *     Controls#key(String)})
 * @param minimum the minimum value
 * @param maximum the maximum value
 * @param step the step between valid values (0 or 1 for every value)
 * @param defaultValue the default value
 * @param flags {@code V4L2_CTRL_FLAG_*} bits
 * @param menu the menu items of a menu or integer menu control, else empty
 */
public record ControlInfo(
    int id,
    ControlType type,
    String name,
    String key,
    long minimum,
    long maximum,
    long step,
    long defaultValue,
    int flags,
    List<MenuItem> menu) {

  /**
   * Copies the menu list.
   *
   * @param id the control id
   * @param type the control type
   * @param name the driver's name
   * @param key the normalised name
   * @param minimum the minimum
   * @param maximum the maximum
   * @param step the step
   * @param defaultValue the default
   * @param flags the flags
   * @param menu the menu items
   */
  public ControlInfo {
    menu = List.copyOf(menu);
  }

  /**
   * Tells whether the control can only be read.
   *
   * @return true when {@code V4L2_CTRL_FLAG_READ_ONLY} is set
   */
  public boolean readOnly() {
    return (flags & V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY) != 0;
  }

  /**
   * Tells whether the control can only be written.
   *
   * @return true when {@code V4L2_CTRL_FLAG_WRITE_ONLY} is set
   */
  public boolean writeOnly() {
    return (flags & V4l2Constants.V4L2_CTRL_FLAG_WRITE_ONLY) != 0;
  }

  /**
   * Tells whether the control currently has no effect (e.g. manual exposure in auto mode).
   *
   * @return true when {@code V4L2_CTRL_FLAG_INACTIVE} is set
   */
  public boolean inactive() {
    return (flags & V4l2Constants.V4L2_CTRL_FLAG_INACTIVE) != 0;
  }

  /**
   * Names the flags the way v4l2-ctl prints them.
   *
   * @return e.g. {@code slider}, {@code read-only, volatile}; empty when none
   */
  public String flagNames() {
    String[] names = {
      "disabled",
      "grabbed",
      "read-only",
      "update",
      "inactive",
      "slider",
      "write-only",
      "volatile",
      "has-payload",
      "execute-on-write",
      "modify-layout",
      "dynamic-array"
    };
    StringBuilder sb = new StringBuilder();
    for (int bit = 0; bit < names.length; bit++) {
      if ((flags & (1 << bit)) != 0) {
        sb.append(sb.length() == 0 ? "" : ",").append(names[bit]);
      }
    }
    return sb.toString();
  }

  /**
   * Finds the menu item that a value selects.
   *
   * @param value a control value
   * @return the item, or null when the value selects none
   */
  public MenuItem menuItem(long value) {
    for (MenuItem item : menu) {
      if (item.index() == value) {
        return item;
      }
    }
    return null;
  }
}
