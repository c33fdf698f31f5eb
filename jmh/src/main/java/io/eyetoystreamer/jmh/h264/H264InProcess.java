package io.eyetoystreamer.jmh.h264;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark;
import io.eyetoystreamer.streamer.h264.H264Settings;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.streamer.h264.YuyvToI420;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The binding against OpenH264 driven from C, in one process and one thread, in alternating blocks:
 * the steadiest comparison a shared machine allows. The C client is {@code
 * jmh/src/main/c/openh264_bench.c} built as a library ({@code bench_open}, {@code bench_encode}:
 * its own encoder, its own loop over the I420 frames, direct C calls, entered once per block). A
 * rotation is one block of each: the binding encoding a cycle of {@value H264Sequence#FRAMES}
 * frames from YUYV, C encoding the same cycle from I420, the binding's YUYV to I420 step alone on
 * the cycle, and the streamer's TurboJPEG path (quality 80) on the cycle; each block timed with
 * this thread's CPU time (the same clock for all four). Both encoders start together and advance a
 * whole cycle per block, so every block does the same work (the same frames, the IDR in the same
 * place). The ratio is taken per rotation; the order within a rotation alternates.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264InProcess \
 *     libopenh264_bench.so eyetoy|texture FRAMES.yuv WARMUP_ROTATIONS ROTATIONS
 * </pre>
 *
 * Prints {@code RESULT_AB binding_cpu_ns=.. c_cpu_ns=.. convert_cpu_ns=.. ratio=.. ratio_p25=..
 * ratio_p75=.. encode_ratio=.. encode_ratio_p25=.. encode_ratio_p75=.. rotations=.. jpeg_cpu_ns=..
 * jpeg_ratio=.. jpeg_ratio_p25=.. jpeg_ratio_p75=..}: medians per frame, and the per-rotation
 * ratios binding / C, (binding less the conversion) / C, and binding / TurboJPEG.
 */
public final class H264InProcess {
  private H264InProcess() {}

  /** Runs the A/B; see the class comment. */
  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println(
          "usage: H264InProcess LIBOPENH264_BENCH.so eyetoy|texture FRAMES.yuv WARMUP ROTATIONS");
      System.exit(2);
    }
    NativeLibrary lib = NativeLibrary.getInstance(args[0]);
    Function open = lib.getFunction("bench_open");
    Function encode = lib.getFunction("bench_encode");
    Function close = lib.getFunction("bench_close");
    ByteBuffer[] frames = H264Sequence.yuyv(args[1]);
    int warmup = Integer.parseInt(args[3]);
    int rotations = Integer.parseInt(args[4]);
    int n = frames.length;
    H264Settings s = H264Sequence.SETTINGS;
    Pointer c =
        (Pointer)
            open.invoke(
                Pointer.class,
                new Object[] {
                  args[2], s.width(), s.height(), s.fps(), s.bitsPerSecond(), s.keyFramePeriod()
                });
    if (c == null) {
      throw new IllegalStateException("bench_open failed on " + args[2]);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    YuyvToI420 converter = new YuyvToI420();
    int pixels = H264Sequence.WIDTH * H264Sequence.HEIGHT;
    ByteBuffer y = ByteBuffer.allocateDirect(pixels);
    ByteBuffer u = ByteBuffer.allocateDirect(pixels / 4);
    ByteBuffer v = ByteBuffer.allocateDirect(pixels / 4);
    double[] binding = new double[rotations];
    double[] cTime = new double[rotations];
    double[] convert = new double[rotations];
    double[] jpegTime = new double[rotations];
    try (OpenH264Encoder encoder = OpenH264Encoder.open(H264Sequence.SETTINGS);
        JpegEncoder jpeg = JpegEncoders.turboJpeg()) {
      ByteBuffer jpegOut =
          ByteBuffer.allocateDirect(jpeg.maxBytes(H264Sequence.WIDTH, H264Sequence.HEIGHT));
      Runnable stills =
          () -> {
            for (ByteBuffer frame : frames) {
              jpegOut.clear();
              jpeg.encode(
                  frame,
                  H264Sequence.WIDTH,
                  H264Sequence.HEIGHT,
                  H264Sequence.BYTES_PER_LINE,
                  JpegEncodeBenchmark.QUALITY,
                  jpegOut);
            }
          };
      ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
      Runnable ours =
          () -> {
            for (ByteBuffer frame : frames) {
              out.clear();
              encoder.encode(frame, H264Sequence.BYTES_PER_LINE, false, out);
            }
          };
      Runnable theirs = () -> encode.invokeLong(new Object[] {c, n});
      Runnable step =
          () -> {
            for (ByteBuffer frame : frames) {
              converter.convert(
                  frame,
                  H264Sequence.WIDTH,
                  H264Sequence.HEIGHT,
                  H264Sequence.BYTES_PER_LINE,
                  y,
                  u,
                  v);
            }
          };
      for (int i = 0; i < warmup; i++) {
        ours.run();
        theirs.run();
        step.run();
        stills.run();
      }
      for (int i = 0; i < rotations; i++) {
        if (i % 2 == 0) {
          binding[i] = cpu(threads, ours) / n;
          cTime[i] = cpu(threads, theirs) / n;
          convert[i] = cpu(threads, step) / n;
          jpegTime[i] = cpu(threads, stills) / n;
        } else {
          jpegTime[i] = cpu(threads, stills) / n;
          convert[i] = cpu(threads, step) / n;
          cTime[i] = cpu(threads, theirs) / n;
          binding[i] = cpu(threads, ours) / n;
        }
      }
    } finally {
      close.invokeVoid(new Object[] {c});
    }
    double[] ratio = new double[rotations];
    double[] encodeRatio = new double[rotations];
    double[] jpegRatio = new double[rotations];
    for (int i = 0; i < rotations; i++) {
      ratio[i] = binding[i] / cTime[i];
      encodeRatio[i] = (binding[i] - convert[i]) / cTime[i];
      jpegRatio[i] = binding[i] / jpegTime[i];
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT_AB binding_cpu_ns=%.0f c_cpu_ns=%.0f convert_cpu_ns=%.0f ratio=%.3f"
            + " ratio_p25=%.3f ratio_p75=%.3f encode_ratio=%.3f encode_ratio_p25=%.3f"
            + " encode_ratio_p75=%.3f rotations=%d jpeg_cpu_ns=%.0f jpeg_ratio=%.3f"
            + " jpeg_ratio_p25=%.3f jpeg_ratio_p75=%.3f%n",
        quantile(binding, 0.5),
        quantile(cTime, 0.5),
        quantile(convert, 0.5),
        quantile(ratio, 0.5),
        quantile(ratio, 0.25),
        quantile(ratio, 0.75),
        quantile(encodeRatio, 0.5),
        quantile(encodeRatio, 0.25),
        quantile(encodeRatio, 0.75),
        rotations,
        quantile(jpegTime, 0.5),
        quantile(jpegRatio, 0.5),
        quantile(jpegRatio, 0.25),
        quantile(jpegRatio, 0.75));
  }

  private static double cpu(ThreadMXBean threads, Runnable block) {
    long t0 = threads.getCurrentThreadCpuTime();
    block.run();
    return threads.getCurrentThreadCpuTime() - t0;
  }

  /** The {@code q} quantile of {@code a}, linearly interpolated. */
  static double quantile(double[] a, double q) {
    double[] s = a.clone();
    Arrays.sort(s);
    double at = q * (s.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (s[hi] - s[lo]) * (at - lo);
  }
}
