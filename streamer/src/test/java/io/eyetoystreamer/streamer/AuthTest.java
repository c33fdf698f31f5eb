package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --auth user:password}: pages and WebSockets need the password. */
@ExtendWith(NoLeaks.class)
class AuthTest {
  @TempDir Path dir;

  @Test
  void pagesAndWebSocketsNeedThePassword() throws Exception {
    try (AreaPublisher publisher = new AreaPublisher(dir.resolve("area"), 30);
        ServerHarness server =
            ServerHarness.serveArea(dir.resolve("area"), "--auth", "viewer:s3cret")) {
      HttpResponse<String> none = server.get("/");
      assertEquals(401, none.statusCode());
      assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
      assertEquals(401, get(server, "/", BadInputTest.basic("viewer:wrong")).statusCode());
      assertEquals(200, get(server, "/", BadInputTest.basic("viewer:s3cret")).statusCode());

      assertThrows(Exception.class, () -> WsClient.connect(server.ws("/ws"), m -> {}));
      DefaultHttpHeaders h = new DefaultHttpHeaders();
      h.set("Authorization", BadInputTest.basic("viewer:s3cret"));
      AtomicInteger frames = new AtomicInteger();
      try (WsClient c = WsClient.connect(server.ws("/ws"), h, m -> frames.incrementAndGet())) {
        AreaServingTest.waitFor(() -> frames.get() > 3, 10);
      }
    }
  }

  private static HttpResponse<String> get(ServerHarness server, String path, String auth)
      throws Exception {
    return server.http.send(
        HttpRequest.newBuilder(server.http(path)).header("Authorization", auth).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
