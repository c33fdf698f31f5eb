package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.ColourBar;
import java.awt.image.BufferedImage;

/** Checks of the simulated Eyetoy's picture after it went through a lossy encoder. */
public final class Pictures {
  /** How far a JPEG at quality 80 may move a bar's colour, per channel. */
  public static final int JPEG_TOLERANCE = 12;

  private Pictures() {}

  /** The eight bars of a decoded 640x480 picture, each within {@link #JPEG_TOLERANCE}. */
  public static void checkBars(BufferedImage image) {
    for (ColourBar bar : ColourBar.values()) {
      int x = (int) ((bar.ordinal() + 0.5) * 640 / 8);
      int rgb = image.getRGB(x, 200);
      int[] got = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
      int[] want = {bar.red(), bar.green(), bar.blue()};
      for (int c = 0; c < 3; c++) {
        assertTrue(
            Math.abs(got[c] - want[c]) <= JPEG_TOLERANCE,
            bar + " channel " + c + ": got " + got[c] + ", want " + want[c]);
      }
    }
  }
}
