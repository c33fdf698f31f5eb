package io.eyetoystreamer.v4l2;

/**
 * One item of a menu control ({@code VIDIOC_QUERYMENU}): a name for {@link ControlType#MENU}, a
 * number for {@link ControlType#INTEGER_MENU}. Immutable.
 *
 * @param index the value that selects this item
 * @param name the item's name (null for an integer menu)
 * @param value the item's number (0 for a named menu)
 */
public record MenuItem(int index, String name, long value) {
  @Override
  public String toString() {
    return index + ": " + (name != null ? name : value + " (0x" + Long.toHexString(value) + ")");
  }
}
