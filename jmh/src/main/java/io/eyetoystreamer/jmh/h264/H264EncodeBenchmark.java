package io.eyetoystreamer.jmh.h264;

import io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode time per 640x480 frame, H.264 against JPEG, through the streamer's own encoders called as
 * a stage would call them: a YUYV frame in a direct buffer in, the access unit or JPEG into a
 * direct buffer out. Each call encodes the next frame of an {@link H264Sequence} ({@code eyetoy} or
 * {@code texture}), in a cycle, so H.264 predicts from the frame before as it would live.
 *
 * <ul>
 *   <li>{@code encoder=openh264}: {@link OpenH264Encoder} at {@link H264Sequence#SETTINGS} (YUYV to
 *       I420 in Java, then OpenH264 through JNA; an IDR every 60 frames);
 *   <li>{@code encoder=turbojpeg}: the TurboJPEG path at quality 80, every frame a key frame.
 * </ul>
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'H264EncodeBenchmark|YuyvToI420Benchmark' -prof gc
 * </pre>
 *
 * {@code jmh/run-h264.sh} runs it side by side with OpenH264 driven from C on the same frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class H264EncodeBenchmark {
  /** {@code openh264} or {@code turbojpeg}. */
  @Param({"openh264", "turbojpeg"})
  public String encoder;

  /** {@code eyetoy} or {@code texture}. */
  @Param({"eyetoy", "texture"})
  public String sequence;

  private ByteBuffer[] frames;
  private int next;
  private OpenH264Encoder h264;
  private JpegEncoder jpeg;
  private ByteBuffer out;

  /** Makes the frames and the encoder. */
  @Setup(Level.Trial)
  public void setUp() {
    frames = H264Sequence.yuyv(sequence);
    if ("openh264".equals(encoder)) {
      h264 = OpenH264Encoder.open(H264Sequence.SETTINGS);
      out = ByteBuffer.allocateDirect(h264.maxAccessUnitBytes());
    } else {
      jpeg = JpegEncoders.turboJpeg();
      out = ByteBuffer.allocateDirect(jpeg.maxBytes(H264Sequence.WIDTH, H264Sequence.HEIGHT));
    }
  }

  /** The next frame encoded; returns its size in bytes. */
  @Benchmark
  public int encode() {
    ByteBuffer frame = frames[next];
    next = next + 1 == frames.length ? 0 : next + 1;
    out.clear();
    if (h264 != null) {
      return h264.encode(frame, H264Sequence.BYTES_PER_LINE, false, out);
    }
    return jpeg.encode(
        frame,
        H264Sequence.WIDTH,
        H264Sequence.HEIGHT,
        H264Sequence.BYTES_PER_LINE,
        JpegEncodeBenchmark.QUALITY,
        out);
  }

  /** Frees the encoder. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (h264 != null) {
      h264.close();
    }
    if (jpeg != null) {
      jpeg.close();
    }
  }
}
