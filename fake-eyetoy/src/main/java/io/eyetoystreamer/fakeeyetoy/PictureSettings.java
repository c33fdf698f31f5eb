package io.eyetoystreamer.fakeeyetoy;

/**
 * How the simulated camera's controls change its picture, as one immutable value. {@link
 * FramePainter} applies it to the colour bars and the motion band; the stamps are never changed.
 *
 * <p>{@link #applyTo(int, int, int)} maps a colour, in this order (values rounded half up, then
 * clamped to the limited range, Y 16..235 and U, V 16..240):
 *
 * <ol>
 *   <li>light: {@code Y = 16 + (Y - 16) * lightGain} (manual gain and exposure);
 *   <li>contrast: {@code Y = 128 + (Y - 128) * contrast / 32};
 *   <li>brightness: {@code Y = Y + brightness};
 *   <li>saturation: {@code d = (U - 128) * saturation / 64}, {@code e = (V - 128) * saturation /
 *       64};
 *   <li>hue, {@code h} degrees: {@code U = 128 + d cos h - e sin h}, {@code V = 128 + d sin h + e
 *       cos h}.
 * </ol>
 *
 * <p>{@link #DEFAULTS} (the driver's default control values) maps every colour to itself.
 * Thread-safe (immutable).
 *
 * @param brightness added to luma, 0..255 (driver default 0)
 * @param contrast luma gain around 128 in 32nds, 0..255 (default 32, gain 1)
 * @param saturation chroma gain around 128 in 64ths, 0..255 (default 64, gain 1)
 * @param hue chroma rotation in degrees, -180..180 (the driver allows -90..90; default 0)
 * @param hflip mirror the bars and the motion band left to right
 * @param vflip mirror the bars and the motion band top to bottom (between the stamps)
 * @param lightGain luma gain around black from manual gain and exposure, 0..16 (1 in auto modes)
 */
public record PictureSettings(
    int brightness,
    int contrast,
    int saturation,
    int hue,
    boolean hflip,
    boolean vflip,
    double lightGain) {

  /** The picture at the driver's default control values: every colour as documented. */
  public static final PictureSettings DEFAULTS =
      new PictureSettings(0, 32, 64, 0, false, false, 1.0);

  /**
   * Checks the ranges.
   *
   * @param brightness the brightness control, -128..127
   * @param contrast the contrast control, 0..255
   * @param saturation the saturation control, 0..255
   * @param hue the hue control in degrees, -90..90
   * @param hflip mirror left to right
   * @param vflip flip upside down
   * @param lightGain the luma gain of the light controls (gain, exposure); 1 when automatic
   * @throws IllegalArgumentException naming the value out of range
   */
  public PictureSettings {
    check("brightness", brightness, 0, 255);
    check("contrast", contrast, 0, 255);
    check("saturation", saturation, 0, 255);
    check("hue", hue, -180, 180);
    if (!(lightGain >= 0 && lightGain <= 16)) {
      throw new IllegalArgumentException("lightGain " + lightGain + " is outside 0..16");
    }
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " " + value + " is outside the range " + min + ".." + max);
    }
  }

  /**
   * Maps a colour through these settings (see the class description).
   *
   * @param y luma, 0..255
   * @param u blue-difference chroma, 0..255
   * @param v red-difference chroma, 0..255
   * @return the new colour packed as {@code 0x00YYUUVV}
   */
  public int applyTo(int y, int u, int v) {
    double luma = 16 + (y - 16) * lightGain;
    luma = 128 + (luma - 128) * contrast / 32.0;
    luma += brightness;
    double d = (u - 128) * saturation / 64.0;
    double e = (v - 128) * saturation / 64.0;
    double cb = d;
    double cr = e;
    if (hue != 0) {
      double angle = Math.toRadians(hue);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      cb = d * cos - e * sin;
      cr = d * sin + e * cos;
    }
    int outY = clamp(luma, PictureLayout.BLACK_Y, PictureLayout.WHITE_Y);
    int outU = clamp(128 + cb, 16, 240);
    int outV = clamp(128 + cr, 16, 240);
    return outY << 16 | outU << 8 | outV;
  }

  private static int clamp(double value, int min, int max) {
    long rounded = Math.round(value);
    return (int) Math.max(min, Math.min(max, rounded));
  }
}
