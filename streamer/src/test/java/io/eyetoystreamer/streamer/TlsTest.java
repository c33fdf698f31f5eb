package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.http.TestCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-cert/--tls-key}: pages over HTTPS, frames over WSS, and no plain HTTP. */
@ExtendWith(NoLeaks.class)
class TlsTest {
  private static final int HEADED_MESSAGE_BYTES = 32 + 614_400;

  @TempDir Path dir;

  @Test
  void pagesAndFramesAreServedOverTls() throws Exception {
    TestCertificate cert = TestCertificate.create(dir);
    try (AreaPublisher publisher = new AreaPublisher(dir.resolve("area"), 30);
        ServerHarness server = serveTls(cert)) {
      int port = server.streamer.address().getPort();
      assertTrue(server.streamer.url().startsWith("https://"), server.streamer.url());
      HttpClient https = HttpClient.newBuilder().sslContext(cert.clientContext()).build();
      HttpResponse<String> state =
          https.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/state")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, state.statusCode());

      WholeMessages messages = new WholeMessages();
      WebSocket ws =
          https
              .newWebSocketBuilder()
              .buildAsync(URI.create("wss://127.0.0.1:" + port + "/ws"), messages)
              .get(10, TimeUnit.SECONDS);
      try {
        AreaServingTest.waitFor(() -> messages.whole.get() >= 5, 10);
        assertEquals(0, messages.wrongSize.get(), "frames of another size than header + frame");
      } finally {
        ws.abort();
      }
    }
  }

  @Test
  void plainHttpToTheTlsPortGetsNoPage() throws Exception {
    TestCertificate cert = TestCertificate.create(dir);
    try (AreaPublisher publisher = new AreaPublisher(dir.resolve("area"), 30);
        ServerHarness server = serveTls(cert)) {
      assertThrows(IOException.class, () -> server.get("/state"));
    }
  }

  private ServerHarness serveTls(TestCertificate cert) throws Exception {
    return ServerHarness.serveArea(
        dir.resolve("area"),
        "--tls-cert",
        cert.certPem.toString(),
        "--tls-key",
        cert.keyPem.toString());
  }

  /** Counts binary messages reassembled from their parts, and those of the wrong size. */
  private static final class WholeMessages implements WebSocket.Listener {
    final AtomicInteger whole = new AtomicInteger();
    final AtomicInteger wrongSize = new AtomicInteger();
    private int bytes;

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      bytes += data.remaining();
      if (last) {
        if (bytes == HEADED_MESSAGE_BYTES) {
          whole.incrementAndGet();
        } else {
          wrongSize.incrementAndGet();
        }
        bytes = 0;
      }
      ws.request(1);
      return null;
    }
  }
}
