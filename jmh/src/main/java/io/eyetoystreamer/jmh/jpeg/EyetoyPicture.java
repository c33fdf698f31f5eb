package io.eyetoystreamer.jmh.jpeg;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.streamer.image.YuyvToRgb;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated Eyetoy's 640x480 picture, painted by fake-eyetoy's own {@link FramePainter} (the
 * frames the streamer encodes when it serves the simulated camera), as YUYV for the encoders and as
 * a binary PPM for {@code tjbench}.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.jpeg.EyetoyPicture frame.ppm
 * </pre>
 */
public final class EyetoyPicture {
  /** Width of the picture. */
  public static final int WIDTH = 640;

  /** Height of the picture. */
  public static final int HEIGHT = 480;

  /** Bytes per YUYV row. */
  public static final int BYTES_PER_LINE = 2 * WIDTH;

  /** The frame number painted (its stamps and the motion box's place depend on it). */
  public static final long SEQUENCE = 1234;

  private EyetoyPicture() {}

  /** Frame {@link #SEQUENCE} with the default controls, YUYV, in a new direct buffer. */
  public static ByteBuffer yuyv() {
    ByteBuffer frame = ByteBuffer.allocateDirect(BYTES_PER_LINE * HEIGHT);
    new FramePainter(PictureLayout.VGA)
        .paint(frame, BYTES_PER_LINE, SEQUENCE, PictureSettings.DEFAULTS);
    return frame;
  }

  /** Writes the picture as a binary PPM (P6), converted with the streamer's BT.601 decoding. */
  public static void writePpm(Path file) throws IOException {
    int[] rgb = new int[WIDTH * HEIGHT];
    YuyvToRgb.frame(yuyv(), WIDTH, HEIGHT, BYTES_PER_LINE, rgb);
    byte[] pixels = new byte[3 * rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      pixels[3 * i] = (byte) (rgb[i] >>> 16);
      pixels[3 * i + 1] = (byte) (rgb[i] >>> 8);
      pixels[3 * i + 2] = (byte) rgb[i];
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(("P6\n" + WIDTH + " " + HEIGHT + "\n255\n").getBytes(StandardCharsets.US_ASCII));
      out.write(pixels);
    }
  }

  /** Writes the PPM named on the command line. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: EyetoyPicture FILE.ppm");
      System.exit(2);
    }
    writePpm(Path.of(args[0]));
  }
}
