package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * The writer's rate publishing 614400-byte frames, alone and with four readers that read the newest
 * frame either at 30 fps each (what a fan-out does) or as fast as they can (the worst case). A
 * writer that never waits for readers keeps its rate; a locked store's writer waits for them.
 *
 * <p>Throughput is frames published per millisecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class AreaWriteBenchmark {
  @Param({"seqlock", "plainCopy", "synchronized", "rwlock", "stamped"})
  public String store;

  /** Background readers: {@code none}, {@code 4x30fps} or {@code 4xFullSpeed}. */
  @Param({"none", "4x30fps", "4xFullSpeed"})
  public String readers;

  private FrameStore frames;
  private final List<BackgroundLoop> loops = new ArrayList<>();
  private final ByteBuffer source = ByteBuffer.allocateDirect(AreaReadBenchmark.FRAME_BYTES);

  /** Starts the readers. */
  @Setup(Level.Trial)
  public void start() {
    frames = FrameStore.named(store, AreaReadBenchmark.FRAME_BYTES);
    int count = readers.equals("none") ? 0 : 4;
    int fps = readers.equals("4x30fps") ? 30 : 0;
    for (int i = 0; i < count; i++) {
      FrameStore.Reader reader = frames.newReader();
      ByteBuffer dst = ByteBuffer.allocateDirect(AreaReadBenchmark.FRAME_BYTES);
      loops.add(new BackgroundLoop("reader-" + i, fps, () -> reader.readLatest(dst.clear())));
    }
  }

  /** Stops the readers. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    for (BackgroundLoop loop : loops) {
      loop.stop();
    }
    loops.clear();
    frames.close();
  }

  /** Publishes one frame. */
  @Benchmark
  public void publish() {
    frames.publish(source, System.nanoTime());
  }
}
