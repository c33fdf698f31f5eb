package io.eyetoystreamer.fakeeyetoy;

/**
 * The eight 75% colour bars of the simulated Eyetoy, left to right, with their exact BT.601
 * limited-range YUV values and the RGB they decode to with ARCHITECTURE.md's formula (within one
 * level: the rounded YUV values decode to 192 or 1 here and there). This table is the one in
 * ARCHITECTURE.md; tests compare decoded pictures against it. Immutable and thread-safe.
 */
public enum ColourBar {
  /** White, 75%. */
  WHITE(180, 128, 128, 191, 191, 191),
  /** Yellow. */
  YELLOW(162, 44, 142, 191, 191, 0),
  /** Cyan. */
  CYAN(131, 156, 44, 0, 191, 191),
  /** Green. */
  GREEN(112, 72, 58, 0, 191, 0),
  /** Magenta. */
  MAGENTA(84, 184, 198, 191, 0, 191),
  /** Red. */
  RED(65, 100, 212, 191, 0, 0),
  /** Blue. */
  BLUE(35, 212, 114, 0, 0, 191),
  /** Black. */
  BLACK(16, 128, 128, 0, 0, 0);

  /** The number of bars. */
  public static final int COUNT = 8;

  private final int y;
  private final int u;
  private final int v;
  private final int red;
  private final int green;
  private final int blue;

  ColourBar(int y, int u, int v, int red, int green, int blue) {
    this.y = y;
    this.u = u;
    this.v = v;
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  /**
   * Returns the luma.
   *
   * @return Y, 16..235
   */
  public int y() {
    return y;
  }

  /**
   * Returns the blue-difference chroma.
   *
   * @return U (Cb), 16..240
   */
  public int u() {
    return u;
  }

  /**
   * Returns the red-difference chroma.
   *
   * @return V (Cr), 16..240
   */
  public int v() {
    return v;
  }

  /**
   * Returns the red the bar decodes to.
   *
   * @return 0..255
   */
  public int red() {
    return red;
  }

  /**
   * Returns the green the bar decodes to.
   *
   * @return 0..255
   */
  public int green() {
    return green;
  }

  /**
   * Returns the blue the bar decodes to.
   *
   * @return 0..255
   */
  public int blue() {
    return blue;
  }

  /**
   * Returns the RGB the bar decodes to, packed.
   *
   * @return {@code 0xRRGGBB}
   */
  public int rgb() {
    return red << 16 | green << 8 | blue;
  }

  /**
   * Returns the bar at a position from the left (without horizontal flip).
   *
   * @param index 0..7
   * @return the bar
   */
  public static ColourBar at(int index) {
    return values()[index];
  }
}
