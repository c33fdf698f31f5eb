package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Compressed delivery: JPEG snapshots, MJPEG over HTTP, JPEG over WebSocket, the common URLs. */
@ExtendWith(NoLeaks.class)
class JpegDeliveryTest {
  private ServerHarness server;

  @BeforeEach
  void start() throws Exception {
    server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0"), new SimulatedCamera(), ServerHarness.PAGE));
    AreaServingTest.waitFor(() -> server.streamer.area().latestSequence() > 2, 10);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void snapshotJpgDecodesToTheBarsWithALegibleStamp() throws Exception {
    HttpResponse<byte[]> r = server.getBytes("/snapshot.jpg");
    assertEquals(200, r.statusCode());
    assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
    Pictures.checkBars(image);
    assertTrue(StampDecoder.fromRgb(image::getRGB, 640, 480).whole());
  }

  @Test
  void mjpegStreamGivesIncreasingWholeFrames() throws Exception {
    List<Long> stamps = readParts("/stream.mjpg", false, 10);
    assertIncreasing(stamps);
  }

  @Test
  void mjpegWithAdvanceHeadersGivesIncreasingWholeFrames() throws Exception {
    List<Long> stamps = readParts("/stream.mjpg?advance_headers=1", true, 10);
    assertIncreasing(stamps);
  }

  @Test
  void mjpgStreamerAndUstreamerUrlsAnswer() throws Exception {
    assertEquals(1, readParts("/?action=stream", false, 1).size());
    assertEquals(1, readParts("/stream", false, 1).size());
    for (String path : List.of("/?action=snapshot", "/snapshot")) {
      HttpResponse<byte[]> r = server.getBytes(path);
      assertEquals(200, r.statusCode(), path);
      assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""), path);
    }
  }

  @Test
  void webSocketJpegMessagesCarryTheHeaderAndAJpeg() throws Exception {
    List<Long> stamps = new ArrayList<>();
    AtomicInteger bad = new AtomicInteger();
    try (WsClient c =
        WsClient.connect(
            server.ws("/ws?format=jpeg"),
            m -> {
              try {
                if (m.getByte(m.readerIndex() + 3) != 1
                    || m.getShortLE(m.readerIndex() + 24) != 640) {
                  bad.incrementAndGet();
                  return;
                }
                byte[] jpeg = new byte[m.readableBytes() - 32];
                m.getBytes(m.readerIndex() + 32, jpeg);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                synchronized (stamps) {
                  stamps.add(StampDecoder.fromRgb(image::getRGB, 640, 480).sequence());
                }
              } catch (IOException e) {
                bad.incrementAndGet();
              }
            })) {
      AreaServingTest.waitFor(() -> stamps.size() >= 10, 20);
    }
    assertEquals(0, bad.get());
    synchronized (stamps) {
      assertIncreasing(stamps);
    }
  }

  @Test
  void noFrameIsEncodedWithoutAJpegViewer() throws Exception {
    AtomicInteger frames = new AtomicInteger();
    try (WsClient raw = WsClient.connect(server.ws("/ws"), m -> frames.incrementAndGet())) {
      AreaServingTest.waitFor(() -> frames.get() > 10, 10);
      String state = server.get("/state").body();
      assertTrue(state.contains("\"framesEncoded\":0"), state);
    }
  }

  private static void assertIncreasing(List<Long> stamps) {
    for (int i = 1; i < stamps.size(); i++) {
      assertTrue(stamps.get(i) > stamps.get(i - 1), "stamps not increasing: " + stamps);
    }
  }

  /**
   * Reads {@code count} parts of an MJPEG stream over a raw socket, by Content-Length or (advance
   * headers) by boundary, and returns each JPEG's stamp.
   */
  private List<Long> readParts(String path, boolean advance, int count) throws Exception {
    List<Long> stamps = new ArrayList<>();
    try (Socket s = new Socket("127.0.0.1", server.streamer.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      String status = line(in);
      assertTrue(status.startsWith("HTTP/1.1 200"), status);
      String boundary = null;
      for (String h; !(h = line(in)).isEmpty(); ) {
        if (h.toLowerCase().startsWith("content-type: multipart/x-mixed-replace;boundary=")) {
          boundary = h.substring(h.indexOf('=') + 1);
        }
      }
      assertTrue(boundary != null, "no multipart boundary");
      assertEquals("--" + boundary, line(in));
      while (stamps.size() < count) {
        int length = -1;
        for (String h; !(h = line(in)).isEmpty(); ) {
          if (h.startsWith("Content-Length: ")) {
            length = Integer.parseInt(h.substring(16));
          }
        }
        byte[] jpeg;
        if (advance) {
          assertEquals(-1, length, "advance-header parts carry no Content-Length");
          jpeg =
              untilBoundary(in, ("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
          assertTrue(length > 0, "part without Content-Length");
          jpeg = in.readNBytes(length);
          assertEquals("", line(in));
          assertEquals("--" + boundary, line(in));
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        StampDecoder.Stamps st = StampDecoder.fromRgb(image::getRGB, 640, 480);
        assertTrue(st.whole(), "torn or illegible JPEG: " + st);
        stamps.add(st.sequence());
      }
    }
    return stamps;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("stream ended");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  private static byte[] untilBoundary(InputStream in, byte[] boundary) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < boundary.length) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("stream ended");
      }
      b.write(c);
      matched = c == boundary[matched] ? matched + 1 : (c == boundary[0] ? 1 : 0);
    }
    byte[] all = b.toByteArray();
    return java.util.Arrays.copyOf(all, all.length - boundary.length);
  }
}
