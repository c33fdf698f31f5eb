package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.streamer.fanout.StreamFormat;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.testsupport.TestRequirements;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay over one NATS server: a publisher on the simulated Eyetoy and an edge ({@code serve
 * --source}). What is published, and what an edge's viewers see of the publisher and its camera.
 */
@ExtendWith(NoLeaks.class)
class NatsRelayTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  private NatsCluster nats;
  private String url;
  private SimulatedCamera camera;
  private Streamer publisher;
  private ServerHarness edge;

  @BeforeEach
  void start() throws Exception {
    nats = opened(NatsCluster.start(1));
    url = nats.node(0).url() + "/cam";
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T opened(T thing) {
    open.add(thing);
    return thing;
  }

  private void startPublisher() throws Exception {
    camera = new SimulatedCamera();
    publisher =
        opened(
            Streamer.start(
                StreamerConfig.parse("--port", "0", "--publish", url, "--idle", "capture"),
                camera,
                ServerHarness.PAGE));
  }

  private void startEdge() throws Exception {
    edge =
        opened(
            new ServerHarness(
                Streamer.start(
                    StreamerConfig.parse("serve", "--port", "0", "--source", url),
                    null,
                    ServerHarness.PAGE)));
  }

  private static boolean any(List<String> texts, String part) {
    return texts.stream().anyMatch(t -> t.contains(part));
  }

  @Test
  void onlyWhatAnEdgesViewersTakeIsEncodedAndPublished() throws Exception {
    startPublisher();
    startEdge();
    AreaServingTest.waitFor(() -> publisher.area().latestSequence() > 30, 10);
    assertEquals(0, publisher.publisher().published(StreamFormat.RAW));
    assertEquals(0, publisher.publisher().published(StreamFormat.JPEG));
    assertEquals(0, publisher.publisher().published(StreamFormat.H264));

    List<Long> stamps = new CopyOnWriteArrayList<>();
    AtomicInteger bad = new AtomicInteger();
    try (WsClient viewer =
        WsClient.connect(
            edge.ws("/ws?format=jpeg"),
            m -> {
              byte[] jpeg = new byte[m.readableBytes() - 32];
              m.getBytes(m.readerIndex() + 32, jpeg);
              try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                stamps.add(StampDecoder.fromRgb(image::getRGB, 640, 480).sequence());
              } catch (IOException | RuntimeException e) {
                bad.incrementAndGet();
              }
            })) {
      AreaServingTest.waitFor(() -> stamps.size() >= 10, 20);
    }
    assertEquals(0, bad.get());
    assertTrue(publisher.publisher().published(StreamFormat.JPEG) >= 10);
    assertEquals(0, publisher.publisher().published(StreamFormat.RAW));
    assertEquals(0, publisher.publisher().published(StreamFormat.H264));
    String state = publisherState();
    assertTrue(state.matches("(?s).*\"h264\":\\{[^}]*\"framesEncoded\":0.*"), state);
  }

  @Test
  void edgeStateSaysWhereFramesComeFrom() throws Exception {
    startPublisher();
    startEdge();
    AtomicInteger frames = new AtomicInteger();
    try (WsClient viewer = WsClient.connect(edge.ws("/ws"), m -> frames.incrementAndGet())) {
      AreaServingTest.waitFor(() -> frames.get() >= 5, 20);
      String state = edge.get("/state").body();
      assertTrue(state.contains("\"role\":\"edge\""), state);
      assertTrue(state.contains("\"url\":\"" + url + "\""), state);
      assertTrue(state.contains("\"server\":\"" + nats.node(0).url()), state);
      assertTrue(state.contains("\"subscribed\":[\"raw\"]"), state);
      String metrics = edge.get("/metrics").body();
      assertTrue(metrics.contains("eyetoy_relay_frames_received_total{format=\"raw\"}"), metrics);
      assertTrue(
          metrics.contains("eyetoy_relay_frames_dropped_total{format=\"raw\",reason=\"slow\"}"),
          metrics);
    }
  }

  @Test
  void anH264ViewerJoiningAnEdgeStartsAtTheCachedKeyFrame() throws Exception {
    TestRequirements.require(
        OpenH264Encoder.available(),
        OpenH264Encoder.unavailableReason().orElse(""),
        "apt-get install -y libopenh264-7");
    startPublisher();
    startEdge();
    List<long[]> first = new CopyOnWriteArrayList<>(); // {sequence, key}
    List<long[]> second = new CopyOnWriteArrayList<>();
    try (WsClient a = WsClient.connect(edge.ws("/ws?format=h264"), m -> first.add(unit(m)))) {
      AreaServingTest.waitFor(() -> first.size() >= 20 && first.get(first.size() - 1)[1] == 0, 20);
      long forced = publisherForcedKeyFrames();
      int before = first.size();
      try (WsClient b = WsClient.connect(edge.ws("/ws?format=h264"), m -> second.add(unit(m)))) {
        AreaServingTest.waitFor(() -> second.size() >= 10, 10);
      }
      // Started from the cache: at a key frame the first viewer had got before, no new one forced.
      long[] start = second.get(0);
      assertTrue(start[1] == 1, "the joiner's first unit is not a key frame");
      int at = -1;
      for (int i = 0; i < first.size(); i++) {
        if (first.get(i)[0] == start[0]) {
          at = i;
        }
      }
      assertTrue(
          at >= 0 && first.get(at)[1] == 1, "the joiner did not start at a cached key frame");
      for (int i = 0; i < 10; i++) {
        assertEquals(first.get(at + i)[0], second.get(i)[0], "unit " + i + " of the joiner");
      }
      assertEquals(forced, publisherForcedKeyFrames(), "a key frame was forced for the joiner");
    }
  }

  private static long[] unit(io.netty.buffer.ByteBuf m) {
    return new long[] {m.getLongLE(m.readerIndex() + 8), m.getIntLE(m.readerIndex() + 28) & 1};
  }

  private String publisherState() throws Exception {
    return new ServerHarness(publisher).get("/state").body();
  }

  private long publisherForcedKeyFrames() throws Exception {
    String state = publisherState();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"forcedKeyFrames\":(\\d+)").matcher(state);
    assertTrue(m.find(), state);
    return Long.parseLong(m.group(1));
  }

  @Test
  void aCameraUnpluggedAtThePublisherIsOfflineOnTheEdge() throws Exception {
    startPublisher();
    startEdge();
    AtomicInteger frames = new AtomicInteger();
    try (WsClient viewer = WsClient.connect(edge.ws("/ws"), m -> frames.incrementAndGet())) {
      AreaServingTest.waitFor(() -> frames.get() >= 5, 20);
      AreaServingTest.waitFor(this::edgeHealthy, 10);
      int sofar = viewer.texts.size();
      camera.device().faults().unplug();
      AreaServingTest.waitFor(
          () -> any(viewer.texts.subList(sofar, viewer.texts.size()), "\"camera\":\"offline\""),
          10);
      HttpResponse<String> health = edge.get("/healthz");
      assertEquals(503, health.statusCode());
      assertTrue(health.body().contains("offline"), health.body());
      camera.device().faults().replug();
      int before = viewer.texts.size();
      AreaServingTest.waitFor(
          () -> any(viewer.texts.subList(before, viewer.texts.size()), "\"camera\":\"online\""),
          15);
      AreaServingTest.waitFor(() -> edgeHealthy(), 10);
    }
  }

  private boolean edgeHealthy() {
    try {
      return edge.get("/healthz").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aPublisherThatStopsIsOfflineOnTheEdgeAndOnlineAgainWhenItReturns() throws Exception {
    startPublisher();
    startEdge();
    AtomicInteger frames = new AtomicInteger();
    try (WsClient viewer = WsClient.connect(edge.ws("/ws"), m -> frames.incrementAndGet())) {
      AreaServingTest.waitFor(() -> frames.get() >= 5, 20);
      open.remove(publisher);
      publisher.close();
      AreaServingTest.waitFor(() -> any(viewer.texts, "the publisher stopped"), 10);
      assertEquals(503, edge.get("/healthz").statusCode());
      int before = frames.get();
      startPublisher();
      AreaServingTest.waitFor(() -> frames.get() >= before + 5, 20);
      AreaServingTest.waitFor(this::edgeHealthy, 10);
    }
  }

  @Test
  void anEdgeWhosePublisherFallsSilentSaysPublisherGone() throws Exception {
    startEdge();
    String online =
        "{\"type\":\"status\",\"publisher\":\"p1\",\"online\":true,\"device\":\"simulated\","
            + "\"driver\":\"ov534\",\"card\":\"USB Camera\",\"format\":\"YUYV\",\"width\":640,"
            + "\"height\":480,\"requestedFps\":30,\"driverFps\":30,\"message\":\"streaming\"}";
    try (Connection fake = Nats.connect(nats.node(0).url());
        WsClient viewer = WsClient.connect(edge.ws("/ws"), m -> {})) {
      for (int i = 0; i < 5 && !any(viewer.texts, "\"camera\":\"online\""); i++) {
        fake.publish("eyetoy.cam.status", online.getBytes(StandardCharsets.UTF_8));
        fake.flush(java.time.Duration.ofSeconds(1));
        Thread.sleep(300);
      }
      assertTrue(any(viewer.texts, "\"camera\":\"online\""), viewer.texts.toString());
      // Silence: no status, no goodbye.
      AreaServingTest.waitFor(() -> any(viewer.texts, "publisher gone"), 10);
      HttpResponse<String> health = edge.get("/healthz");
      assertEquals(503, health.statusCode());
      assertTrue(health.body().contains("publisher gone"), health.body());
    }
  }
}
