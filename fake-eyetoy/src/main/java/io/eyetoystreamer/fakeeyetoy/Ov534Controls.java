package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_INACTIVE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_COMPOUND;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_SLIDER;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_UPDATE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_VOLATILE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_WRITE_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_BOOLEAN;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_CTRL_CLASS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_INTEGER;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_MENU;

import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.util.List;

/**
 * The controls of gspca's ov534 driver with an OV772x sensor (the PS3 Eye): ids, names, types,
 * ranges, defaults and flags as the kernel reports them, in id order, with the two control-class
 * headings. Values are clamped to the range and rounded to the step as the V4L2 control framework
 * does; a bad menu index is {@code ERANGE}. The gain/autogain and exposure/auto-exposure pairs are
 * auto clusters: the manual control is inactive (and volatile) while the automatic one is on.
 * Values are guarded by the fake's lock; {@link #picture()} is how they change the picture.
 */
final class Ov534Controls implements ControlTable {
  static final int USER_CLASS = 0x00980001;
  static final int BRIGHTNESS = 0x00980900;
  static final int CONTRAST = 0x00980901;
  static final int SATURATION = 0x00980902;
  static final int HUE = 0x00980903;
  static final int AUTO_WHITE_BALANCE = 0x0098090c;
  static final int EXPOSURE = 0x00980911;
  static final int AUTOGAIN = 0x00980912;
  static final int GAIN = 0x00980913;
  static final int HFLIP = 0x00980914;
  static final int VFLIP = 0x00980915;
  static final int POWER_LINE_FREQUENCY = 0x00980918;
  static final int SHARPNESS = 0x0098091b;
  static final int CAMERA_CLASS = 0x009a0001;
  static final int EXPOSURE_AUTO = 0x009a0901;

  /** {@code V4L2_EXPOSURE_MANUAL}, the value of {@code EXPOSURE_AUTO} in manual mode. */
  static final int EXPOSURE_MANUAL = 1;

  /** One control as the driver declares it. */
  record Definition(
      int id, int type, String name, int min, int max, int def, int flags, List<String> menu) {}

  private static final int CLASS_FLAGS = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_WRITE_ONLY;

  static final List<Definition> DEFINITIONS =
      List.of(
          heading(USER_CLASS, "User Controls"),
          integer(BRIGHTNESS, "Brightness", 0, 255, 0, V4L2_CTRL_FLAG_SLIDER),
          integer(CONTRAST, "Contrast", 0, 255, 32, V4L2_CTRL_FLAG_SLIDER),
          integer(SATURATION, "Saturation", 0, 255, 64, V4L2_CTRL_FLAG_SLIDER),
          integer(HUE, "Hue", -90, 90, 0, V4L2_CTRL_FLAG_SLIDER),
          bool(AUTO_WHITE_BALANCE, "White Balance, Automatic", 1, V4L2_CTRL_FLAG_UPDATE),
          integer(EXPOSURE, "Exposure", 0, 255, 120, V4L2_CTRL_FLAG_VOLATILE),
          bool(AUTOGAIN, "Gain, Automatic", 1, V4L2_CTRL_FLAG_UPDATE),
          integer(GAIN, "Gain", 0, 63, 20, V4L2_CTRL_FLAG_VOLATILE),
          bool(HFLIP, "Horizontal Flip", 0, 0),
          bool(VFLIP, "Vertical Flip", 0, 0),
          menu(POWER_LINE_FREQUENCY, "Power Line Frequency", 0, 0, List.of("Disabled", "50 Hz")),
          integer(SHARPNESS, "Sharpness", 0, 63, 0, V4L2_CTRL_FLAG_SLIDER),
          heading(CAMERA_CLASS, "Camera Controls"),
          menu(
              EXPOSURE_AUTO,
              "Auto Exposure",
              0,
              V4L2_CTRL_FLAG_UPDATE,
              List.of("Auto Mode", "Manual Mode")));

  private final int[] values = new int[DEFINITIONS.size()];
  private PictureSettings picture = PictureSettings.DEFAULTS;

  Ov534Controls() {
    for (int i = 0; i < values.length; i++) {
      values[i] = DEFINITIONS.get(i).def();
    }
  }

  private static Definition heading(int id, String name) {
    return new Definition(id, V4L2_CTRL_TYPE_CTRL_CLASS, name, 0, 0, 0, CLASS_FLAGS, List.of());
  }

  private static Definition integer(int id, String name, int min, int max, int def, int flags) {
    return new Definition(id, V4L2_CTRL_TYPE_INTEGER, name, min, max, def, flags, List.of());
  }

  private static Definition bool(int id, String name, int def, int flags) {
    return new Definition(id, V4L2_CTRL_TYPE_BOOLEAN, name, 0, 1, def, flags, List.of());
  }

  private static Definition menu(int id, String name, int def, int flags, List<String> items) {
    return new Definition(
        id, V4L2_CTRL_TYPE_MENU, name, 0, items.size() - 1, def, flags, List.copyOf(items));
  }

  /** The picture the current values give. */
  PictureSettings picture() {
    return picture;
  }

  /** Returns the position of a control in {@link #DEFINITIONS}, or -1. */
  @Override
  public int find(long id) {
    return indexOf(id);
  }

  private static int indexOf(long id) {
    for (int i = 0; i < DEFINITIONS.size(); i++) {
      if (DEFINITIONS.get(i).id() == id) {
        return i;
      }
    }
    return -1;
  }

  int value(int id) {
    return values[indexOf(id)];
  }

  /** The control's flags now: the manual half of an auto cluster is inactive while auto is on. */
  int flags(int i) {
    Definition d = DEFINITIONS.get(i);
    boolean inactive =
        (d.id() == GAIN && value(AUTOGAIN) != 0)
            || (d.id() == EXPOSURE && value(EXPOSURE_AUTO) != EXPOSURE_MANUAL);
    return d.flags() | (inactive ? V4L2_CTRL_FLAG_INACTIVE : 0);
  }

  @Override
  public int declaredFlags(int i) {
    return DEFINITIONS.get(i).flags();
  }

  @Override
  public int defaultValue(int i) {
    return DEFINITIONS.get(i).def();
  }

  /** {@code VIDIOC_QUERY_EXT_CTRL} ({@code extended}) or {@code VIDIOC_QUERYCTRL}. */
  @Override
  public int query(NativeStruct q, boolean extended) {
    int asked = q.getInt("id");
    int i;
    if ((asked & V4L2_CTRL_FLAG_NEXT_CTRL) != 0) {
      long after =
          asked & ~(V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND) & 0xFFFF_FFFFL;
      i = 0;
      while (i < DEFINITIONS.size() && (DEFINITIONS.get(i).id() & 0xFFFF_FFFFL) <= after) {
        i++;
      }
      if (i == DEFINITIONS.size()) {
        return -Errno.EINVAL;
      }
    } else {
      i = (asked & V4L2_CTRL_FLAG_NEXT_COMPOUND) != 0 ? -1 : indexOf(asked & 0xFFFF_FFFFL);
      if (i < 0) {
        return -Errno.EINVAL;
      }
    }
    Definition d = DEFINITIONS.get(i);
    int step = d.type() == V4L2_CTRL_TYPE_CTRL_CLASS ? 0 : 1;
    q.clear();
    q.set("id", d.id())
        .set("type", d.type())
        .setString("name", d.name())
        .set("minimum", d.min())
        .set("maximum", d.max())
        .set("step", step)
        .set("default_value", d.def())
        .set("flags", flags(i));
    if (extended) {
      q.set("elem_size", d.type() == V4L2_CTRL_TYPE_CTRL_CLASS ? 0 : 4).set("elems", 1);
    }
    return 0;
  }

  @Override
  public int queryMenu(NativeStruct q) {
    int i = indexOf(q.getInt("id") & 0xFFFF_FFFFL);
    long index = q.get("index");
    if (i < 0 || DEFINITIONS.get(i).type() != V4L2_CTRL_TYPE_MENU) {
      return -Errno.EINVAL;
    }
    List<String> items = DEFINITIONS.get(i).menu();
    if (index < 0 || index >= items.size()) {
      return -Errno.EINVAL;
    }
    q.setString("name", items.get((int) index)).set("reserved", 0);
    return 0;
  }

  /**
   * Checks a new value for control {@code i}: returns the value to store (clamped for numbers, 0 or
   * 1 for booleans) or, as a negative {@code long}, {@code -errno}.
   */
  @Override
  public long validate(int i, long value) {
    Definition d = DEFINITIONS.get(i);
    if (d.type() == V4L2_CTRL_TYPE_CTRL_CLASS) {
      return -Errno.EACCES;
    }
    if (d.type() == V4L2_CTRL_TYPE_BOOLEAN) {
      return value != 0 ? 1 : 0;
    }
    if (d.type() == V4L2_CTRL_TYPE_MENU) {
      return value < d.min() || value > d.max() ? -Errno.ERANGE : value;
    }
    return Math.max(d.min(), Math.min(d.max(), value));
  }

  /** Stores a value {@link #validate validated} for control {@code i}. */
  @Override
  public void store(int i, int value) {
    values[i] = value;
    double light = 1.0;
    if (value(AUTOGAIN) == 0) {
      light *= (value(GAIN) + 20) / 40.0;
    }
    if (value(EXPOSURE_AUTO) == EXPOSURE_MANUAL) {
      light *= value(EXPOSURE) / 120.0;
    }
    picture =
        new PictureSettings(
            value(BRIGHTNESS),
            value(CONTRAST),
            value(SATURATION),
            value(HUE),
            value(HFLIP) != 0,
            value(VFLIP) != 0,
            light);
  }

  @Override
  public int get(int i) {
    return values[i];
  }
}
