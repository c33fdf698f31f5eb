package io.eyetoystreamer.jmh.h264;

import io.eyetoystreamer.streamer.h264.YuyvToI420;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The OpenH264 path's first step alone: a 640x480 YUYV frame converted to I420 in Java ({@link
 * YuyvToI420}, chroma of two rows averaged) into direct buffers, as {@code OpenH264Encoder} does
 * before calling {@code EncodeFrame}. With {@link H264EncodeBenchmark} it splits the binding's time
 * into our part and OpenH264's, which the C driver ({@code jmh/src/main/c/openh264_bench.c}) times
 * from I420.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YuyvToI420Benchmark {
  /** {@code eyetoy} or {@code texture} (the conversion does not depend on the content). */
  @Param({"texture"})
  public String sequence;

  private ByteBuffer[] frames;
  private int next;
  private final YuyvToI420 converter = new YuyvToI420();
  private ByteBuffer y;
  private ByteBuffer u;
  private ByteBuffer v;

  /** Makes the frames and the planes. */
  @Setup(Level.Trial)
  public void setUp() {
    frames = H264Sequence.yuyv(sequence);
    int pixels = H264Sequence.WIDTH * H264Sequence.HEIGHT;
    y = ByteBuffer.allocateDirect(pixels);
    u = ByteBuffer.allocateDirect(pixels / 4);
    v = ByteBuffer.allocateDirect(pixels / 4);
  }

  /** The next frame converted. */
  @Benchmark
  public ByteBuffer convert() {
    ByteBuffer frame = frames[next];
    next = next + 1 == frames.length ? 0 : next + 1;
    converter.convert(
        frame, H264Sequence.WIDTH, H264Sequence.HEIGHT, H264Sequence.BYTES_PER_LINE, y, u, v);
    return y;
  }
}
