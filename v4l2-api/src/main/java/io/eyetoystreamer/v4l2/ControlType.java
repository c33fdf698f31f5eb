package io.eyetoystreamer.v4l2;

/**
 * The {@code enum v4l2_ctrl_type} values, with the short names v4l2-ctl prints. Types from 0x100 on
 * are compound (arrays and structs); this library lists them but does not get or set them.
 */
public enum ControlType {
  /** A 32-bit integer in a range with a step. */
  INTEGER(1, "int"),
  /** 0 or 1. */
  BOOLEAN(2, "bool"),
  /** An index into a list of named items. */
  MENU(3, "menu"),
  /** An action: setting any value triggers it; it has no value to read. */
  BUTTON(4, "button"),
  /** A 64-bit integer in a range with a step. */
  INTEGER64(5, "int64"),
  /** A heading that starts a class of controls (User Controls, Camera Controls, ...). */
  CTRL_CLASS(6, "ctrl_class"),
  /** A string of {@code minimum..maximum} characters. */
  STRING(7, "str"),
  /** A 32-bit mask; only bits set in the maximum may be set. */
  BITMASK(8, "bitmask"),
  /** An index into a list of 64-bit integers. */
  INTEGER_MENU(9, "intmenu"),
  /** An array of u8. */
  U8(0x100, "u8"),
  /** An array of u16. */
  U16(0x101, "u16"),
  /** An array of u32. */
  U32(0x102, "u32"),
  /** A {@code struct v4l2_area}. */
  AREA(0x106, "area"),
  /** Any other (codec) compound type. */
  OTHER(-1, "compound");

  private final int code;
  private final String shortName;

  ControlType(int code, String shortName) {
    this.code = code;
    this.shortName = shortName;
  }

  /**
   * Returns the {@code V4L2_CTRL_TYPE_*} value.
   *
   * @return the code, or -1 for {@link #OTHER}
   */
  public int code() {
    return code;
  }

  /**
   * Returns the name v4l2-ctl prints.
   *
   * @return e.g. {@code int}, {@code menu}
   */
  public String shortName() {
    return shortName;
  }

  /**
   * Tells whether the value is a single number this library can get and set.
   *
   * @return true for integer, boolean, menu, button, int64, bitmask and integer menu
   */
  public boolean isNumeric() {
    return switch (this) {
      case INTEGER, BOOLEAN, MENU, BUTTON, INTEGER64, BITMASK, INTEGER_MENU -> true;
      default -> false;
    };
  }

  /**
   * Maps a {@code V4L2_CTRL_TYPE_*} value.
   *
   * @param code the value from the driver
   * @return the type, {@link #OTHER} when unknown
   */
  public static ControlType fromCode(int code) {
    for (ControlType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return OTHER;
  }
}
