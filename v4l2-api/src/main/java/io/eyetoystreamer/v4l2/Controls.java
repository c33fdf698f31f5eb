package io.eyetoystreamer.v4l2;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_DISABLED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_COMPOUND;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_WHICH_CUR_VAL;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The controls of a {@link V4l2Device}: enumerate, get and set by id or by name.
 *
 * <p>Controls are enumerated with {@code VIDIOC_QUERY_EXT_CTRL} (falling back to {@code
 * VIDIOC_QUERYCTRL} on drivers without it), following {@code V4L2_CTRL_FLAG_NEXT_CTRL} and {@code
 * V4L2_CTRL_FLAG_NEXT_COMPOUND}, so compound controls (arrays, areas) are listed too, as {@code
 * v4l2-ctl --list-ctrls} lists them; disabled controls are skipped and menu items read with {@code
 * VIDIOC_QUERYMENU}. The list is read once and cached; {@link #refresh()} re-reads it (flags such
 * as inactive change with other controls).
 *
 * <p>Names: a control can be named by the driver's name ({@code White Balance, Automatic}) or by
 * its key, normalised as v4l2-ctl does ({@code white_balance_automatic}, see {@link #key(String)}).
 *
 * <p>Values are read and written with {@code VIDIOC_G_EXT_CTRLS} / {@code VIDIOC_S_EXT_CTRLS}
 * (falling back to {@code VIDIOC_G_CTRL} / {@code VIDIOC_S_CTRL} for 32-bit controls on drivers
 * without them). Before a value is sent it is checked against the control's range, step, menu items
 * or mask, and a {@link ControlException} says what is wrong. Thread-safe: calls serialise on the
 * device.
 */
public final class Controls {
  private static final int MAX_MENU_ITEMS = 1024;

  private final V4l2Device device;
  private final DeviceIo io;
  private final V4l2Layouts layouts;
  private final Memory query;
  private final Memory ctrls;
  private final Memory ctrl;
  private List<ControlInfo> cache;

  Controls(V4l2Device device, DeviceIo io) {
    this.device = device;
    this.io = io;
    this.layouts = io.layouts;
    int q =
        Math.max(
            layouts.queryExtCtrl().size(),
            Math.max(layouts.queryCtrl().size(), layouts.queryMenu().size()));
    this.query = new Memory(Math.max(q, layouts.control().size()));
    this.ctrls = new Memory(layouts.extControls().size());
    this.ctrl = new Memory(layouts.extControl().size());
  }

  /**
   * Normalises a control name the way v4l2-ctl does: ASCII letters and digits lower-cased, every
   * run of other characters between them turned into one underscore, leading and trailing ones
   * dropped.
   *
   * @param name e.g. {@code White Balance, Automatic}
   * @return e.g. {@code white_balance_automatic}
   */
  public static String key(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    boolean gap = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum) {
        if (gap) {
          sb.append('_');
        }
        gap = false;
        sb.append(Character.toLowerCase(c));
      } else if (sb.length() > 0) {
        gap = true;
      }
    }
    return sb.toString();
  }

  /**
   * Returns every enabled control, control-class headings included, in driver order.
   *
   * @return an unmodifiable list, read once and cached
   */
  public List<ControlInfo> list() {
    synchronized (device) {
      device.ensureOpen();
      if (cache == null) {
        cache = List.copyOf(enumerate());
      }
      return cache;
    }
  }

  /**
   * Re-reads the control list from the driver.
   *
   * @return the fresh list
   */
  public List<ControlInfo> refresh() {
    synchronized (device) {
      cache = null;
      return list();
    }
  }

  /**
   * Finds a control by name or key.
   *
   * @param name the driver's name or the normalised key, e.g. {@code Brightness} or {@code
   *     brightness}
   * @return the control, or empty
   */
  public Optional<ControlInfo> find(String name) {
    String k = key(name);
    for (ControlInfo c : list()) {
      if (c.key().equals(k) && c.type() != ControlType.CTRL_CLASS) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds a control by id.
   *
   * @param id the control id
   * @return the control, or empty
   */
  public Optional<ControlInfo> find(int id) {
    for (ControlInfo c : list()) {
      if (c.id() == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a control by name or key.
   *
   * @param name the driver's name or the key
   * @return the control
   * @throws ControlException when the device has no such control
   */
  public ControlInfo info(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new ControlException(
                    io.path, "find control " + name, "no such control; known: " + keys()));
  }

  /**
   * Returns a control by id.
   *
   * @param id the control id
   * @return the control
   * @throws ControlException when the device has no such control
   */
  public ControlInfo info(int id) {
    return find(id)
        .orElseThrow(
            () -> new ControlException(io.path, "find control " + hex(id), "no such control"));
  }

  /**
   * Reads a numeric control's current value.
   *
   * @param name the driver's name or the key
   * @return the value (a menu index for menus, 0/1 for booleans)
   */
  public long get(String name) {
    return get(info(name));
  }

  /**
   * Reads a numeric control's current value.
   *
   * @param id the control id
   * @return the value
   */
  public long get(int id) {
    return get(info(id));
  }

  /**
   * Sets a numeric control after checking the value.
   *
   * @param name the driver's name or the key
   * @param value the new value (a menu index for menus)
   * @return the value the driver reports back
   * @throws ControlException when the value is out of range, off the step, not a menu item, or the
   *     control is read-only
   */
  public long set(String name, long value) {
    return set(info(name), value);
  }

  /**
   * Sets a numeric control after checking the value.
   *
   * @param id the control id
   * @param value the new value
   * @return the value the driver reports back
   */
  public long set(int id, long value) {
    return set(info(id), value);
  }

  /**
   * Reads a string control.
   *
   * @param name the driver's name or the key
   * @return the text
   */
  public String getString(String name) {
    ControlInfo c = info(name);
    if (c.type() != ControlType.STRING) {
      throw new ControlException(io.path, "get control " + c.key(), "not a string control");
    }
    synchronized (device) {
      device.ensureOpen();
      int size = (int) Math.max(1, c.maximum() + 1);
      Memory text = new Memory(size);
      text.clear();
      exchange(V4l2Ioctl.VIDIOC_G_EXT_CTRLS, c, 0, text, size);
      return text.getString(0, StandardCharsets.UTF_8.name());
    }
  }

  /**
   * Sets a string control.
   *
   * @param name the driver's name or the key
   * @param value the text; its length must be within the control's minimum and maximum
   */
  public void setString(String name, String value) {
    ControlInfo c = info(name);
    String op = "set control " + c.key();
    if (c.type() != ControlType.STRING) {
      throw new ControlException(io.path, op, "not a string control");
    }
    if (c.readOnly()) {
      throw new ControlException(io.path, op, "the control is read-only");
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < c.minimum() || bytes.length > c.maximum()) {
      throw new ControlException(
          io.path,
          op,
          "length " + bytes.length + " is outside " + c.minimum() + ".." + c.maximum());
    }
    synchronized (device) {
      device.ensureOpen();
      Memory text = new Memory(bytes.length + 1L);
      text.write(0, bytes, 0, bytes.length);
      text.setByte(bytes.length, (byte) 0);
      exchange(V4l2Ioctl.VIDIOC_S_EXT_CTRLS, c, 0, text, bytes.length + 1);
    }
  }

  private long get(ControlInfo c) {
    String op = "get control " + c.key();
    if (!c.type().isNumeric() || c.type() == ControlType.BUTTON) {
      throw new ControlException(
          io.path, op, "a " + c.type().shortName() + " control has no value");
    }
    if (c.writeOnly()) {
      throw new ControlException(io.path, op, "the control is write-only");
    }
    synchronized (device) {
      device.ensureOpen();
      return exchange(V4l2Ioctl.VIDIOC_G_EXT_CTRLS, c, 0, null, 0);
    }
  }

  private long set(ControlInfo c, long value) {
    check(c, value);
    synchronized (device) {
      device.ensureOpen();
      return exchange(V4l2Ioctl.VIDIOC_S_EXT_CTRLS, c, value, null, 0);
    }
  }

  /** Validates a value against the control's description, or throws {@link ControlException}. */
  void check(ControlInfo c, long value) {
    String op = "set control " + c.key();
    if (!c.type().isNumeric()) {
      throw new ControlException(
          io.path, op, "a " + c.type().shortName() + " control cannot be set to a number");
    }
    if (c.readOnly()) {
      throw new ControlException(io.path, op, "the control is read-only");
    }
    switch (c.type()) {
      case BUTTON:
        return;
      case BOOLEAN:
        if (value != 0 && value != 1) {
          throw new ControlException(io.path, op, "a boolean takes 0 or 1, not " + value);
        }
        return;
      case BITMASK:
        if (value < 0 || value > 0xFFFF_FFFFL || (value & ~c.maximum()) != 0) {
          throw new ControlException(
              io.path,
              op,
              "0x"
                  + Long.toHexString(value)
                  + " sets bits outside the mask 0x"
                  + Long.toHexString(c.maximum()));
        }
        return;
      default:
        break;
    }
    if (value < c.minimum() || value > c.maximum()) {
      throw new ControlException(
          io.path, op, value + " is outside the range " + c.minimum() + ".." + c.maximum());
    }
    if (c.type() == ControlType.MENU || c.type() == ControlType.INTEGER_MENU) {
      if (c.menuItem(value) == null) {
        throw new ControlException(
            io.path, op, value + " selects no menu item; items: " + c.menu());
      }
      return;
    }
    if (c.step() > 1 && Long.remainderUnsigned(value - c.minimum(), c.step()) != 0) {
      throw new ControlException(
          io.path,
          op,
          value + " is not " + c.minimum() + " plus a multiple of the step " + c.step());
    }
  }

  /**
   * Gets or sets one control through the extended API, falling back to G/S_CTRL when the driver
   * lacks it. Caller holds the device lock.
   */
  private long exchange(V4l2Ioctl ioctl, ControlInfo c, long value, Memory payload, int size) {
    boolean set = ioctl == V4l2Ioctl.VIDIOC_S_EXT_CTRLS;
    boolean wide = c.type() == ControlType.INTEGER64;
    NativeStruct one = NativeStruct.wrap(layouts.extControl(), ctrl);
    one.clear();
    one.set("id", c.id() & 0xFFFF_FFFFL).set("size", size);
    if (payload != null) {
      one.set("string", Pointer.nativeValue(payload));
    } else if (set && wide) {
      one.set("value64", value);
    } else if (set) {
      one.set("value", (int) value);
    }
    NativeStruct all = NativeStruct.wrap(layouts.extControls(), ctrls);
    all.clear();
    all.set("which", V4L2_CTRL_WHICH_CUR_VAL).set("count", 1);
    all.set("controls", Pointer.nativeValue(ctrl));
    int r = io.call(ioctl, ctrls);
    if (r == -Errno.ENOTTY && !wide && payload == null) {
      return legacy(set ? V4l2Ioctl.VIDIOC_S_CTRL : V4l2Ioctl.VIDIOC_G_CTRL, c, value);
    }
    if (r < 0) {
      throw io.error(ioctl.name() + " [" + c.key() + "]", r);
    }
    if (wide) {
      return one.get("value64");
    }
    long v = one.get("value");
    return c.type() == ControlType.BITMASK ? v & 0xFFFF_FFFFL : v;
  }

  private long legacy(V4l2Ioctl ioctl, ControlInfo c, long value) {
    NativeStruct s = NativeStruct.wrap(layouts.control(), query);
    s.clear();
    s.set("id", c.id() & 0xFFFF_FFFFL);
    if (ioctl == V4l2Ioctl.VIDIOC_S_CTRL) {
      s.set("value", (int) value);
    }
    int r = io.call(ioctl, query);
    if (r < 0) {
      throw io.error(ioctl.name() + " [" + c.key() + "]", r);
    }
    long v = s.get("value");
    return c.type() == ControlType.BITMASK ? v & 0xFFFF_FFFFL : v;
  }

  private List<ControlInfo> enumerate() {
    // NEXT_CTRL alone makes the kernel skip compound controls (arrays, areas); with NEXT_COMPOUND
    // as well it returns every control, the way v4l2-ctl asks.
    final int next = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
    List<ControlInfo> out = new ArrayList<>();
    NativeStruct q = NativeStruct.wrap(layouts.queryExtCtrl(), query);
    int id = next;
    long previous = -1;
    while (true) {
      q.clear();
      q.set("id", id & 0xFFFF_FFFFL);
      int r = io.call(V4l2Ioctl.VIDIOC_QUERY_EXT_CTRL, query);
      if (r < 0 && previous < 0 && (r == -Errno.ENOTTY || r == -Errno.EINVAL)) {
        return enumerateLegacy();
      }
      if (r == -Errno.EINVAL) {
        return out;
      }
      if (r < 0) {
        throw io.error("VIDIOC_QUERY_EXT_CTRL", r);
      }
      long current = q.get("id");
      if (current <= previous) {
        return out; // a driver that does not advance: stop rather than loop
      }
      previous = current;
      addUnlessDisabled(out, q, (int) current);
      id = (int) current | next;
    }
  }

  private List<ControlInfo> enumerateLegacy() {
    List<ControlInfo> out = new ArrayList<>();
    NativeStruct q = NativeStruct.wrap(layouts.queryCtrl(), query);
    int id = V4L2_CTRL_FLAG_NEXT_CTRL;
    long previous = -1;
    while (true) {
      q.clear();
      q.set("id", id & 0xFFFF_FFFFL);
      int r = io.call(V4l2Ioctl.VIDIOC_QUERYCTRL, query);
      if (r == -Errno.EINVAL || (previous < 0 && r == -Errno.ENOTTY)) {
        return out;
      }
      if (r < 0) {
        throw io.error("VIDIOC_QUERYCTRL", r);
      }
      long current = q.get("id");
      if (current <= previous) {
        return out;
      }
      previous = current;
      addUnlessDisabled(out, q, (int) current);
      id = (int) current | V4L2_CTRL_FLAG_NEXT_CTRL;
    }
  }

  /** Adds the control a query answered ({@code v4l2_queryctrl} or its extended form). */
  private void addUnlessDisabled(List<ControlInfo> out, NativeStruct q, int id) {
    int flags = q.getInt("flags");
    if ((flags & V4L2_CTRL_FLAG_DISABLED) == 0) {
      out.add(
          describe(
              id,
              q.getInt("type"),
              q.getString("name"),
              q.get("minimum"),
              q.get("maximum"),
              q.get("step"),
              q.get("default_value"),
              flags));
    }
  }

  private ControlInfo describe(
      int id, int typeCode, String name, long min, long max, long step, long def, int flags) {
    ControlType type = ControlType.fromCode(typeCode);
    List<MenuItem> menu = List.of();
    if (type == ControlType.MENU || type == ControlType.INTEGER_MENU) {
      menu = menu(id, type, min, max);
    }
    return new ControlInfo(id, type, name, key(name), min, max, step, def, flags, menu);
  }

  private List<MenuItem> menu(int id, ControlType type, long min, long max) {
    List<MenuItem> items = new ArrayList<>();
    Memory m = new Memory(layouts.queryMenu().size());
    NativeStruct q = NativeStruct.wrap(layouts.queryMenu(), m);
    for (long i = Math.max(0, min); i <= max && i - min < MAX_MENU_ITEMS; i++) {
      q.clear();
      q.set("id", id & 0xFFFF_FFFFL).set("index", i);
      int r = io.call(V4l2Ioctl.VIDIOC_QUERYMENU, m);
      if (r == -Errno.EINVAL) {
        continue; // a gap in the menu
      }
      if (r < 0) {
        throw io.error("VIDIOC_QUERYMENU", r);
      }
      items.add(
          type == ControlType.MENU
              ? new MenuItem((int) i, q.getString("name"), 0)
              : new MenuItem((int) i, null, q.get("value")));
    }
    return items;
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (ControlInfo c : list()) {
      if (c.type() != ControlType.CTRL_CLASS) {
        keys.add(c.key());
      }
    }
    return keys;
  }

  private static String hex(int id) {
    return String.format(Locale.ROOT, "0x%08x", id);
  }
}
