package io.eyetoystreamer.jmh.jpeg;

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
 * Encode time per 640x480 frame of the simulated Eyetoy's picture ({@link EyetoyPicture}), quality
 * 80, through the streamer's own encoders, called as its JPEG stage calls them: a YUYV frame in a
 * direct buffer in, the JPEG into a direct buffer out.
 *
 * <ul>
 *   <li>{@code encode}, {@code encoder=turbojpeg}: the fast path, YUYV split into YUV 4:2:2 planes
 *       (rescaled to full range) and {@code tjCompressFromYUVPlanes} through JNA;
 *   <li>{@code encode}, {@code encoder=imageio}: the fallback, YUYV to RGB and the JDK's ImageIO
 *       writer;
 * </ul>
 *
 * <p>{@link YuyvSplitBenchmark} times the fast path's first step alone, to tell it from the
 * compression that libjpeg-turbo's {@code tjbench -yuv} times as "Comp from YUV".
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'JpegEncodeBenchmark|YuyvSplitBenchmark' -prof gc
 * </pre>
 *
 * {@code jmh/run-jpeg.sh} runs it side by side with {@code tjbench} on the same picture.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JpegEncodeBenchmark {
  /** JPEG quality, as the streamer's default. */
  public static final int QUALITY = 80;

  /** Which of the streamer's encoders: {@code turbojpeg} or {@code imageio}. */
  @Param({"turbojpeg", "imageio"})
  public String encoder;

  private JpegEncoder jpeg;
  private ByteBuffer frame;
  private ByteBuffer out;

  /** Paints the picture and makes the encoder. */
  @Setup(Level.Trial)
  public void setUp() {
    jpeg = "imageio".equals(encoder) ? JpegEncoders.imageIo() : JpegEncoders.turboJpeg();
    frame = EyetoyPicture.yuyv();
    out = ByteBuffer.allocateDirect(jpeg.maxBytes(EyetoyPicture.WIDTH, EyetoyPicture.HEIGHT));
  }

  /** One frame encoded; returns the JPEG's length. */
  @Benchmark
  public int encode() {
    out.clear();
    return jpeg.encode(
        frame,
        EyetoyPicture.WIDTH,
        EyetoyPicture.HEIGHT,
        EyetoyPicture.BYTES_PER_LINE,
        QUALITY,
        out);
  }

  /** Frees the encoder. */
  @TearDown(Level.Trial)
  public void tearDown() {
    jpeg.close();
  }
}
