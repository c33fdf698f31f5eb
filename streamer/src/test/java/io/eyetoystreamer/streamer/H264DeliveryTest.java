package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.streamer.fanout.H264Frame;
import io.eyetoystreamer.streamer.h264.AnnexB;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.testsupport.TestRequirements;
import io.netty.buffer.ByteBuf;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** H.264 delivery with OpenH264 on the simulated Eyetoy: /ws?format=h264 and /stream.h264. */
@ExtendWith(NoLeaks.class)
class H264DeliveryTest {
  private static final Pattern H264_ENCODED =
      Pattern.compile("\"h264\":\\{[^}]*\"framesEncoded\":(\\d+)");
  private static final Pattern H264_FORCED =
      Pattern.compile("\"h264\":\\{[^}]*\"forcedKeyFrames\":(\\d+)");

  @TempDir Path dir;
  private ServerHarness server;

  /** A WebSocket message as received: the 32-byte header's fields and the access unit. */
  record Unit(int kind, int fourcc, long sequence, int width, int height, int flags, byte[] au) {
    boolean keyFlag() {
      return (flags & H264Frame.FLAG_KEY_FRAME) != 0;
    }

    int nalTypes() {
      return AnnexB.nalTypes(ByteBuffer.wrap(au), 0, au.length);
    }
  }

  @BeforeAll
  static void needsOpenH264() {
    TestRequirements.require(
        OpenH264Encoder.available(),
        OpenH264Encoder.unavailableReason().orElse(""),
        "apt-get install -y libopenh264-7");
  }

  @BeforeEach
  void start() throws Exception {
    server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0", "--h264-encoder", "openh264"),
                new SimulatedCamera(),
                ServerHarness.PAGE));
    AreaServingTest.waitFor(() -> server.streamer.area().latestSequence() > 2, 10);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aWebSocketViewerStartsAtAKeyFrameAndGetsUnitsInOrder() throws Exception {
    List<Unit> units = new ArrayList<>();
    try (WsClient c = WsClient.connect(server.ws("/ws?format=h264"), m -> add(units, m))) {
      AreaServingTest.waitFor(() -> size(units) >= 30, 20);
    }
    synchronized (units) {
      Unit first = units.get(0);
      assertTrue(first.keyFlag(), "the first unit is flagged a key frame");
      assertTrue(AnnexB.isKeyFrame(first.nalTypes()), "and carries SPS, PPS and an IDR slice");
      for (int i = 0; i < units.size(); i++) {
        Unit u = units.get(i);
        assertEquals(H264Frame.KIND_H264, u.kind());
        assertEquals(H264Frame.FOURCC_H264, u.fourcc());
        assertEquals(640, u.width());
        assertEquals(480, u.height());
        assertEquals(AnnexB.isKeyFrame(u.nalTypes()), u.keyFlag(), "the flag says what it is");
        if (i > 0) {
          assertTrue(u.sequence() > units.get(i - 1).sequence(), "in capture order");
        }
      }
    }
  }

  @Test
  void aViewerJoiningMidStreamStartsAtAKeyFrameForcedForIt() throws Exception {
    List<Unit> early = new ArrayList<>();
    try (WsClient first = WsClient.connect(server.ws("/ws?format=h264"), m -> add(early, m))) {
      AreaServingTest.waitFor(() -> size(early) >= 20, 20);
      long forcedBefore = stateNumber(H264_FORCED);
      List<Unit> late = new ArrayList<>();
      long joined = System.nanoTime();
      try (WsClient second = WsClient.connect(server.ws("/ws?format=h264"), m -> add(late, m))) {
        AreaServingTest.waitFor(() -> size(late) >= 1, 10);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joined);
        synchronized (late) {
          assertTrue(late.get(0).keyFlag(), "the joiner's first unit is a key frame");
        }
        assertTrue(stateNumber(H264_FORCED) > forcedBefore, "forced for the joiner");
        System.out.println("a joining H.264 viewer got its first unit after " + waited + " ms");
      }
    }
  }

  @Test
  void aViewerAskingForAKeyFrameGetsOne() throws Exception {
    List<Unit> units = new ArrayList<>();
    try (WsClient c = WsClient.connect(server.ws("/ws?format=h264"), m -> add(units, m))) {
      AreaServingTest.waitFor(() -> size(units) >= 15, 20);
      long forcedBefore = stateNumber(H264_FORCED);
      int asked = size(units);
      c.sendText("{\"type\":\"keyframe\"}"); // what the page sends when its decoder fell behind
      AreaServingTest.waitFor(() -> size(units) > asked + 2, 10);
      assertTrue(stateNumber(H264_FORCED) > forcedBefore, "a key frame was forced for it");
      synchronized (units) {
        boolean keyAfter = false;
        for (int i = asked; i < units.size(); i++) {
          keyAfter |= units.get(i).keyFlag();
        }
        assertTrue(keyAfter, "a key frame came after the request");
      }
    }
  }

  @Test
  void theRawStreamDecodesWithFfmpegToTheSimulatedPicture() throws Exception {
    Path ffmpeg = TestRequirements.requireTool("ffmpeg", "ffmpeg");
    byte[] stream = readRawStream(1500);
    assertEquals(
        AnnexB.bit(AnnexB.SPS),
        AnnexB.nalTypes(ByteBuffer.wrap(stream), 0, 8) & AnnexB.bit(AnnexB.SPS),
        "the stream starts with an SPS");
    Path in = Files.write(dir.resolve("stream.h264"), stream);
    Path out = dir.resolve("frame.rgb");
    Process p =
        new ProcessBuilder(
                ffmpeg.toString(),
                "-v",
                "error",
                "-f",
                "h264",
                "-i",
                in.toString(),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    byte[] rgb = Files.readAllBytes(out);
    assertEquals(640 * 480 * 3, rgb.length, log);
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 640 * 480; i++) {
      int r = rgb[3 * i] & 0xff;
      int g = rgb[3 * i + 1] & 0xff;
      int b = rgb[3 * i + 2] & 0xff;
      image.setRGB(i % 640, i / 640, r << 16 | g << 8 | b);
    }
    Pictures.checkBars(image);
    assertTrue(StampDecoder.fromRgb(image::getRGB, 640, 480).whole(), "the stamp is legible");
  }

  @Test
  void nothingIsEncodedWithoutAnH264Viewer() throws Exception {
    List<Unit> ignored = new ArrayList<>();
    try (WsClient raw = WsClient.connect(server.ws("/ws"), m -> add(ignored, m))) {
      AreaServingTest.waitFor(() -> size(ignored) > 10, 10);
      assertEquals(0, stateNumber(H264_ENCODED));
    }
  }

  /** Reads {@code /stream.h264} for {@code millis} after the response head. */
  private byte[] readRawStream(long millis) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.streamer.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "GET /stream.h264 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      String head = "";
      while (!head.endsWith("\r\n\r\n")) {
        head += (char) in.read();
      }
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(head.contains("content-type: video/h264"), head);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      s.setSoTimeout(100);
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (System.nanoTime() < end) {
        try {
          int n = in.read(chunk);
          if (n < 0) {
            break;
          }
          body.write(chunk, 0, n);
        } catch (java.net.SocketTimeoutException e) {
          // nothing in this tenth of a second: read on until the time is up
        }
      }
      return body.toByteArray();
    }
  }

  private long stateNumber(Pattern field) throws Exception {
    String state = server.get("/state").body();
    Matcher m = field.matcher(state);
    assertTrue(m.find(), state);
    return Long.parseLong(m.group(1));
  }

  private static void add(List<Unit> units, ByteBuf m) {
    int at = m.readerIndex();
    byte[] au = new byte[m.readableBytes() - 32];
    m.getBytes(at + 32, au);
    Unit u =
        new Unit(
            m.getByte(at + 3),
            m.getIntLE(at + 4),
            m.getLongLE(at + 8),
            m.getShortLE(at + 24),
            m.getShortLE(at + 26),
            m.getIntLE(at + 28),
            au);
    synchronized (units) {
      units.add(u);
    }
  }

  private static int size(List<Unit> units) {
    synchronized (units) {
      return units.size();
    }
  }
}
