package io.eyetoystreamer.sharedarea;

/**
 * What an area holds: how many slots, how large each is, and the picture format of the frames.
 *
 * <p>Immutable. Sizes are in bytes, dimensions in pixels.
 *
 * @param slotCount number of frame slots, {@value AreaLayout#MIN_SLOTS} to {@value
 *     AreaLayout#MAX_SLOTS}; a reader retries only when the writer laps it by {@code slotCount - 1}
 *     frames during one copy
 * @param slotCapacity bytes each slot can hold; at least one frame
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param pixelFormat V4L2 fourcc of the frames (see {@link Fourcc})
 * @param bytesPerLine bytes per image row
 */
public record AreaGeometry(
    int slotCount, int slotCapacity, int width, int height, int pixelFormat, int bytesPerLine) {

  /** The slot count used when none is given: enough that a reader is almost never lapped. */
  public static final int DEFAULT_SLOTS = 4;

  /**
   * Checks every field.
   *
   * @param slotCount slots, 2..64
   * @param slotCapacity bytes per slot, positive
   * @param width frame width in pixels, positive
   * @param height frame height in pixels, positive
   * @param pixelFormat V4L2 fourcc
   * @param bytesPerLine bytes per image row, positive
   * @throws IllegalArgumentException naming the field, its value and the allowed range
   */
  public AreaGeometry {
    if (slotCount < AreaLayout.MIN_SLOTS || slotCount > AreaLayout.MAX_SLOTS) {
      throw new IllegalArgumentException(
          "slotCount "
              + slotCount
              + " is out of range: expected "
              + AreaLayout.MIN_SLOTS
              + ".."
              + AreaLayout.MAX_SLOTS);
    }
    if (slotCapacity <= 0 || slotCapacity > AreaLayout.MAX_SLOT_CAPACITY) {
      throw new IllegalArgumentException(
          "slotCapacity "
              + slotCapacity
              + " is out of range: expected 1.."
              + AreaLayout.MAX_SLOT_CAPACITY
              + " bytes");
    }
    if (width <= 0 || height <= 0 || bytesPerLine <= 0) {
      throw new IllegalArgumentException(
          "width, height and bytesPerLine must be positive, got "
              + width
              + "x"
              + height
              + ", "
              + bytesPerLine
              + " bytes per line");
    }
  }

  /**
   * Geometry for frames of any format: {@value #DEFAULT_SLOTS} slots of {@code frameBytes} each.
   * Change the slot count with {@link #withSlotCount(int)}.
   *
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @param pixelFormat V4L2 fourcc of the frames (see {@link Fourcc})
   * @param bytesPerLine bytes per image row
   * @param frameBytes the largest frame, in bytes: the slot capacity
   * @return the geometry
   * @throws IllegalArgumentException naming a value out of range
   */
  public static AreaGeometry of(
      int width, int height, int pixelFormat, int bytesPerLine, int frameBytes) {
    return new AreaGeometry(DEFAULT_SLOTS, frameBytes, width, height, pixelFormat, bytesPerLine);
  }

  /**
   * Geometry for packed YUYV frames of the given size: {@value #DEFAULT_SLOTS} slots, each holding
   * exactly one frame of {@code width * height * 2} bytes.
   *
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @return the geometry
   */
  public static AreaGeometry yuyv(int width, int height) {
    return new AreaGeometry(
        DEFAULT_SLOTS, width * height * 2, width, height, Fourcc.YUYV, width * 2);
  }

  /**
   * Returns this geometry with another slot count.
   *
   * @param slots the slot count, 2..64
   * @return a new geometry
   */
  public AreaGeometry withSlotCount(int slots) {
    return new AreaGeometry(slots, slotCapacity, width, height, pixelFormat, bytesPerLine);
  }

  @Override
  public String toString() {
    return width
        + "x"
        + height
        + " "
        + Fourcc.toString(pixelFormat)
        + " ("
        + bytesPerLine
        + " bytes/line), "
        + slotCount
        + " slots of "
        + slotCapacity
        + " bytes";
  }
}
