package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stalled viewers filling direct memory do not stop delivery for good: frames are skipped while
 * memory is short, the stalled viewers are closed, and the healthy viewer streams on.
 */
class LowMemoryTest {
  @Test
  void deliveryOutlivesDirectMemoryRunningOut() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            List.of("-XX:MaxDirectMemorySize=6m"), "--port", "0", "--stall-timeout", "2")) {
      URI ws = URI.create(server.url.replace("http://", "ws://") + "ws");
      List<WsClient> stalled = new ArrayList<>();
      AtomicInteger healthy = new AtomicInteger();
      try (WsClient watcher = WsClient.connect(ws, m -> healthy.incrementAndGet())) {
        for (int i = 0; i < 16; i++) {
          WsClient c = WsClient.connect(ws, m -> {});
          Thread.sleep(150); // each stops reading at another frame, so each holds its own
          c.stall();
          stalled.add(c);
        }
        Thread.sleep(6000); // the stalled viewers fill memory, then time out and are closed
        int before = healthy.get();
        AreaServingTest.waitFor(() -> healthy.get() > before + 10, 15);
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(server.url + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
      } finally {
        stalled.forEach(WsClient::close);
      }
    }
  }
}
