package io.eyetoystreamer.jmh.h264;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.streamer.h264.H264Settings;
import io.eyetoystreamer.streamer.h264.YuyvToI420;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deterministic 640x480 YUYV sequences the H.264 benchmarks encode, {@value #FRAMES} frames
 * taken in a cycle:
 *
 * <ul>
 *   <li>{@code eyetoy}: the simulated Eyetoy (fake-eyetoy's {@link FramePainter}, default controls)
 *       from frame 1000 on: flat bars, a moving box, changing stamps; what the streamer encodes
 *       when it serves the simulated camera;
 *   <li>{@code texture}: a noise texture panning by 3 pixels right and 2 down a frame, a camera
 *       moving over a detailed scene: smoothed luma noise over the whole limited range with fine
 *       grain on top, and slowly varying colour. Made from a fixed seed, the same on every run.
 * </ul>
 *
 * <p>{@code main} writes a sequence as I420 frames (through the streamer's own {@link YuyvToI420})
 * for other OpenH264 clients, so that they encode exactly the planes the binding encodes.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264Sequence texture frames.yuv
 * </pre>
 */
public final class H264Sequence {
  /** Width. */
  public static final int WIDTH = 640;

  /** Height. */
  public static final int HEIGHT = 480;

  /** Bytes per YUYV row. */
  public static final int BYTES_PER_LINE = 2 * WIDTH;

  /** Frames in a cycle. */
  public static final int FRAMES = 60;

  /**
   * What every H.264 benchmark asks for: 640x480 at 30 frames/s, 2 Mbit/s, a key frame every 2 s.
   */
  public static final H264Settings SETTINGS = new H264Settings(WIDTH, HEIGHT, 30, 2_000_000, 60);

  private static final int TEXTURE = 1024;

  private H264Sequence() {}

  /**
   * The {@value #FRAMES} YUYV frames of sequence {@code name}, each in its own direct buffer.
   *
   * @throws IllegalArgumentException for a name other than {@code eyetoy} or {@code texture}
   */
  public static ByteBuffer[] yuyv(String name) {
    ByteBuffer[] frames = new ByteBuffer[FRAMES];
    switch (name) {
      case "eyetoy" -> {
        FramePainter painter = new FramePainter(PictureLayout.VGA);
        for (int i = 0; i < FRAMES; i++) {
          frames[i] = ByteBuffer.allocateDirect(BYTES_PER_LINE * HEIGHT);
          painter.paint(frames[i], BYTES_PER_LINE, 1000 + i, PictureSettings.DEFAULTS);
        }
      }
      case "texture" -> {
        byte[] luma = noise(TEXTURE, 0x5EED_1234L, 3, 16, 235, 24);
        byte[] cb = noise(TEXTURE / 2, 0xC0FFEEL, 6, 96, 160, 0);
        byte[] cr = noise(TEXTURE / 2, 0xBEEFL, 6, 96, 160, 0);
        for (int i = 0; i < FRAMES; i++) {
          frames[i] = pan(luma, cb, cr, 3 * i, 2 * i);
        }
      }
      default ->
          throw new IllegalArgumentException("no H.264 sequence " + name + " (eyetoy or texture)");
    }
    return frames;
  }

  /** One frame of the texture, its top left corner at ({@code dx}, {@code dy}), wrapping. */
  private static ByteBuffer pan(byte[] luma, byte[] cb, byte[] cr, int dx, int dy) {
    ByteBuffer frame = ByteBuffer.allocateDirect(BYTES_PER_LINE * HEIGHT);
    byte[] row = new byte[BYTES_PER_LINE];
    int half = TEXTURE / 2;
    for (int y = 0; y < HEIGHT; y++) {
      int ty = (y + dy) % TEXTURE;
      for (int x = 0; x < WIDTH; x += 2) {
        int tx = (x + dx) % TEXTURE;
        int cx = ((x + dx) / 2) % half;
        int cy = (ty / 2) % half;
        row[2 * x] = luma[ty * TEXTURE + tx];
        row[2 * x + 1] = cb[cy * half + cx];
        row[2 * x + 2] = luma[ty * TEXTURE + (tx + 1) % TEXTURE];
        row[2 * x + 3] = cr[cy * half + cx];
      }
      frame.put(y * BYTES_PER_LINE, row);
    }
    return frame;
  }

  /**
   * A {@code size x size} tile of white noise box-blurred {@code blurPasses} times (radius 2,
   * wrapping), stretched to {@code low..high}, plus {@code grain} peak-to-peak of unblurred noise.
   */
  static byte[] noise(int size, long seed, int blurPasses, int low, int high, int grain) {
    long s = seed;
    double[] v = new double[size * size];
    for (int i = 0; i < v.length; i++) {
      s = xorshift(s);
      v[i] = (s >>> 11) * 0x1.0p-53;
    }
    double[] t = new double[v.length];
    for (int pass = 0; pass < blurPasses; pass++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double sum = 0;
          for (int k = -2; k <= 2; k++) {
            sum += v[y * size + Math.floorMod(x + k, size)];
          }
          t[y * size + x] = sum / 5;
        }
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double sum = 0;
          for (int k = -2; k <= 2; k++) {
            sum += t[Math.floorMod(y + k, size) * size + x];
          }
          v[y * size + x] = sum / 5;
        }
      }
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double d : v) {
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      s = xorshift(s);
      double g = grain == 0 ? 0 : ((s >>> 11) * 0x1.0p-53 - 0.5) * grain;
      double scaled = low + (v[i] - min) / (max - min) * (high - low) + g;
      out[i] = (byte) Math.max(low, Math.min(high, Math.round(scaled)));
    }
    return out;
  }

  private static long xorshift(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    return x;
  }

  /** The frames of sequence {@code name} as I420, through the streamer's {@link YuyvToI420}. */
  public static void writeI420(String name, Path file) throws IOException {
    YuyvToI420 converter = new YuyvToI420();
    int luma = WIDTH * HEIGHT;
    ByteBuffer planes = ByteBuffer.allocate(luma * 3 / 2);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (ByteBuffer frame : yuyv(name)) {
        converter.convert(
            frame,
            WIDTH,
            HEIGHT,
            BYTES_PER_LINE,
            planes.slice(0, luma),
            planes.slice(luma, luma / 4),
            planes.slice(luma * 5 / 4, luma / 4));
        out.write(planes.array());
      }
    }
  }

  /** {@code NAME FILE.yuv}: writes sequence NAME as I420. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: H264Sequence eyetoy|texture FILE.yuv");
      System.exit(2);
    }
    writeI420(args[0], Path.of(args[1]));
  }
}
