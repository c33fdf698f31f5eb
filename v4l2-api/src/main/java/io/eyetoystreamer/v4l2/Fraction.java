package io.eyetoystreamer.v4l2;

/**
 * A V4L2 fraction ({@code struct v4l2_fract}), used for frame intervals in seconds: {@code 1/30} is
 * 30 frames a second. Components are unsigned 32-bit values held in {@code long}. Immutable.
 *
 * @param numerator the numerator
 * @param denominator the denominator
 */
public record Fraction(long numerator, long denominator) {
  /**
   * Checks the range of the components.
   *
   * @param numerator the numerator, 0..2^32-1
   * @param denominator the denominator, 0..2^32-1
   */
  public Fraction {
    if (numerator < 0
        || numerator > 0xFFFF_FFFFL
        || denominator < 0
        || denominator > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "fraction out of u32 range: " + numerator + "/" + denominator);
    }
  }

  /**
   * Returns the frame interval for a frame rate.
   *
   * @param framesPerSecond the rate, at least 1
   * @return {@code 1/framesPerSecond}
   */
  public static Fraction intervalForRate(int framesPerSecond) {
    if (framesPerSecond < 1) {
      throw new IllegalArgumentException("frame rate must be positive: " + framesPerSecond);
    }
    return new Fraction(1, framesPerSecond);
  }

  /**
   * Returns the value as a double.
   *
   * @return numerator / denominator, or NaN when the denominator is 0
   */
  public double toDouble() {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  /**
   * Reads this fraction as a frame interval and returns the matching frame rate.
   *
   * @return denominator / numerator, or NaN when the numerator is 0
   */
  public double perSecond() {
    return numerator == 0 ? Double.NaN : (double) denominator / numerator;
  }

  /**
   * Compares values, not representations: {@code 1/30} equals {@code 2/60}.
   *
   * @param other another fraction
   * @return true when both stand for the same number
   */
  public boolean sameValue(Fraction other) {
    return numerator * other.denominator == other.numerator * denominator;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
