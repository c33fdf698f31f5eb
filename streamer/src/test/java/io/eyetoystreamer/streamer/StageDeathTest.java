package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A capture thread that dies makes the server visibly unhealthy at once, and the command line exits
 * for its supervisor to restart it.
 */
class StageDeathTest {
  private static final int FPS = 15;

  @Test
  void aDeadCaptureThreadMakesHealthzFailWithinThreeFrameIntervals() throws Exception {
    DyingCamera camera = new DyingCamera();
    List<String> deaths = new CopyOnWriteArrayList<>();
    List<Throwable> causes = new CopyOnWriteArrayList<>();
    try (ServerHarness server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0", "--fps", String.valueOf(FPS)),
                camera,
                ServerHarness.PAGE,
                (stage, cause) -> {
                  deaths.add(stage);
                  causes.add(cause);
                }))) {
      AreaServingTest.waitFor(() -> status(server) == 200, 10);
      camera.kill();
      AreaServingTest.waitFor(() -> camera.diedAtNanos != 0, 5);
      // Ask no earlier than three frame intervals after the death: the answer must be 503 then.
      long interval = TimeUnit.SECONDS.toNanos(1) / FPS;
      LockSupport.parkNanos(camera.diedAtNanos + 3 * interval - System.nanoTime());
      HttpResponse<String> health = server.get("/healthz");
      assertEquals(503, health.statusCode(), health.body());
      assertTrue(health.body().contains("capture thread died"), health.body());
      assertEquals(List.of("capture"), deaths);
      assertInstanceOf(OutOfMemoryError.class, causes.get(0));
      assertTrue(server.get("/state").body().contains("capture thread died"));
    }
  }

  @Test
  void theCommandLineExitsWithStatus70WhenAStageDies() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DyingServerMain.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process did not exit");
      String out = new String(p.getInputStream().readAllBytes());
      assertEquals(Main.EXIT_STAGE_DIED, p.exitValue(), out);
      assertTrue(out.contains("the capture thread died"), out);
    } finally {
      p.destroyForcibly();
    }
  }

  private static int status(ServerHarness server) {
    try {
      return server.get("/healthz").statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** A server whose capture thread dies after a second, wired to exit as the command line does. */
  static final class DyingServerMain {
    public static void main(String[] args) throws Exception {
      DyingCamera camera = new DyingCamera();
      Streamer.start(
          StreamerConfig.parse("--port", "0"), camera, ServerHarness.PAGE, Main::stageDied);
      Thread.sleep(1000);
      camera.kill();
      Thread.sleep(60_000);
      System.exit(0); // not reached when the stage death exits the process
    }
  }
}
