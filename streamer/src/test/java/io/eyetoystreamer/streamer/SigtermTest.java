package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real process: started with no arguments but a free port, it prints the URL; SIGTERM stops it.
 */
class SigtermTest {
  @Test
  void sigtermClosesViewersWith1001AndExitsCleanly() throws Exception {
    Process server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      StringBuilder log = new StringBuilder();
      for (String line; url == null && (line = out.readLine()) != null; ) {
        log.append(line).append('\n');
        if (line.startsWith("eyetoy-streamer: open ")) {
          url = line.substring("eyetoy-streamer: open ".length()).split(" ")[0];
        }
      }
      assertTrue(url != null, "no URL printed:\n" + log);
      assertTrue(log.toString().contains("using the simulated Eyetoy"), log.toString());
      URI ws = URI.create(url.replace("http://", "ws://") + "ws");
      AtomicInteger frames = new AtomicInteger();
      try (WsClient viewer = WsClient.connect(ws, m -> frames.incrementAndGet())) {
        AreaServingTest.waitFor(() -> frames.get() > 3, 20);
        server.destroy(); // SIGTERM
        assertEquals(1001, viewer.closeStatus.get(20, TimeUnit.SECONDS));
      }
      assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server did not exit after SIGTERM");
      assertEquals(143, server.exitValue(), "exit status after SIGTERM (128 + 15)");
    } finally {
      server.destroyForcibly();
    }
  }
}
