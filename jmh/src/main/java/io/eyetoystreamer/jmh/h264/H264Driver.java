package io.eyetoystreamer.jmh.h264;

import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.streamer.h264.YuyvToI420;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The Java twin of the C driver ({@code jmh/src/main/c/openh264_bench.c}): the same loop, the same
 * clocks, the same output, so that the binding and C are compared in CPU time as well as in wall
 * time. On a machine shared with other builds, wall time (what JMH measures) includes the time the
 * thread waited for a core; the thread's CPU time mostly does not, so the CPU-time ratio is the
 * steadier of the two. Runs {@code WARMUP_S} seconds untimed, then {@code ITERATIONS} of {@code
 * ITER_S} seconds, on frames of an {@link H264Sequence} in a cycle, at {@link
 * H264Sequence#SETTINGS}.
 *
 * <ul>
 *   <li>{@code openh264}: the binding's whole path, {@link OpenH264Encoder#encode} from YUYV;
 *   <li>{@code convert}: its first step alone, {@link YuyvToI420}.
 * </ul>
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264Driver \
 *     openh264|convert eyetoy|texture WARMUP_S ITERATIONS ITER_S
 * </pre>
 *
 * Prints one line per iteration, then {@code RESULT median_ns_per_frame=N mean_bytes_per_frame=B
 * median_cpu_ns_per_frame=C frames=F iterations=I}, as the C driver does.
 */
public final class H264Driver {
  private H264Driver() {}

  /** Runs one measurement; see the class comment. */
  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println(
          "usage: H264Driver openh264|convert eyetoy|texture WARMUP_S ITERATIONS ITER_S");
      System.exit(2);
    }
    String what = args[0];
    ByteBuffer[] frames = H264Sequence.yuyv(args[1]);
    double warmup = Double.parseDouble(args[2]);
    int iterations = Integer.parseInt(args[3]);
    double seconds = Double.parseDouble(args[4]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (OpenH264Encoder encoder = OpenH264Encoder.open(H264Sequence.SETTINGS)) {
      Step step = step(what, encoder);
      int next = 0;
      long end = System.nanoTime() + (long) (warmup * 1e9);
      while (System.nanoTime() < end) {
        step.run(frames[next]);
        next = next + 1 == frames.length ? 0 : next + 1;
      }
      double[] wall = new double[iterations];
      double[] cpu = new double[iterations];
      long totalBytes = 0;
      long totalFrames = 0;
      for (int it = 0; it < iterations; it++) {
        long count = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long startCpu = threads.getCurrentThreadCpuTime();
        long stop = start + (long) (seconds * 1e9);
        long t;
        do {
          bytes += step.run(frames[next]);
          next = next + 1 == frames.length ? 0 : next + 1;
          count++;
          t = System.nanoTime();
        } while (t < stop);
        wall[it] = (double) (t - start) / count;
        cpu[it] = (double) (threads.getCurrentThreadCpuTime() - startCpu) / count;
        totalBytes += bytes;
        totalFrames += count;
        System.out.printf(
            Locale.ROOT,
            "iteration %d: %.0f ns/frame, %.0f CPU ns/frame, %d frames, %.0f bytes/frame%n",
            it + 1,
            wall[it],
            cpu[it],
            count,
            (double) bytes / count);
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT median_ns_per_frame=%.0f mean_bytes_per_frame=%.1f median_cpu_ns_per_frame=%.0f"
              + " frames=%d iterations=%d%n",
          H264Report.median(wall),
          (double) totalBytes / totalFrames,
          H264Report.median(cpu),
          totalFrames,
          iterations);
    }
  }

  /** One frame's work; returns bytes written. */
  @FunctionalInterface
  private interface Step {
    int run(ByteBuffer frame);
  }

  private static Step step(String what, OpenH264Encoder encoder) {
    switch (what) {
      case "openh264" -> {
        ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
        return frame -> {
          out.clear();
          return encoder.encode(frame, H264Sequence.BYTES_PER_LINE, false, out);
        };
      }
      case "convert" -> {
        YuyvToI420 converter = new YuyvToI420();
        int pixels = H264Sequence.WIDTH * H264Sequence.HEIGHT;
        ByteBuffer y = ByteBuffer.allocateDirect(pixels);
        ByteBuffer u = ByteBuffer.allocateDirect(pixels / 4);
        ByteBuffer v = ByteBuffer.allocateDirect(pixels / 4);
        return frame -> {
          converter.convert(
              frame, H264Sequence.WIDTH, H264Sequence.HEIGHT, H264Sequence.BYTES_PER_LINE, y, u, v);
          return 0;
        };
      }
      default -> throw new IllegalArgumentException(what + ": openh264 or convert");
    }
  }
}
