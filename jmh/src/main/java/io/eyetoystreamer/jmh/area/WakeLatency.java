package io.eyetoystreamer.jmh.area;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.Fourcc;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How soon a sleeping reader wakes after the writer publishes: same JVM, and writer in another
 * process. The writer stamps each frame with {@code System.nanoTime()} just before {@code commit};
 * the reader subtracts it from its own clock when {@code awaitNewer} returns (one CLOCK_MONOTONIC
 * on Linux, across processes). Also reports the reader thread's CPU time while idle.
 *
 * <p>{@code java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.area.WakeLatency [fps]
 * [seconds]}
 */
public final class WakeLatency {
  private static final AreaGeometry TINY = new AreaGeometry(4, 64, 8, 4, Fourcc.YUYV, 16);

  private WakeLatency() {}

  /** Runs both measurements and prints a table. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("writer")) {
      writerProcess(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
      return;
    }
    int fps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    System.out.printf("wake-up latency, writer at %d fps for %.0f s%n", fps, seconds);
    System.out.println(
        "| writer | samples | p50 us | p99 us | p99.9 us | max us | reader CPU while idle |");
    System.out.println("|---|---|---|---|---|---|---|");
    try (FrameArea area = FrameArea.inMemory(TINY)) {
      AreaWriter writer = area.writer();
      Thread t = new Thread(() -> publish(writer, fps, seconds), "writer");
      t.start();
      report("same JVM", measure(area, seconds), idleCpu(area));
      t.join();
    }
    Path path = Files.createTempFile(Path.of("/dev/shm"), "eyetoy-wake-", ".area");
    Files.delete(path);
    Process writer =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                WakeLatency.class.getName(),
                "writer",
                path.toString(),
                Integer.toString(fps),
                Double.toString(seconds + 3))
            .inheritIO()
            .start();
    try (FrameArea area = FrameArea.openFile(path, Duration.ofSeconds(30))) {
      area.newReader().awaitNewer(0, TimeUnit.SECONDS.toNanos(30));
      report("other process", measure(area, seconds), "");
    } finally {
      writer.destroy();
      writer.waitFor();
      Files.deleteIfExists(path);
    }
  }

  private static Histogram measure(FrameArea area, double seconds) {
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
    AreaReader reader = area.newReader();
    ByteBuffer dst = ByteBuffer.allocateDirect(TINY.slotCapacity());
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long last = area.latestSequence();
    long skip = last + 10; // let both sides warm up
    while (System.nanoTime() < end) {
      long newest = reader.awaitNewer(last, TimeUnit.SECONDS.toNanos(1));
      long woke = System.nanoTime();
      if (newest <= 0) {
        continue;
      }
      last = reader.readLatest(dst.clear(), 0);
      if (newest > skip && last == newest) {
        h.recordValue(Math.max(0, woke - reader.captureTimeNanos()));
      }
    }
    return h;
  }

  private static String idleCpu(FrameArea area) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    AreaReader reader = area.newReader();
    long before = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    reader.awaitNewer(Long.MAX_VALUE - 1, TimeUnit.SECONDS.toNanos(2));
    double cpuMs = (threads.getCurrentThreadCpuTime() - before) / 1e6;
    double wallMs = (System.nanoTime() - wall) / 1e6;
    return String.format("%.2f ms CPU in %.0f ms asleep", cpuMs, wallMs);
  }

  private static void report(String where, Histogram h, String idle) {
    System.out.printf(
        "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n",
        where,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3,
        h.getMaxValue() / 1e3,
        idle);
  }

  private static void writerProcess(Path path, int fps, double seconds) throws Exception {
    try (FrameArea area = FrameArea.createFile(path, TINY)) {
      publish(area.writer(), fps, seconds);
    }
  }

  private static void publish(AreaWriter writer, int fps, double seconds) {
    long period = TimeUnit.SECONDS.toNanos(1) / fps;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long next = System.nanoTime();
    while (System.nanoTime() < end) {
      writer.claim();
      writer.commit(TINY.slotCapacity(), System.nanoTime());
      next += period;
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
  }
}
