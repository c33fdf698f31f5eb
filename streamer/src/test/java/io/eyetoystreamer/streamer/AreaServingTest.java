package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.sharedarea.Fourcc;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --area}: frames another process captures, fanned out to WebSocket viewers. */
@ExtendWith(NoLeaks.class)
class AreaServingTest {
  @TempDir Path dir;
  private AreaPublisher publisher;
  private ServerHarness server;

  @BeforeEach
  void start() throws Exception {
    publisher = new AreaPublisher(dir.resolve("area"), 30);
    server = ServerHarness.serveArea(dir.resolve("area"), "--stall-timeout", "2");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    publisher.close();
  }

  @Test
  void wsMessagesCarryTheDocumentedHeaderAndAWholeFrame() throws Exception {
    AtomicInteger bad = new AtomicInteger();
    AtomicInteger good = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    try (WsClient client =
        WsClient.connect(
            server.ws("/ws"),
            m -> {
              long seq = m.getLongLE(m.readerIndex() + 8);
              boolean ok =
                  m.readableBytes() == 32 + 614400
                      && m.getShortLE(m.readerIndex()) == 32
                      && m.getByte(m.readerIndex() + 2) == 1
                      && m.getByte(m.readerIndex() + 3) == 0
                      && m.getIntLE(m.readerIndex() + 4) == Fourcc.YUYV
                      && m.getShortLE(m.readerIndex() + 24) == 640
                      && m.getShortLE(m.readerIndex() + 26) == 480
                      && m.getIntLE(m.readerIndex() + 28) == 1280
                      && seq > last.get()
                      && AreaPublisher.whole(m, 32, seq);
              last.set(seq);
              (ok ? good : bad).incrementAndGet();
            })) {
      waitFor(() -> good.get() >= 30, 10); // whole frames, checked; not a rate

      assertEquals(0, bad.get());
      assertTrue(client.texts.get(0).contains("\"camera\":\"online\""), client.texts.toString());
    }
  }

  @Test
  void eyetoyEndpointSendsBareFramesOnly() throws Exception {
    AtomicInteger bare = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    try (WsClient client =
        WsClient.connect(
            server.ws("/eyetoy"),
            m -> (m.readableBytes() == 614400 ? bare : other).incrementAndGet())) {
      waitFor(() -> bare.get() >= 20, 10);
      assertEquals(0, other.get());
      assertTrue(client.texts.isEmpty(), "no status text on the original endpoint");
    }
  }

  @Test
  void stalledViewerNeitherSlowsOthersNorGrowsMemoryAndIsClosed() throws Exception {
    List<AtomicInteger> counts = new ArrayList<>();
    List<WsClient> clients = new ArrayList<>();
    try (WsClient stalled = WsClient.connect(server.ws("/ws"), m -> {})) {
      stalled.stall();
      for (int i = 0; i < 4; i++) {
        AtomicInteger n = new AtomicInteger();
        counts.add(n);
        clients.add(WsClient.connect(server.ws("/ws"), m -> n.incrementAndGet()));
      }
      long maxDirect = 0;
      for (int i = 0; i < 30; i++) {
        Thread.sleep(100);
        maxDirect = Math.max(maxDirect, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
      }
      for (AtomicInteger n : counts) {
        assertTrue(
            n.get() >= 0.9 * 30 * 3 - 10,
            "a healthy viewer got only " + n.get() + " frames in 3 s");
      }
      assertTrue(maxDirect < 32L << 20, "pooled direct memory grew to " + maxDirect);
      waitFor(() -> state().contains("\"viewers\":4,"), 10);
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void viewersAreToldWhenFramesStopAndStartAgain() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/ws"), m -> {})) {
      publisher.pause(true);
      waitFor(() -> client.texts.stream().anyMatch(t -> t.contains("\"camera\":\"offline\"")), 10);
      publisher.pause(false);
      waitFor(
          () -> client.texts.get(client.texts.size() - 1).contains("\"camera\":\"online\""), 10);
    }
  }

  @Test
  void stateListsEveryViewerAndTheCamera() throws Exception {
    try (WsClient a = WsClient.connect(server.ws("/ws"), m -> {});
        WsClient b = WsClient.connect(server.ws("/eyetoy"), m -> {})) {
      Thread.sleep(500);
      String state = server.get("/state").body();
      assertTrue(state.contains("\"online\":true"), state);
      assertTrue(state.contains("\"endpoint\":\"/ws\""), state);
      assertTrue(state.contains("\"endpoint\":\"/eyetoy\""), state);
      assertTrue(state.contains("\"viewers\":2"), state);
      String metrics = server.get("/metrics").body();
      assertTrue(metrics.contains("\neyetoy_viewers 2\n"), metrics);
      assertTrue(metrics.contains("# TYPE eyetoy_viewer_frames_sent_total counter"), metrics);
    }
  }

  private String state() {
    try {
      return server.get("/state").body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met in " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }
}
