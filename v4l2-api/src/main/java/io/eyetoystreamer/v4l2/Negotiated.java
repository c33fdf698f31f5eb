package io.eyetoystreamer.v4l2;

/**
 * What was asked of a driver and what it chose: V4L2 drivers adjust a format or frame interval they
 * cannot honour instead of failing. Immutable.
 *
 * @param <T> the negotiated value type, e.g. {@link Format} or {@link Fraction}
 * @param requested what the caller asked for
 * @param actual what the driver applied and reported back
 * @param adjusted true when the driver chose something other than what was asked (compared on the
 *     requested properties only, e.g. width, height and pixel format for a {@link Format})
 */
public record Negotiated<T>(T requested, T actual, boolean adjusted) {
  @Override
  public String toString() {
    return adjusted
        ? "requested " + requested + ", driver chose " + actual
        : "driver accepted " + actual;
  }
}
