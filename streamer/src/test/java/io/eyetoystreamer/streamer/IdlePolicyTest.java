package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --idle}: what capture does while nobody watches, and that the first frame a new viewer
 * gets is fresh. Capture times are the server's CLOCK_MONOTONIC, the same clock as this JVM's
 * {@code System.nanoTime()}: the server runs in this JVM.
 */
@ExtendWith(NoLeaks.class)
class IdlePolicyTest {
  private ServerHarness server;

  /** Capture time and sequence of each frame a viewer received, and when it arrived. */
  record Received(long sequence, long captureNanos, long arrivedNanos) {}

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void slowPublishesAboutOneFrameASecondWhileNobodyWatches() throws Exception {
    start("slow");
    Thread.sleep(1500); // past start-up
    long before = server.streamer.area().latestSequence();
    long began = System.nanoTime();
    Thread.sleep(3000);
    long published = server.streamer.area().latestSequence() - before;
    double seconds = (System.nanoTime() - began) / 1e9;
    assertTrue(published >= 1, "still a frame a second, not none");
    assertTrue(published <= seconds + 1, published + " frames in " + seconds + " s");
    assertTrue(server.get("/state").body().contains("slow, idle now"));
    assertEquals(200, server.get("/healthz").statusCode(), "idle by policy is healthy");
  }

  @Test
  void captureKeepsPublishingEveryFrameWithoutViewers() throws Exception {
    start("capture");
    Thread.sleep(1500);
    long before = server.streamer.area().latestSequence();
    Thread.sleep(1000);
    assertTrue(server.streamer.area().latestSequence() - before >= 10, "the camera's full rate");
  }

  @Test
  void slowGivesAJoiningViewerAFreshFrameThenTheFullRate() throws Exception {
    start("slow");
    Thread.sleep(2500); // idle for a while: the driver's buffers hold old frames
    List<Received> frames = new ArrayList<>();
    long joined = System.nanoTime();
    try (WsClient viewer = WsClient.connect(server.ws("/ws"), m -> add(frames, m))) {
      AreaServingTest.waitFor(() -> size(frames) >= 12, 10);
    }
    Received first = frames.get(0);
    System.out.printf(
        "--idle slow: first frame %d ms after joining, captured %d ms after it%n",
        (first.arrivedNanos() - joined) / 1_000_000, (first.captureNanos() - joined) / 1_000_000);
    assertTrue(first.captureNanos() > joined, "the first frame was captured after the join");
    for (int i = 1; i < frames.size(); i++) {
      assertEquals(
          frames.get(i - 1).sequence() + 1, frames.get(i).sequence(), "every frame: the full rate");
    }
  }

  @Test
  void stopClosesTheCameraAndOpensItAgainForTheNextViewer() throws Exception {
    start("stop");
    AreaServingTest.waitFor(() -> stateSays("stop, idle now"), 15);
    long before = server.streamer.area().latestSequence();
    Thread.sleep(1000);
    assertEquals(before, server.streamer.area().latestSequence(), "no frame while closed");
    assertEquals(200, server.get("/healthz").statusCode(), "idle by policy is healthy");

    List<Received> frames = new ArrayList<>();
    long joined = System.nanoTime();
    try (WsClient viewer = WsClient.connect(server.ws("/ws"), m -> add(frames, m))) {
      AreaServingTest.waitFor(() -> size(frames) >= 3, 10);
    }
    Received first = frames.get(0);
    System.out.printf(
        "--idle stop: first frame %d ms after joining%n",
        (first.arrivedNanos() - joined) / 1_000_000);
    assertTrue(first.captureNanos() > joined, "the first frame was captured after the join");
  }

  @Test
  void aSnapshotFromAClosedCameraIsCapturedAfterTheRequest() throws Exception {
    start("stop");
    AreaServingTest.waitFor(() -> stateSays("stop, idle now"), 15);
    long asked = System.nanoTime();
    HttpResponse<byte[]> r = server.getBytes("/snapshot.yuyv");
    assertEquals(200, r.statusCode(), new String(r.body()));
    assertEquals(640 * 480 * 2, r.body().length);
    assertTrue(
        server.streamer.area().latestSequence() > 0 && !stateSays("stop, idle now"),
        "the camera was opened for it");
    System.out.printf(
        "--idle stop: a snapshot in %d ms%n", (System.nanoTime() - asked) / 1_000_000);
  }

  private void start(String policy) throws Exception {
    server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0", "--idle", policy),
                new SimulatedCamera(),
                ServerHarness.PAGE));
  }

  private boolean stateSays(String text) {
    try {
      return server.get("/state").body().contains(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void add(List<Received> frames, io.netty.buffer.ByteBuf m) {
    long now = System.nanoTime();
    int at = m.readerIndex();
    synchronized (frames) {
      frames.add(new Received(m.getLongLE(at + 8), m.getLongLE(at + 16), now));
    }
  }

  private static int size(List<Received> frames) {
    synchronized (frames) {
      return frames.size();
    }
  }
}
