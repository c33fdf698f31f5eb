package io.eyetoystreamer.jmh.jpeg;

import io.eyetoystreamer.streamer.jpeg.YuyvPlanes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The TurboJPEG path's first step alone: a 640x480 YUYV frame of the simulated Eyetoy split into
 * full-range YUV 4:2:2 planes, in Java, as the streamer's TurboJPEG encoder does before handing the
 * planes to {@code tjCompressFromYUVPlanes}. With {@link JpegEncodeBenchmark} it splits the fast
 * path's time into our part and libjpeg-turbo's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YuyvSplitBenchmark {
  private ByteBuffer frame;
  private ByteBuffer y;
  private ByteBuffer u;
  private ByteBuffer v;
  private final YuyvPlanes splitter = new YuyvPlanes();

  /** Paints the picture; makes the planes. */
  @Setup(Level.Trial)
  public void setUp() {
    frame = EyetoyPicture.yuyv();
    int pixels = EyetoyPicture.WIDTH * EyetoyPicture.HEIGHT;
    y = ByteBuffer.allocateDirect(pixels);
    u = ByteBuffer.allocateDirect(pixels / 2);
    v = ByteBuffer.allocateDirect(pixels / 2);
  }

  /** One frame split. */
  @Benchmark
  public ByteBuffer split() {
    splitter.split(
        frame, EyetoyPicture.WIDTH, EyetoyPicture.HEIGHT, EyetoyPicture.BYTES_PER_LINE, y, u, v);
    return y;
  }
}
