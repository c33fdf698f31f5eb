package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real process: started with no arguments but a free port, it prints the URL; SIGTERM stops it.
 */
class SigtermTest {
  @Test
  void sigtermClosesViewersWith1001AndExitsCleanly() throws Exception {
    try (ServerProcess server = ServerProcess.start(List.of(), "--port", "0")) {
      assertTrue(server.log.contains("using the simulated Eyetoy"), server.log);
      URI ws = URI.create(server.url.replace("http://", "ws://") + "ws");
      AtomicInteger frames = new AtomicInteger();
      try (WsClient viewer = WsClient.connect(ws, m -> frames.incrementAndGet())) {
        AreaServingTest.waitFor(() -> frames.get() > 3, 20);
        server.process.destroy(); // SIGTERM
        assertEquals(1001, viewer.closeStatus.get(20, TimeUnit.SECONDS));
      }
      assertTrue(server.process.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
      assertEquals(143, server.process.exitValue(), "exit status after SIGTERM (128 + 15)");
    }
  }
}
