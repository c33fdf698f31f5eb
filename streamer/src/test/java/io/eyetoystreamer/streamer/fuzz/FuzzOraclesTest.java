package io.eyetoystreamer.streamer.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fuzzer's own parts: its wire oracle flags what it should, and its corpus format is exact. */
class FuzzOraclesTest {
  private static final String OK =
      "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 3\r\n\r\nhi\n";

  private static String problem(String wire, boolean head) {
    return WireCheck.check(
            Unpooled.wrappedBuffer(wire.getBytes(StandardCharsets.ISO_8859_1)), head, false)
        .problem();
  }

  private static String ws(String frames) {
    return "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n"
        + "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
        + frames;
  }

  @Test
  void wellFormedAnswersPass() {
    assertNull(problem(OK + OK, false));
    assertNull(problem("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\n" + OK, true)); // HEAD
    assertNull(problem(ws("\u0082\u0002ab\u0088\u0002\u0003\u00e8"), false));
    assertNull(
        problem(
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", false));
  }

  @Test
  void malformedAnswersAreFlagged() {
    assertTrue(
        problem("HTTP/1.1 200 OK\r\nX: a\rb\r\ncontent-length: 0\r\n\r\n", false)
            .startsWith("header:"));
    assertTrue(
        problem("HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 1\r\n\r\nx", false)
            .startsWith("header:"));
    assertTrue(problem("HTTP/1.1 200 OK\r\n\r\nbody", false).startsWith("framing:"));
    assertTrue(
        problem("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n" + OK, false)
            .startsWith("framing:"));
    assertTrue(
        problem("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nshort", false)
            .startsWith("truncated:"));
    assertTrue(
        problem("HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n", false).startsWith("status-line:"));
  }

  @Test
  void malformedFramesAreFlagged() {
    assertEquals(
        "ws-close: code 65535 is not allowed on the wire",
        problem(ws("\u0088\u0002\u00ff\u00ff"), false));
    assertTrue(problem(ws("\u0082\u0082\u0000\u0000\u0000\u0000ab"), false).contains("masked"));
    assertTrue(problem(ws("\u00c2\u0000"), false).contains("reserved bits"));
    assertTrue(
        problem(ws("\u0089\u007e\u0000\u007e" + "x".repeat(126)), false).contains("control"));
    assertTrue(problem(ws("\u0081\u0002\u00c3\u0028"), false).startsWith("ws-text:"));
    assertTrue(problem(ws("\u0088\u0000\u0082\u0000"), false).contains("after the close"));
  }

  @Test
  void corpusFormatRoundTrips() {
    Generator g = new Generator(List.of(Script.parse("> GET / HTTP/1.1\\r\\n\\r\\n\n")), 42);
    for (int i = 0; i < 1000; i++) {
      Script s = g.input(i);
      if (s.length() > 65536) {
        continue; // floods and repeats: the same code, only slower
      }
      Script back = Script.parse(s.format("input " + i));
      assertArrayEquals(s.bytes(), back.bytes(), "input " + i);
      assertEquals(s.wsPath, back.wsPath);
      assertEquals(s.stalled, back.stalled);
      assertEquals(s.auth, back.auth);
      assertEquals(s.steps.size(), back.steps.size(), "reads and pauses of input " + i);
    }
    Script flood = Script.parse("x 89 80 00 00 00 00\n* 3\n");
    assertEquals(18, flood.length());
  }

  @Test
  void inputsDependOnlyOnSeedAndIndex() {
    List<Script> seeds = List.of(Script.parse("> GET /state HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n\n"));
    long seed = new SplittableRandom().nextLong();
    Generator a = new Generator(seeds, seed);
    Generator b = new Generator(seeds, seed);
    for (int i = 999; i >= 0; i -= 7) {
      assertArrayEquals(a.input(i).bytes(), b.input(i).bytes());
    }
    assertNotNull(a.input(0));
  }
}
