package io.eyetoystreamer.jmh.fanout;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A moving, textured 640x480 YUYV picture for measuring compression: unlike the simulated Eyetoy's
 * flat bars (which every codec squeezes to almost nothing), every frame is full of detail and
 * differs from the one before, as a real camera's does.
 *
 * <p>Frame {@code n} is a window of a fixed texture, panned 3 pixels right and 1 down per frame (90
 * and 30 pixels a second at 30 fps), plus a little sensor-like noise that changes every frame; then
 * the two stamp rows of {@link TestPattern} (frame number), so that a frame can still be read back.
 * The texture is fractal value noise (octaves of 256 down to 2 pixels, each octave's amplitude in
 * proportion to its period to the power 0.4: cloud-like, detailed down to a pixel), tiled every
 * 1024 pixels in both directions, in luma and, weaker and coarser, in both chroma planes. Its
 * detail was chosen so that a frame is about 56 KB as JPEG at quality 80, within the 30 to 60 KB
 * the README gives for a real camera. Everything comes from fixed seeds: frame {@code n} is the
 * same bytes in every run.
 */
final class TexturePattern {
  private static final int W = FrameHeader.WIDTH;
  private static final int H = FrameHeader.HEIGHT;
  private static final int STAMP_ROWS = H / 30;
  private static final int SIZE = 1024;
  private static final int MASK = SIZE - 1;
  private static final int NOISE_SIZE = 1 << 20;
  private static final int NOISE_MASK = NOISE_SIZE - 1;
  static final int PAN_X = 3;
  static final int PAN_Y = 1;

  private final byte[] luma = new byte[SIZE * SIZE];
  private final byte[] cb = new byte[SIZE * SIZE];
  private final byte[] cr = new byte[SIZE * SIZE];
  private final byte[] noise = new byte[NOISE_SIZE];

  /** Builds the texture (a few hundred milliseconds). */
  TexturePattern() {
    float[] y = fractal(new SplittableRandom(19), new int[] {256, 128, 64, 32, 16, 8, 4, 2}, 0.4);
    float[] u = fractal(new SplittableRandom(20), new int[] {256, 128, 64, 32}, 0.75);
    float[] v = fractal(new SplittableRandom(21), new int[] {256, 128, 64, 32}, 0.75);
    scale(y, luma, 126, 48, 16, 235);
    scale(u, cb, 128, 18, 16, 240);
    scale(v, cr, 128, 18, 16, 240);
    SplittableRandom r = new SplittableRandom(22);
    for (int i = 0; i < NOISE_SIZE; i++) {
      // The sum of three uniform -1..1 steps: -3..3, roughly Gaussian, sigma 1.4 levels.
      noise[i] = (byte) (r.nextInt(3) + r.nextInt(3) + r.nextInt(3) - 3);
    }
  }

  /** Draws the whole picture of frame {@code n} at {@code frame}'s absolute index {@code at}. */
  void draw(ByteBuffer frame, int at, long n) {
    int ox = (int) ((n * PAN_X) & MASK);
    int oy = (int) ((n * PAN_Y) & MASK);
    int no = (int) (mix(n) & NOISE_MASK);
    for (int y = STAMP_ROWS; y < H - STAMP_ROWS; y++) {
      int row = at + y * FrameHeader.BYTES_PER_LINE;
      int t = ((y - oy) & MASK) * SIZE;
      int k = (no + y * W) & NOISE_MASK;
      for (int x = 0; x < W; x += 2) {
        int t0 = t + ((x - ox) & MASK);
        int t1 = t + ((x + 1 - ox) & MASK);
        int i = row + x * 2;
        frame.put(i, clamp((luma[t0] & 0xFF) + noise[(k + x) & NOISE_MASK]));
        frame.put(i + 1, cb[t0]);
        frame.put(i + 2, clamp((luma[t1] & 0xFF) + noise[(k + x + 1) & NOISE_MASK]));
        frame.put(i + 3, cr[t0]);
      }
    }
    TestPattern.stamp(frame, at, n);
  }

  private static byte clamp(int v) {
    return (byte) Math.max(16, Math.min(235, v));
  }

  /** A 64-bit mix of {@code n} (SplitMix64's finaliser): where frame {@code n}'s noise starts. */
  private static long mix(long n) {
    long z = (n + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Value noise summed over octaves of the given lattice periods (each divides {@link #SIZE}, so
   * the sum tiles), each octave's amplitude {@code (period / largest) ^ falloff}.
   */
  private static float[] fractal(SplittableRandom r, int[] periods, double falloff) {
    float[] out = new float[SIZE * SIZE];
    for (int p : periods) {
      float amplitude = (float) Math.pow((double) p / periods[0], falloff);
      int cells = SIZE / p;
      float[] lattice = new float[cells * cells];
      for (int i = 0; i < lattice.length; i++) {
        lattice[i] = (float) (r.nextDouble() * 2 - 1);
      }
      for (int y = 0; y < SIZE; y++) {
        int cy = y / p;
        float fy = smooth((y % p) / (float) p);
        int y0 = cy * cells;
        int y1 = ((cy + 1) % cells) * cells;
        for (int x = 0; x < SIZE; x++) {
          int cx = x / p;
          float fx = smooth((x % p) / (float) p);
          int x1 = (cx + 1) % cells;
          float top = lattice[y0 + cx] + (lattice[y0 + x1] - lattice[y0 + cx]) * fx;
          float bottom = lattice[y1 + cx] + (lattice[y1 + x1] - lattice[y1 + cx]) * fx;
          out[y * SIZE + x] += amplitude * (top + (bottom - top) * fy);
        }
      }
    }
    return out;
  }

  private static float smooth(float t) {
    return t * t * (3 - 2 * t);
  }

  /** Scales {@code in} to mean {@code mean} and standard deviation {@code sd}, clamped. */
  private static void scale(float[] in, byte[] out, double mean, double sd, int lo, int hi) {
    double sum = 0;
    double squares = 0;
    for (float f : in) {
      sum += f;
      squares += (double) f * f;
    }
    double m = sum / in.length;
    double s = Math.sqrt(Math.max(1e-12, squares / in.length - m * m));
    for (int i = 0; i < in.length; i++) {
      long v = Math.round(mean + (in[i] - m) / s * sd);
      out[i] = (byte) Math.max(lo, Math.min(hi, v));
    }
  }
}
