package io.eyetoystreamer.v4l2;

import java.util.Locale;

/**
 * One entry of {@code VIDIOC_ENUM_FRAMEINTERVALS}: a discrete interval, or a range. Intervals are
 * in seconds ({@code 1/30} = 30 frames a second). Immutable.
 *
 * @param type how the driver described the intervals
 * @param min the interval (discrete) or the shortest interval
 * @param max the interval (discrete) or the longest interval
 * @param step the step of a stepwise range (null otherwise)
 */
public record FrameInterval(FrameSize.Type type, Fraction min, Fraction max, Fraction step) {
  /**
   * Builds a discrete interval.
   *
   * @param interval the frame interval in seconds
   * @return the entry
   */
  public static FrameInterval discrete(Fraction interval) {
    return new FrameInterval(FrameSize.Type.DISCRETE, interval, interval, null);
  }

  @Override
  public String toString() {
    if (type == FrameSize.Type.DISCRETE) {
      return String.format(
          Locale.ROOT, "Discrete %.3fs (%.3f fps)", min.toDouble(), min.perSecond());
    }
    String name = type == FrameSize.Type.CONTINUOUS ? "Continuous" : "Stepwise";
    return String.format(
        Locale.ROOT,
        "%s %.3fs - %.3fs with step %.3fs (%.3f-%.3f fps)",
        name,
        min.toDouble(),
        max.toDouble(),
        step == null ? 0.0 : step.toDouble(),
        max.perSecond(),
        min.perSecond());
  }
}
