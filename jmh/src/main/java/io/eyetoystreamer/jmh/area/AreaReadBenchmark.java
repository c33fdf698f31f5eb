package io.eyetoystreamer.jmh.area;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the newest 614400-byte (640x480 YUYV) frame, with 1 and 4 readers, while a writer
 * publishes at full speed or at 30 fps. Every store is measured the same way: the lock-free area
 * ({@code seqlock}), the limit ({@code plainCopy}: the same bytes moved with no coordination) and
 * locked versions ({@code synchronized}, {@code rwlock}, {@code stamped}).
 *
 * <p>Throughput is frames read per millisecond; multiply by 614400 for bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AreaReadBenchmark {
  static final int FRAME_BYTES = 640 * 480 * 2;

  @Param({"seqlock", "plainCopy", "synchronized", "rwlock", "stamped"})
  public String store;

  /** Writer frames per second; 0 is full speed. */
  @Param({"0", "30"})
  public int writerFps;

  FrameStore frames;
  private BackgroundLoop writer;

  /** Starts the writer. */
  @Setup(Level.Trial)
  public void start() {
    frames = FrameStore.named(store, FRAME_BYTES);
    ByteBuffer source = ByteBuffer.allocateDirect(FRAME_BYTES);
    writer =
        new BackgroundLoop("writer", writerFps, () -> frames.publish(source, System.nanoTime()));
  }

  /** Stops the writer. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    writer.stop();
    frames.close();
  }

  /** One reading thread's reader and destination buffer. */
  @State(Scope.Thread)
  public static class ReaderState {
    FrameStore.Reader reader;
    ByteBuffer dst;

    /** Creates this thread's reader. */
    @Setup(Level.Trial)
    public void create(AreaReadBenchmark benchmark) {
      reader = benchmark.frames.newReader();
      dst = ByteBuffer.allocateDirect(FRAME_BYTES);
    }
  }

  /** One reader. */
  @Benchmark
  @Threads(1)
  public long oneReader(ReaderState state) {
    return state.reader.readLatest(state.dst.clear());
  }

  /** Four readers at once. */
  @Benchmark
  @Threads(4)
  public long fourReaders(ReaderState state) {
    return state.reader.readLatest(state.dst.clear());
  }
}
