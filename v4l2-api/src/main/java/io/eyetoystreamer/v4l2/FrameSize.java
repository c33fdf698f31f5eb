package io.eyetoystreamer.v4l2;

/**
 * One entry of {@code VIDIOC_ENUM_FRAMESIZES}: a discrete size, or a range (stepwise or continuous,
 * the latter with steps of 1). Immutable.
 *
 * @param type how the driver described the sizes
 * @param minWidth the width (discrete) or smallest width
 * @param maxWidth the width (discrete) or largest width
 * @param stepWidth the width step (0 for discrete)
 * @param minHeight the height (discrete) or smallest height
 * @param maxHeight the height (discrete) or largest height
 * @param stepHeight the height step (0 for discrete)
 */
public record FrameSize(
    Type type,
    int minWidth,
    int maxWidth,
    int stepWidth,
    int minHeight,
    int maxHeight,
    int stepHeight) {

  /** The {@code enum v4l2_frmsizetypes} values. */
  public enum Type {
    /** One size. */
    DISCRETE,
    /** Any size in the range, step 1. */
    CONTINUOUS,
    /** Sizes in the range at the given steps. */
    STEPWISE
  }

  /**
   * Builds a discrete size.
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @return the size
   */
  public static FrameSize discrete(int width, int height) {
    return new FrameSize(Type.DISCRETE, width, width, 0, height, height, 0);
  }

  /**
   * Returns the width of a discrete size (the largest width of a range).
   *
   * @return the width in pixels
   */
  public int width() {
    return maxWidth;
  }

  /**
   * Returns the height of a discrete size (the largest height of a range).
   *
   * @return the height in pixels
   */
  public int height() {
    return maxHeight;
  }

  @Override
  public String toString() {
    if (type == Type.DISCRETE) {
      return "Discrete " + maxWidth + "x" + maxHeight;
    }
    String name = type == Type.CONTINUOUS ? "Continuous " : "Stepwise ";
    return name
        + minWidth
        + "x"
        + minHeight
        + " - "
        + maxWidth
        + "x"
        + maxHeight
        + " with step "
        + stepWidth
        + "/"
        + stepHeight;
  }
}
