package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** {@link WebSocketEndpoint#malformed}: what is refused before a viewer place is taken. */
class WebSocketHandshakeCheckTest {
  private static FullHttpRequest upgrade() {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
    req.headers()
        .set("Host", "localhost")
        .set("Upgrade", "websocket")
        .set("Connection", "keep-alive, Upgrade")
        .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .set("Sec-WebSocket-Version", "13");
    return req;
  }

  private static void assertRefusedNaming(FullHttpRequest req, String named) {
    String why = WebSocketEndpoint.malformed(req);
    assertTrue(why != null && why.contains(named), String.valueOf(why));
    req.release();
  }

  @Test
  void aBrowserHandshakeIsAccepted() {
    FullHttpRequest req = upgrade();
    assertNull(WebSocketEndpoint.malformed(req));
    req.release();
  }

  @Test
  void noKeyIsRefused() {
    FullHttpRequest req = upgrade();
    req.headers().remove("Sec-WebSocket-Key");
    assertRefusedNaming(req, "Sec-WebSocket-Key");
  }

  @Test
  void noConnectionUpgradeIsRefused() {
    FullHttpRequest req = upgrade();
    req.headers().set("Connection", "keep-alive");
    assertRefusedNaming(req, "Connection");
  }

  @Test
  void noVersionIsRefused() {
    FullHttpRequest req = upgrade();
    req.headers().remove("Sec-WebSocket-Version");
    assertRefusedNaming(req, "13");
  }

  @Test
  void version8IsRefused() {
    FullHttpRequest req = upgrade();
    req.headers().set("Sec-WebSocket-Version", "8");
    assertRefusedNaming(req, "\"8\"");
  }

  @Test
  void headIsRefused() {
    FullHttpRequest req = upgrade();
    req.setMethod(HttpMethod.HEAD);
    assertRefusedNaming(req, "GET");
  }
}
