package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One writer at full speed and four readers for five seconds: every read is verified whole and
 * every reader's sequence only increases. In one JVM, and with the writer in a separate process.
 */
class SeqlockStressTest {
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int READERS = 4;

  @Test
  void vgaFramesInOneJvmAreNeverTorn() throws Exception {
    runInOneJvm(AreaGeometry.yuyv(640, 480));
  }

  @Test
  void smallFramesInTwoSlotsAreNeverTornWhenTheWriterLapsReaders() throws Exception {
    List<StressReader.Result> results =
        runInOneJvm(new AreaGeometry(2, 4096, 32, 64, Fourcc.YUYV, 64));
    long retries = results.stream().mapToLong(StressReader.Result::retries).sum();
    assertTrue(retries > 0, "the writer should have lapped the readers at least once");
  }

  @Test
  void writerInAnotherProcessIsReadWhole() throws Exception {
    Path path = areaPath("stress");
    Process writer = startWriter(path, RUN_NANOS / 1e9);
    try (FrameArea area = FrameArea.openFile(path, Duration.ofSeconds(30))) {
      List<StressReader.Result> results = readAll(area, System.nanoTime() + 4 * RUN_NANOS);
      assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "writer process did not end");
      assertEquals(0, writer.exitValue());
      assertEquals(WriterStatus.CLOSED, area.writerStatus());
      for (StressReader.Result r : results) {
        assertTrue(r.frames() > 10, "a reader got only " + r.frames() + " frames");
      }
    } finally {
      writer.destroyForcibly();
      Files.deleteIfExists(path);
    }
  }

  @Test
  void killedWriterProcessIsReportedGone() throws Exception {
    Path path = areaPath("killed");
    Process writer = startWriter(path, 60);
    try (FrameArea area =
        FrameArea.openFile(path, Duration.ofSeconds(30), Duration.ofMillis(500))) {
      AreaReader reader = area.newReader();
      assertTrue(reader.awaitNewer(0, TimeUnit.SECONDS.toNanos(30)) > 0, "no frame arrived");
      writer.destroyForcibly().waitFor();
      long result = AreaReader.TIMED_OUT;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (result != AreaReader.WRITER_GONE && System.nanoTime() < deadline) {
        result = reader.awaitNewer(area.latestSequence(), TimeUnit.SECONDS.toNanos(1));
      }
      assertEquals(AreaReader.WRITER_GONE, result);
      assertEquals(WriterStatus.GONE, area.writerStatus());
    } finally {
      writer.destroyForcibly();
      Files.deleteIfExists(path);
    }
  }

  private static List<StressReader.Result> runInOneJvm(AreaGeometry geometry) throws Exception {
    try (FrameArea area = FrameArea.inMemory(geometry)) {
      AreaWriter writer = area.writer();
      long stopAt = System.nanoTime() + RUN_NANOS;
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<List<StressReader.Result>> readers =
            pool.submit(() -> readAll(area, stopAt + RUN_NANOS));
        long last = StressWriterMain.publishUntil(writer, stopAt);
        writer.close();
        List<StressReader.Result> results = readers.get(60, TimeUnit.SECONDS);
        assertTrue(last > 100, "the writer published only " + last + " frames");
        for (StressReader.Result r : results) {
          assertTrue(r.frames() > 10, "a reader got only " + r.frames() + " frames");
          assertTrue(r.lastSequence() <= last);
        }
        return results;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Runs two sleeping and two spinning readers until the writer goes or the deadline. */
  private static List<StressReader.Result> readAll(FrameArea area, long deadline) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<StressReader.Result>> futures = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        futures.add(pool.submit(new StressReader(area, i % 2 == 0, deadline)));
      }
      List<StressReader.Result> results = new ArrayList<>();
      for (Future<StressReader.Result> f : futures) {
        results.add(
            f.get(
                2 * (deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30),
                TimeUnit.NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Path areaPath(String name) {
    Path shm = Path.of("/dev/shm");
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm
            : Path.of(System.getProperty("java.io.tmpdir"));
    return dir.resolve("eyetoy-test-" + name + "-" + ProcessHandle.current().pid());
  }

  private static Process startWriter(Path path, double seconds) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StressWriterMain.class.getName(),
                path.toString(),
                Double.toString(seconds),
                "4",
                Integer.toString(640 * 480 * 2))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertEquals("ready", first, "writer process said " + first);
    return p;
  }
}
