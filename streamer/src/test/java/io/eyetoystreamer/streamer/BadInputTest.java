package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gets the right status and a sentence saying why, and a watching viewer
 * keeps streaming through all of it.
 */
@ExtendWith(NoLeaks.class)
class BadInputTest {
  @TempDir Path dir;
  private AreaPublisher publisher;
  private ServerHarness server;
  private WsClient watcher;
  private final AtomicInteger watched = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    publisher = new AreaPublisher(dir.resolve("area"), 30);
    server = ServerHarness.serveArea(dir.resolve("area"), "--max-viewers", "3");
    watcher = WsClient.connect(server.ws("/ws"), m -> watched.incrementAndGet());
  }

  @AfterEach
  void stop() throws Exception {
    int before = watched.get();
    AreaServingTest.waitFor(() -> watched.get() > before + 3, 10);
    assertTrue(watcher.isOpen(), "the watching viewer was dropped");
    watcher.close();
    server.close();
    publisher.close();
  }

  @Test
  void plainGetOnAWebSocketEndpointIs426WithAnExplanation() throws Exception {
    HttpResponse<String> r = server.get("/ws");
    assertEquals(426, r.statusCode());
    assertTrue(r.body().contains("/ws is a WebSocket endpoint"), r.body());
  }

  @Test
  void foreignOriginIs403() {
    DefaultHttpHeaders h = new DefaultHttpHeaders();
    h.set("Origin", "http://evil.example");
    Exception e =
        assertThrows(Exception.class, () -> WsClient.connect(server.ws("/ws"), h, m -> {}));
    assertTrue(String.valueOf(e.getMessage()).contains("403"), String.valueOf(e));
  }

  @Test
  void ownOriginIsAdmitted() throws Exception {
    DefaultHttpHeaders h = new DefaultHttpHeaders();
    h.set("Origin", "http://127.0.0.1:" + server.streamer.address().getPort());
    try (WsClient c = WsClient.connect(server.ws("/ws"), h, m -> {})) {
      assertTrue(c.isOpen());
    }
  }

  @Test
  void garbageBytesGet400() throws Exception {
    String reply = raw("\u0001\u0002GARBAGE \u00ff\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    String reply = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 431"), reply);
  }

  @Test
  void overlongRequestLineGets414() throws Exception {
    String reply = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 414"), reply);
  }

  @Test
  void oversizedBodyGets413() throws Exception {
    HttpResponse<String> r =
        server.http.send(
            HttpRequest.newBuilder(server.http("/"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, r.statusCode());
  }

  @Test
  void postIs405() throws Exception {
    HttpResponse<String> r =
        server.http.send(
            HttpRequest.newBuilder(server.http("/state"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  @Test
  void pathTraversalFindsNothing() throws Exception {
    assertEquals(404, server.get("/../../etc/passwd").statusCode());
    String reply = raw("GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 404"), reply);
  }

  @Test
  void viewerPastTheLimitGets503() throws Exception {
    try (WsClient second = WsClient.connect(server.ws("/ws"), m -> {});
        WsClient third = WsClient.connect(server.ws("/eyetoy"), m -> {})) {
      Exception e =
          assertThrows(Exception.class, () -> WsClient.connect(server.ws("/ws"), m -> {}));
      assertTrue(String.valueOf(e.getMessage()).contains("503"), String.valueOf(e));
    }
    try (WsClient again = WsClient.connect(server.ws("/ws"), m -> {})) {
      assertTrue(again.isOpen(), "a place frees up when a viewer leaves");
    }
  }

  @Test
  void inboundMessagesFromViewersAreIgnored() throws Exception {
    AtomicInteger frames = new AtomicInteger();
    try (WsClient chatty = WsClient.connect(server.ws("/ws"), m -> frames.incrementAndGet())) {
      chatty.sendText("hello server");
      Thread.sleep(300);
      assertTrue(chatty.isOpen());
      assertTrue(frames.get() > 0);
    }
  }

  @Test
  void anUnknownWebSocketFormatIs400NamingTheFormats() throws Exception {
    HttpResponse<String> r = server.get("/ws?format=vp9");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("expected raw (the default), jpeg or h264"), r.body());
  }

  @Test
  void h264WithoutAnEncoderIs503SayingWhy() throws Exception {
    try (ServerHarness off =
        ServerHarness.serveArea(dir.resolve("area"), "--h264-encoder", "off")) {
      for (String path : new String[] {"/ws?format=h264", "/stream.h264"}) {
        HttpResponse<String> r = off.get(path);
        assertEquals(503, r.statusCode(), path);
        assertTrue(r.body().contains("H.264 is off (--h264-encoder off)"), r.body());
      }
    }
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertEquals(404, server.get("/nothing-here").statusCode());
  }

  @Test
  void aMalformedEscapeIs400() throws Exception {
    String answer = raw("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("malformed URL"), answer);
  }

  @Test
  void healthzAnswers() throws Exception {
    HttpResponse<String> r = server.get("/healthz");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("ok"), r.body());
  }

  private String raw(String request) throws Exception {
    URI uri = server.http("/");
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[512];
      int n = in.read(buf);
      return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  static String basic(String userPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }
}
