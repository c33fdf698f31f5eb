package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 16: no single client, request or connection pattern may take the streamer down, lock
 * viewers out or make it lie about its health. Each test starts the server as its own JVM with the
 * systemd unit's flags (a 48 MB heap, 32 MB of direct memory, exit on OutOfMemoryError), connects a
 * witness viewer on {@code /ws}, plays one hostile client, and checks what that client must not be
 * able to do.
 *
 * <p>"The witness keeps up" is judged against a yardstick from the same window, never against the
 * wall clock: the frames the witness received against the frames the camera delivered ({@code
 * eyetoy_frames_captured_total}), at least 25 of every 30. Memory is sampled from {@code /metrics}
 * all through the attack and must stay below its limits; the process must still be alive and {@code
 * /healthz} answer 200 afterwards.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileClientsTest {
  /** The JVM flags of deploy/eyetoy-streamer.service (a Raspberry Pi). */
  static final List<String> UNIT_FLAGS =
      List.of(
          "-Xms16m",
          "-Xmx48m",
          "-XX:+UseSerialGC",
          "-Xss256k",
          "-XX:MaxDirectMemorySize=32m",
          "-XX:TieredStopAtLevel=1",
          "-XX:+ExitOnOutOfMemoryError");

  /** Connections closed by the request or answer timers (the stall timeout for answers). */
  static final String TIMEOUTS = "eyetoy_rejected_total{reason=\"timeout\"}";

  /** The share of captured frames the witness must receive: the 25 fps of 30. */
  static final double KEEP_UP = 25.0 / 30;

  /** Bytes of one 640x480 YUYV frame. */
  static final int FRAME_BYTES = 640 * 480 * 2;

  /** The second client machine: another loopback address, so the server sees another peer. */
  static final InetAddress OTHER_ADDRESS = address("127.0.0.2");

  private ServerProcess server;
  private WsClient witness;
  private final AtomicLong witnessed = new AtomicLong();
  private String[] credentials = {};
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private String testName = "";

  @BeforeEach
  void name(TestInfo test) {
    testName = test.getTestMethod().map(m -> m.getName()).orElse(test.getDisplayName());
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        // closing what a test left open
      }
    }
    if (witness != null) {
      witness.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1, 2: pings

  @Test
  void pingFloodThatNeverReadsCannotExhaustMemoryOrStarveTheWitness() throws Exception {
    start();
    RawWebSocket flooder = closeLater(RawWebSocket.open(server.port(), "/ws", 4096));
    AtomicLong pings = new AtomicLong();
    try (Attack attack = new Attack()) {
      attack.run(
          "ping-flood",
          () -> {
            // Pings of 0 and of 125 bytes, the two the issue found, written as fast as the
            // socket takes them.
            byte[] empty = RawWebSocket.frame(RawWebSocket.OP_PING, new byte[0]);
            byte[] full = RawWebSocket.frame(RawWebSocket.OP_PING, new byte[125]);
            ByteBuffer batch = ByteBuffer.allocate(64 * (empty.length + full.length));
            for (int i = 0; i < 64; i++) {
              batch.put(empty).put(full);
            }
            OutputStream out = flooder.socket.getOutputStream();
            while (attack.running()) {
              out.write(batch.array());
              pings.addAndGet(128);
            }
          });
      pollUntil("the flood starts", 10, () -> pings.get() > 0);
      Window w = watch(90, () -> true, 30);
      System.out.println(testName + ": " + pings.get() + " pings written");
      assertSurvived(w, "pings sent: " + pings.get());
    }
  }

  @Test
  void clientThatNeverReadsItsPongsDoesNoHarmAndIsDropped() throws Exception {
    start();
    RawWebSocket quiet = closeLater(RawWebSocket.open(server.port(), "/ws", 4096));
    AtomicLong pings = new AtomicLong();
    AtomicReference<IOException> dropped = new AtomicReference<>();
    try (Attack attack = new Attack()) {
      attack.run(
          "pong-never-read",
          () -> {
            byte[] ping = RawWebSocket.frame(RawWebSocket.OP_PING, new byte[125]);
            try {
              while (attack.running()) {
                quiet.socket.getOutputStream().write(ping);
                pings.incrementAndGet();
                Thread.sleep(5); // a steady trickle, not a flood: this case is about time
              }
            } catch (IOException e) {
              dropped.set(e);
            }
          });
      // Ten seconds and more of frames (300 at 30 fps) during which the client reads nothing.
      Window w = watch(300, () -> true, 40);
      assertAll(
          "a client that never reads its pongs, " + pings.get() + " pings sent",
          survived(w),
          () ->
              assertNotNull(
                  dropped.get(),
                  "the server still held, after "
                      + w.seconds()
                      + " s, a viewer that read nothing (--stall-timeout 2): its writes still"
                      + " succeed"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 3: snapshots nobody reads

  @Test
  void unreadSnapshotsOnManyConnectionsCannotExhaustMemoryOrStarveTheWitness() throws Exception {
    start();
    for (int i = 0; i < 150; i++) {
      Socket s = closeLater(unreadingSocket());
      s.getOutputStream().write(request("GET /snapshot.yuyv"));
    }
    Window w = watch(90, () -> true, 30);
    assertAll(
        "150 connections that each asked for /snapshot.yuyv and never read",
        survived(w),
        () -> assertSnapshotServedAgain(10));
  }

  @Test
  void pipelinedUnreadSnapshotsAreNotQueuedAndTheConnectionIsDropped() throws Exception {
    start();
    Socket s = closeLater(unreadingSocket());
    StringBuilder pipeline = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      pipeline.append("GET /snapshot.yuyv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    s.getOutputStream().write(pipeline.toString().getBytes(StandardCharsets.ISO_8859_1));
    Window w = watch(90, () -> true, 30); // 3 s: longer than --stall-timeout 2
    // Now read: a connection dropped at its stall ends after what was already in flight; one
    // still being served would go on to the next of its 200 snapshots.
    // The kernel holds up to 4 MB of what the server wrote (tcp_wmem's maximum) and the client's
    // small receive buffer a little more: past 8 MB the server was still answering.
    long limit = 8L << 20;
    long read = drainUntilClosed(s, limit + 1);
    assertAll(
        "200 pipelined requests for /snapshot.yuyv on one connection that never read",
        survived(w),
        () ->
            assertTrue(
                read <= limit,
                "the server went on answering the pipelined requests of a connection that had"
                    + " stalled for longer than --stall-timeout: "
                    + read
                    + " bytes read afterwards"),
        () -> assertSnapshotServedAgain(10));
  }

  @Test
  void answersNobodyTakesCloseTheConnectionAfterTheStallTimeout() throws Exception {
    start();
    // One request for the 10 KB viewer.js every 20 ms on a connection that reads nothing: each is
    // answered into the kernel's buffers until they are full (about 3 MB on loopback), then an
    // answer waits, reading stops, and --stall-timeout 2 must close the connection. Spaced out so
    // that the requests never pile up into a pipeline (a deeper one is closed for that).
    Socket s = closeLater(unreadingSocket());
    byte[] request = request("GET /viewer.js");
    long timeoutsBefore = scrape(deadlineIn(5)).count(TIMEOUTS);
    AtomicLong sent = new AtomicLong();
    AtomicReference<IOException> dropped = new AtomicReference<>();
    try (Attack attack = new Attack()) {
      attack.run(
          "unread-answers",
          () -> {
            try {
              while (attack.running()) {
                s.getOutputStream().write(request);
                sent.incrementAndGet();
                Thread.sleep(20);
              }
            } catch (IOException e) {
              dropped.set(e);
            }
          });
      Window w = watch(90, () -> dropped.get() != null, 30);
      long timeouts = w.last().count(TIMEOUTS) - timeoutsBefore;
      assertAll(
          "a connection that asks for viewer.js every 20 ms and reads nothing, "
              + sent.get()
              + " requests sent",
          survived(w),
          () ->
              assertTrue(
                  timeouts >= 1,
                  "closed, but not by a timeout: "
                      + TIMEOUTS
                      + " went up by "
                      + timeouts
                      + "; "
                      + w.last()));
    }
  }

  @Test
  void snapshotsBeyondFourInFlightGet503WithRetryAfter() throws Exception {
    start();
    // Twenty PNG snapshots (the slowest to make) asked for at once, each on its own connection,
    // before any answer is read: more than four are in flight together.
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(closeLater(RawHttp.connect(server.port(), null)));
    }
    for (Socket s : clients) {
      s.getOutputStream().write(request("GET /snapshot.png"));
    }
    List<RawHttp.Response> answers = new ArrayList<>();
    for (Socket s : clients) {
      answers.add(RawHttp.read(s, false));
    }
    List<Executable> checks = new ArrayList<>();
    checks.add(
        () ->
            assertTrue(
                indexOf(answers, 503) >= 0,
                "20 snapshots at once, none refused: " + statuses(answers)));
    for (RawHttp.Response r : answers) {
      if (r.status() == 503) {
        checks.add(() -> assertRetryAfter(r));
      } else {
        checks.add(() -> assertEquals(200, r.status(), r.toString()));
      }
    }
    checks.add(this::assertWitnessStreams);
    assertAll("20 concurrent snapshots", checks);
  }

  // ---------------------------------------------------------------------------------------------
  // 4: malformed upgrades

  /** WebSocket upgrades that are wrong in one way each, as the issue listed them. */
  private List<String> malformedUpgrades(String path) {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    String upgrade = "Upgrade: websocket\r\n";
    String connection = "Connection: Upgrade\r\n";
    String v13 = "Sec-WebSocket-Version: 13\r\n";
    String get = "GET " + path + " HTTP/1.1\r\n" + host;
    return List.of(
        get + upgrade + connection + v13 + "\r\n", // no Sec-WebSocket-Key
        get + upgrade + key + v13 + "\r\n", // no Connection: Upgrade
        get + upgrade + connection + key + "\r\n", // no version
        get + upgrade + connection + key + "Sec-WebSocket-Version: 8\r\n\r\n", // version 8
        "HEAD " + path + " HTTP/1.1\r\n" + host + upgrade + connection + key + v13 + "\r\n",
        get + upgrade + "\r\n"); // what `curl -H 'Upgrade: websocket'` sends
  }

  @Test
  void thousandMalformedUpgradesLeaveEveryViewerSlotFree() throws Exception {
    start("--max-viewers", "4"); // the witness and the three viewers below
    List<String> shapes = new ArrayList<>(malformedUpgrades("/ws"));
    shapes.addAll(malformedUpgrades("/eyetoy"));
    AtomicInteger sent = new AtomicInteger();
    List<String> wrong = new CopyOnWriteArrayList<>();
    try (Attack attack = new Attack()) {
      attack.run(
          "malformed-upgrades",
          () -> {
            for (int i = 0; i < 1000 && attack.running(); i++) {
              String req = shapes.get(i % shapes.size());
              try {
                RawHttp.Response r = RawHttp.exactHead(server.port(), req);
                if (r.status() < 400 || r.status() >= 500) {
                  wrong.add(firstLine(req) + " -> " + r.statusLine());
                }
              } catch (IOException e) {
                wrong.add(firstLine(req) + " -> no answer: " + e);
              }
              sent.incrementAndGet();
            }
          });
      Window w = watch(60, () -> sent.get() == 1000, 60);
      assertAll(
          "1000 malformed WebSocket upgrades",
          survived(w),
          () ->
              assertTrue(
                  wrong.isEmpty(),
                  wrong.size() + " were not refused with a 4xx, e.g. " + first(wrong, 5)),
          () -> assertViewersGetIn("after 1000 malformed upgrades, --max-viewers 4"));
    }
  }

  @Test
  void malformedUpgradeGets400NamingWhatIsWrong() throws Exception {
    start();
    List<String> shapes = malformedUpgrades("/ws");
    List<Executable> checks = new ArrayList<>();
    String[][] named = {
      {"Sec-WebSocket-Key"},
      {"Connection"},
      {"Sec-WebSocket-Version", "version"},
      {"Sec-WebSocket-Version", "version"},
      {},
      {"Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "version"}
    };
    for (int i = 0; i < shapes.size(); i++) {
      String req = shapes.get(i);
      String[] words = named[i];
      RawHttp.Response answer;
      try {
        answer = RawHttp.exact(server.port(), req);
      } catch (IOException e) {
        checks.add(() -> fail(firstLine(req) + " (" + describe(req) + ") got no answer: " + e));
        continue;
      }
      RawHttp.Response r = answer;
      String what = firstLine(req) + " (" + describe(req) + ") -> " + r;
      if (req.startsWith("HEAD")) {
        checks.add(() -> assertTrue(r.status() >= 400 && r.status() < 500, what));
        checks.add(() -> assertEquals(0, r.body().length, "a body after HEAD: " + what));
      } else if (req.contains("Version: 8")) {
        // RFC 6455 4.2.2 and 4.4: an unknown version may get 426 with the versions understood.
        checks.add(() -> assertTrue(r.status() == 400 || r.status() == 426, what));
        checks.add(
            () ->
                assertTrue(
                    mentionsAny(r.text(), words),
                    "says nothing of " + Arrays.toString(words) + ": " + what));
      } else {
        checks.add(() -> assertEquals(400, r.status(), what));
        checks.add(
            () ->
                assertTrue(
                    mentionsAny(r.text(), words),
                    "says nothing of " + Arrays.toString(words) + ": " + what));
      }
    }
    checks.add(this::assertWitnessStreams);
    assertAll("each malformed upgrade", checks);
  }

  // ---------------------------------------------------------------------------------------------
  // 5: slowloris, timeouts, the connection cap

  @Test
  void slowlorisOfThousandConnectionsUnderAnFdLimitOf1024LocksNobodyOut() throws Exception {
    server =
        ServerProcess.startWithFdLimit(
            1024, UNIT_FLAGS, "--port", "0", "--stall-timeout", "2", "--request-timeout", "2");
    String limits =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("/proc/" + server.process.pid() + "/limits"));
    assertTrue(
        limits.matches("(?s).*Max open files\\s+1024\\s+1024.*"),
        "the server does not run under an open-file limit of 1024:\n" + limits);
    connectWitness();
    byte[] drip =
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Slow: 0123456789\r\n".repeat(100))
            .getBytes(StandardCharsets.ISO_8859_1);
    int attackers = 1000;
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try (Attack attack = new Attack()) {
      attack.run(
          "slowloris",
          () -> {
            Socket[] sockets = new Socket[attackers];
            int[] sent = new int[attackers];
            while (attack.running()) {
              long roundStart = System.nanoTime();
              for (int i = 0; i < attackers && attack.running(); i++) {
                try {
                  if (sockets[i] == null) {
                    // A real slowloris opens a new connection for each one the server drops.
                    Socket s = new Socket();
                    s.connect(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                        1000);
                    attack.hold(s);
                    sockets[i] = s;
                    sent[i] = 0;
                    opened.incrementAndGet();
                  }
                  sockets[i].getOutputStream().write(drip[sent[i]++ % drip.length]);
                } catch (IOException e) {
                  if (sockets[i] == null) {
                    refused.incrementAndGet();
                  } else {
                    sockets[i].close();
                    sockets[i] = null;
                  }
                }
              }
              // A header byte a second on each connection.
              long left = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - roundStart);
              if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
              }
            }
          });
      pollUntil(
          "1000 slow connections are open", 30, () -> opened.get() + refused.get() >= attackers);
      Window w = watch(90, () -> true, 40);
      assertAll(
          "1000 slowloris connections ("
              + opened.get()
              + " opened, "
              + refused.get()
              + " not) against a server limited to 1024 files",
          survived(w),
          () ->
              assertTrue(
                  w.maxConnections() <= 256,
                  "eyetoy_connections reached "
                      + w.maxConnections()
                      + ", above --max-connections' default of 256"),
          () ->
              pollUntil(
                  "a new /ws viewer gets in during the slowloris and receives frames",
                  5,
                  () -> {
                    AtomicInteger got = new AtomicInteger();
                    try (WsClient c = WsClient.connect(ws("/ws"), m -> got.incrementAndGet())) {
                      pollUntil("the new viewer receives frames", 5, () -> got.get() >= 2);
                      return true;
                    }
                  }),
          () -> assertHealthz(5));
    }
  }

  @Test
  void requestHeadNotCompleteWithinTheRequestTimeoutGets408() throws Exception {
    start("--request-timeout", "2");
    long t0 = System.nanoTime();
    Socket silent = closeLater(RawHttp.connect(server.port(), null));
    Socket dripping = closeLater(RawHttp.connect(server.port(), null));
    Socket idle = closeLater(RawHttp.connect(server.port(), null));
    idle.getOutputStream().write(request("GET /healthz", "Connection: keep-alive"));
    RawHttp.Response first = RawHttp.read(idle, false);
    assertEquals(200, first.status(), "keep-alive /healthz: " + first);
    long idleSince = System.nanoTime();
    byte[] drip = request("GET /healthz", "X-Slow: " + "a".repeat(200));
    try (Attack attack = new Attack()) {
      attack.run(
          "drip",
          () -> {
            for (int i = 0; i < drip.length && attack.running(); i++) {
              dripping.getOutputStream().write(drip[i]);
              Thread.sleep(500); // two header bytes a second
            }
          });
      List<Executable> checks = new ArrayList<>();
      checks.add(() -> assert408(dripping, t0, "a request head sent a byte every 500 ms"));
      // No request begun: closing is what matters. A 408 is allowed, not required (a client
      // that sent nothing has nothing to be answered; RFC 9112 9.5 on closing idle connections).
      checks.add(() -> assertTimedOut(silent, t0, "a connection that sends nothing"));
      checks.add(
          () -> assertTimedOut(idle, idleSince, "a keep-alive connection idle after a response"));
      checks.add(this::assertWitnessStreams);
      assertAll("--request-timeout 2", checks);
    }
  }

  @Test
  void atTheConnectionCapTheOldestIdleConnectionMakesRoom() throws Exception {
    start("--max-connections", "5", "--max-viewers", "3");
    // The witness and four idle connections, accepted in the order they connect: at the cap.
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      idle.add(closeLater(RawHttp.connect(server.port(), null)));
    }
    RawHttp.Response r = RawHttp.get(server.port(), "/healthz"); // the sixth
    assertAll(
        "a sixth connection with --max-connections 5, four of them idle",
        () -> assertEquals(200, r.status(), "the new request was not served: " + r),
        () -> assertClosedByServer(idle.get(0), "the oldest idle connection"),
        () -> assertStillOpen(idle.get(1), "the second oldest idle connection"),
        this::assertWitnessStreams);
  }

  @Test
  void atTheConnectionCapWithNothingIdleTheNewConnectionGets503() throws Exception {
    start("--max-connections", "3", "--max-viewers", "3");
    WsClient a = closeLater(WsClient.connect(ws("/ws"), m -> {}));
    closeLater(WsClient.connect(ws("/eyetoy"), m -> {}));
    RawHttp.Response refused = RawHttp.get(server.port(), "/healthz");
    assertAll(
        "a fourth connection with --max-connections 3, all three watching",
        () -> assertEquals(503, refused.status(), refused.toString()),
        () ->
            assertTrue(
                refused.text().contains("too many connections"),
                "the refusal does not say why: " + refused),
        () -> {
          a.close();
          pollUntil(
              "a connection is served once a viewer left",
              5,
              () -> RawHttp.get(server.port(), "/healthz").status() == 200);
        },
        this::assertWitnessStreams);
  }

  // ---------------------------------------------------------------------------------------------
  // 6: close without a code

  @Test
  void closeFrameWithoutStatusIsNotAnsweredWithCode65535() throws Exception {
    start();
    try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws", 0)) {
      ws.send(RawWebSocket.OP_CLOSE, new byte[0]); // what browsers send on ws.close()
      RawWebSocket.Frame close = ws.readUntilClose();
      int code =
          close.length() >= 2 ? ((close.start()[0] & 0xff) << 8) | (close.start()[1] & 0xff) : -1;
      assertAll(
          "the server's answer to a close frame without a status code",
          () -> assertTrue(code != 65535, "the server answered with close code 65535"),
          () ->
              assertTrue(
                  close.length() == 0 || code == 1000,
                  "expected an empty close frame or code 1000, got code "
                      + code
                      + " ("
                      + close.length()
                      + " payload bytes)"),
          this::assertWitnessStreams);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 7: HEAD

  @Test
  void headOnEveryRouteSendsHeadersOnlyAndHoldsNoViewerSlot() throws Exception {
    start("--max-viewers", "2"); // the witness and one more
    List<String> routes =
        List.of(
            "/",
            "/ws",
            "/eyetoy",
            "/stream.mjpg",
            "/stream",
            "/?action=stream",
            "/snapshot.jpg",
            "/snapshot.png",
            "/snapshot.yuyv",
            "/state",
            "/metrics",
            "/healthz");
    List<Executable> checks = new ArrayList<>();
    for (String route : routes) {
      RawHttp.Response r;
      try {
        r = RawHttp.exchange(server.port(), null, "HEAD " + route + " HTTP/1.1");
      } catch (IOException e) {
        checks.add(() -> fail("HEAD " + route + ": no response head: " + e));
        continue;
      }
      checks.add(
          () ->
              assertEquals(
                  0, r.body().length, "HEAD " + route + " sent a body after its head: " + r));
    }
    checks.add(
        () ->
            pollUntil(
                "/state counts the witness alone after the HEADs", 5, () -> stateViewers() == 1));
    checks.add(() -> assertViewerGetsIn("/ws"));
    checks.add(() -> assertMjpegViewerGetsIn());
    checks.add(this::assertWitnessStreams);
    assertAll("HEAD on every route", checks);
  }

  // ---------------------------------------------------------------------------------------------
  // 8: counters

  @Test
  void viewerCountersNeverGoDownWhileViewersComeAndGo() throws Exception {
    start();
    String[] counters = {
      "eyetoy_viewer_frames_sent_total",
      "eyetoy_viewer_bytes_sent_total",
      "eyetoy_viewer_frames_skipped_total"
    };
    List<long[]> samples = new CopyOnWriteArrayList<>();
    try (Attack sampler = new Attack()) {
      sampler.run(
          "metrics-sampler",
          () -> {
            while (sampler.running()) {
              Metrics m = Metrics.scrape(server.port(), credentials);
              long[] v = new long[counters.length];
              for (int i = 0; i < counters.length; i++) {
                v[i] = m.count(counters[i]);
              }
              samples.add(v);
              Thread.sleep(50);
            }
          });
      pollUntil("the first sample", 10, () -> !samples.isEmpty());
      for (int i = 0; i < 20; i++) {
        AtomicInteger got = new AtomicInteger();
        try (WsClient c =
            WsClient.connect(ws(i % 2 == 0 ? "/ws" : "/eyetoy"), m -> got.incrementAndGet())) {
          pollUntil("viewer " + i + " receives frames", 10, () -> got.get() >= 3);
          if (i % 4 == 0) {
            // Stop reading so that it skips frames: skipped frames are counted too.
            c.stall();
            long before = samples.get(samples.size() - 1)[2];
            pollUntil(
                "stalled viewer " + i + " skips frames",
                10,
                () -> samples.get(samples.size() - 1)[2] > before);
          }
        }
      }
      int n = samples.size();
      pollUntil("the sampler sees the last viewer gone", 5, () -> samples.size() > n + 2);
      sampler.check();
    }
    List<Executable> checks = new ArrayList<>();
    for (int k = 0; k < counters.length; k++) {
      int c = k;
      checks.add(
          () -> {
            for (int i = 1; i < samples.size(); i++) {
              long before = samples.get(i - 1)[c];
              long after = samples.get(i)[c];
              assertTrue(
                  after >= before,
                  counters[c]
                      + " went down from "
                      + before
                      + " to "
                      + after
                      + " (sample "
                      + i
                      + " of "
                      + samples.size()
                      + ")");
            }
          });
    }
    checks.add(this::assertWitnessStreams);
    assertAll("the viewer counters of /metrics over " + samples.size() + " samples", checks);
  }

  // ---------------------------------------------------------------------------------------------
  // 9: a path that does not decode

  @Test
  void invalidEscapeInThePathOrQueryGets400() throws Exception {
    start();
    List<Executable> checks = new ArrayList<>();
    for (String target : List.of("/%zz", "/%", "/snapshot.jpg%zz", "/?action=%zz")) {
      RawHttp.Response r;
      try {
        r = RawHttp.get(server.port(), target);
      } catch (IOException e) {
        checks.add(() -> fail("GET " + target + " got no answer: " + e));
        continue;
      }
      checks.add(() -> assertEquals(400, r.status(), "GET " + target + ": " + r));
    }
    checks.add(this::assertWitnessStreams);
    assertAll("URLs with a bad % escape", checks);
  }

  // ---------------------------------------------------------------------------------------------
  // 10: passwords

  @Test
  void wrongPasswordBurstIsThrottledWith429UntilRetryAfter() throws Exception {
    startWithAuth();
    List<RawHttp.Response> answers = new CopyOnWriteArrayList<>();
    try (Attack attack = new Attack()) {
      attack.run("wrong-passwords", () -> answers.addAll(wrongPasswords(200)));
      Window w = watch(90, () -> answers.size() == 200, 60);
      int first429 = indexOf(answers, 429);
      RawHttp.Response throttled = first429 < 0 ? null : answers.get(first429);
      assertAll(
          "200 wrong passwords from " + OTHER_ADDRESS.getHostAddress(),
          survived(w),
          () -> assertEquals(401, answers.get(0).status(), "the first: " + answers.get(0)),
          () ->
              assertTrue(
                  first429 > 0 && first429 <= 10,
                  "no 429 within the first 10 failures; statuses: " + statuses(answers)),
          () -> assertRetryAfter(throttled),
          () -> {
            // The pause the server asked for, then the right password from the same address.
            TimeUnit.SECONDS.sleep(retryAfter(answers.get(lastIndexOf(answers, 429))));
            RawHttp.Response ok =
                RawHttp.exchange(server.port(), OTHER_ADDRESS, "GET /state HTTP/1.1", credentials);
            assertEquals(200, ok.status(), "the right password after Retry-After: " + ok);
          });
    }
  }

  @Test
  void throttledAddressDoesNotLockOutAnotherAddress() throws Exception {
    startWithAuth();
    List<RawHttp.Response> answers = wrongPasswords(30);
    assertTrue(indexOf(answers, 429) >= 0, "no 429 in 30 wrong passwords: " + statuses(answers));
    RawHttp.Response ok = RawHttp.get(server.port(), "/state", credentials);
    assertAll(
        "the right password from 127.0.0.1 while 127.0.0.2 is throttled",
        () -> assertEquals(200, ok.status(), ok.toString()),
        () -> assertViewerGetsIn("/ws"),
        this::assertWitnessStreams);
  }

  @Test
  void wrongPasswordBurstIsLoggedOnce() throws Exception {
    startWithAuth();
    List<RawHttp.Response> answers = wrongPasswords(200);
    assertTrue(indexOf(answers, 429) >= 0, "not throttled: " + statuses(answers));
    String address = OTHER_ADDRESS.getHostAddress();
    pollUntil(
        "the server logs the failed passwords from " + address,
        5,
        () -> linesMentioning(server.output(), address).size() >= 1);
    // The output is read by another thread: a further line of the same burst would be there
    // once a later request has been answered and logged.
    assertEquals(200, RawHttp.get(server.port(), "/healthz", credentials).status());
    List<String> lines = linesMentioning(server.output(), address);
    assertAll(
        "the log of a burst of 200 wrong passwords",
        () ->
            assertTrue(
                lines.size() <= 3,
                lines.size() + " log lines for one burst:\n" + String.join("\n", lines)),
        this::assertWitnessStreams);
  }

  // =============================================================================================
  // The server, the witness and what they must show

  private void start(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--port", "0", "--stall-timeout", "2"));
    all.addAll(Arrays.asList(args));
    server = ServerProcess.start(UNIT_FLAGS, all.toArray(String[]::new));
    connectWitness();
  }

  private void startWithAuth() throws Exception {
    credentials =
        new String[] {
          "Authorization: Basic "
              + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8))
        };
    start("--auth", "u:p");
  }

  private void connectWitness() throws Exception {
    DefaultHttpHeaders h = new DefaultHttpHeaders();
    for (String c : credentials) {
      h.set(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1).trim());
    }
    witness = WsClient.connect(ws("/ws"), h, m -> witnessed.incrementAndGet());
    pollUntil("the witness receives frames", 10, () -> witnessed.get() >= 3);
  }

  private URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + server.port() + path);
  }

  /** What one window of an attack showed: the yardstick, the witness, memory. */
  private final class Window {
    final List<Metrics> samples;
    final long witnessFrames;
    final long nanos;

    Window(List<Metrics> samples, long witnessFrames) {
      this.samples = samples;
      this.witnessFrames = witnessFrames;
      this.nanos = samples.get(samples.size() - 1).nanos - samples.get(0).nanos;
      System.out.printf(
          Locale.ROOT,
          "%s: window of %d ms, witness %d of %d frames captured%n",
          testName,
          nanos / 1_000_000,
          witnessFrames,
          captured());
    }

    Metrics last() {
      return samples.get(samples.size() - 1);
    }

    long captured() {
      return samples.get(samples.size() - 1).count(Metrics.CAPTURED)
          - samples.get(0).count(Metrics.CAPTURED);
    }

    long seconds() {
      return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }

    void assertWitnessKeptUp() {
      long captured = captured();
      assertTrue(
          witnessFrames >= KEEP_UP * captured,
          "the witness received "
              + witnessFrames
              + " frames while "
              + captured
              + " were captured in the same "
              + nanos / 1_000_000
              + " ms (at least 25 of 30 needed); witness connection "
              + (witness.isOpen() ? "open" : "closed"));
    }

    void assertMemoryBounded() {
      double heapPeak = 0;
      double directPeak = 0;
      for (Metrics m : samples) {
        double heap = m.value(Metrics.HEAP_USED);
        double heapMax = m.value(Metrics.HEAP_MAX);
        double direct = m.value(Metrics.DIRECT_USED);
        double directMax = m.value(Metrics.DIRECT_MAX);
        assertTrue(heapMax > 0 && directMax > 0, "memory limits not reported: " + m);
        assertTrue(heap < heapMax, "heap used " + heap + " reached its max " + heapMax);
        assertTrue(
            direct < directMax, "direct memory used " + direct + " reached its max " + directMax);
        heapPeak = Math.max(heapPeak, heap);
        directPeak = Math.max(directPeak, direct);
      }
      System.out.printf(
          Locale.ROOT,
          "%s: %d samples, heap peak %.1f MB, direct peak %.1f MB, connections peak %d%n",
          testName,
          samples.size(),
          heapPeak / 1e6,
          directPeak / 1e6,
          samples.get(0).has(Metrics.CONNECTIONS) ? maxConnections() : -1);
    }

    long maxConnections() {
      long max = 0;
      for (Metrics m : samples) {
        max = Math.max(max, m.count(Metrics.CONNECTIONS));
      }
      return max;
    }
  }

  /**
   * Watches the server through an attack under way: scrapes {@code /metrics} every 100 ms until at
   * least {@code frames} more frames were captured and {@code done} holds, and counts what the
   * witness received meanwhile.
   */
  private Window watch(int frames, BooleanSupplier done, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Metrics> samples = new ArrayList<>();
    Metrics first = scrape(deadline);
    long w0 = witnessed.get();
    samples.add(first);
    for (; ; ) {
      Thread.sleep(100);
      Metrics m = scrape(deadline);
      samples.add(m);
      long captured = m.count(Metrics.CAPTURED) - first.count(Metrics.CAPTURED);
      if (captured >= frames && done.getAsBoolean()) {
        return new Window(samples, witnessed.get() - w0);
      }
      if (System.nanoTime() > deadline) {
        fail(
            "after "
                + seconds
                + " s of the attack: "
                + captured
                + " frames captured (wanted "
                + frames
                + "), the attack "
                + (done.getAsBoolean() ? "done" : "not done"));
      }
    }
  }

  private static long deadlineIn(int seconds) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
  }

  /** A scrape of /metrics, retried for up to 5 s; fails saying so when the server died. */
  private Metrics scrape(long deadline) throws Exception {
    long giveUp = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    IOException last = null;
    do {
      assertAlive();
      try {
        return Metrics.scrape(server.port(), credentials);
      } catch (IOException e) {
        last = e;
        Thread.sleep(50);
      }
    } while (System.nanoTime() < giveUp);
    assertAlive();
    throw new AssertionError("/metrics did not answer for 5 s during the attack: " + last, last);
  }

  private void assertAlive() {
    if (!server.process.isAlive()) {
      fail(
          "the server exited with "
              + server.process.exitValue()
              + "; its output ended:\n"
              + tail(server.output(), 30));
    }
  }

  /** Everything every attack must leave intact. */
  private Executable survived(Window w) {
    return () ->
        assertAll(
            "the server under attack",
            this::assertAlive,
            w::assertWitnessKeptUp,
            w::assertMemoryBounded,
            () -> assertHealthz(5));
  }

  private void assertSurvived(Window w, String what) {
    assertAll(what, survived(w));
  }

  private void assertHealthz(int seconds) throws Exception {
    pollUntil(
        "/healthz answers 200",
        seconds,
        () -> RawHttp.get(server.port(), "/healthz", credentials).status() == 200);
  }

  /** The witness is still connected and receiving. */
  private void assertWitnessStreams() throws Exception {
    long before = witnessed.get();
    assertTrue(witness.isOpen(), "the witness was dropped");
    pollUntil("the witness keeps receiving frames", 10, () -> witnessed.get() > before + 3);
  }

  private void assertSnapshotServedAgain(int seconds) throws Exception {
    AtomicReference<RawHttp.Response> last = new AtomicReference<>();
    pollUntil(
        "a reading client gets a whole /snapshot.yuyv",
        seconds,
        () -> {
          RawHttp.Response r = RawHttp.get(server.port(), "/snapshot.yuyv", credentials);
          last.set(r);
          return r.status() == 200 && r.body().length == FRAME_BYTES;
        });
  }

  private void assertViewersGetIn(String when) throws Exception {
    try (WsClient a = WsClient.connect(ws("/ws"), m -> {});
        WsClient b = WsClient.connect(ws("/eyetoy"), m -> {});
        Socket mjpeg = RawHttp.connect(server.port(), null)) {
      mjpeg.getOutputStream().write(request("GET /stream.mjpg"));
      RawHttp.Response head = RawHttp.readHead(mjpeg);
      assertEquals(200, head.status(), when + ": /stream.mjpg " + head);
      assertTrue(a.isOpen() && b.isOpen(), when + ": a viewer was closed");
    }
  }

  private void assertViewerGetsIn(String path) throws Exception {
    DefaultHttpHeaders h = new DefaultHttpHeaders();
    for (String c : credentials) {
      h.set(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1).trim());
    }
    AtomicInteger got = new AtomicInteger();
    try (WsClient c = WsClient.connect(ws(path), h, m -> got.incrementAndGet())) {
      pollUntil("a new viewer on " + path + " receives frames", 10, () -> got.get() >= 2);
    }
  }

  private void assertMjpegViewerGetsIn() throws Exception {
    try (Socket s = RawHttp.connect(server.port(), null)) {
      s.getOutputStream().write(request("GET /stream.mjpg"));
      RawHttp.Response head = RawHttp.readHead(s);
      assertEquals(200, head.status(), "/stream.mjpg: " + head);
      byte[] part = s.getInputStream().readNBytes(1000);
      assertEquals(1000, part.length, "/stream.mjpg sent no frame");
    }
  }

  private int stateViewers() throws IOException {
    String state = RawHttp.get(server.port(), "/state", credentials).text();
    Matcher m = Pattern.compile("\"viewers\":(\\d+)").matcher(state);
    if (!m.find()) {
      throw new AssertionError("/state has no viewer count: " + state);
    }
    return Integer.parseInt(m.group(1));
  }

  private static void assertRetryAfter(RawHttp.Response r) {
    assertNotNull(r, "no response to look at");
    String retry = r.header("Retry-After");
    assertNotNull(retry, "no Retry-After: " + r);
    assertTrue(retry.matches("\\d+"), "Retry-After is not whole seconds: " + retry);
  }

  private static long retryAfter(RawHttp.Response r) {
    String retry = r.header("Retry-After");
    return retry != null && retry.matches("\\d+") ? Long.parseLong(retry) : 0;
  }

  private static void assert408(Socket s, long since, String what) throws IOException {
    s.setSoTimeout(6000);
    RawHttp.Response r;
    try {
      r = RawHttp.read(s, false);
    } catch (SocketTimeoutException e) {
      throw new AssertionError(what + ": no answer within 6 s (--request-timeout 2)", e);
    } catch (IOException e) {
      throw new AssertionError(what + ": closed without a 408: " + e, e);
    }
    long millis = (System.nanoTime() - since) / 1_000_000;
    assertEquals(408, r.status(), what + ": " + r);
    assertTrue(millis >= 1500, what + ": answered 408 after " + millis + " ms, before the timeout");
    assertTrue(s.getInputStream().read() < 0, what + ": the connection stayed open after the 408");
  }

  /** Closed by the server after the request timeout, with or without a 408 first. */
  private static void assertTimedOut(Socket s, long since, String what) throws IOException {
    s.setSoTimeout(6000);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    StringBuilder got = new StringBuilder();
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(what + ": still open 6 s later (--request-timeout 2)", e);
    } catch (java.net.SocketException e) {
      // reset: closed
    }
    long millis = (System.nanoTime() - since) / 1_000_000;
    assertTrue(millis >= 1500, what + ": closed after " + millis + " ms, before the timeout");
    assertTrue(
        got.length() == 0 || got.toString().startsWith("HTTP/1.1 408"),
        what + ": answered other than 408: " + got);
  }

  private static void assertClosedByServer(Socket s, String what) throws IOException {
    s.setSoTimeout(3000);
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // an answer (408, 503) before the close is fine
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(what + " is still open", e);
    } catch (java.net.SocketException e) {
      // reset: closed
    }
  }

  private static void assertStillOpen(Socket s, String what) throws IOException {
    s.setSoTimeout(300);
    try {
      int b = s.getInputStream().read();
      fail(what + " was " + (b < 0 ? "closed" : "answered unasked"));
    } catch (SocketTimeoutException e) {
      // silence: open
    }
  }

  /** Wrong passwords from {@link #OTHER_ADDRESS}, one connection each, as fast as answered. */
  private List<RawHttp.Response> wrongPasswords(int tries) throws IOException {
    String wrong =
        "Authorization: Basic "
            + Base64.getEncoder().encodeToString("u:wrong".getBytes(StandardCharsets.UTF_8));
    List<RawHttp.Response> answers = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      answers.add(RawHttp.exchange(server.port(), OTHER_ADDRESS, "GET /state HTTP/1.1", wrong));
    }
    return answers;
  }

  private static int indexOf(List<RawHttp.Response> answers, int status) {
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).status() == status) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<RawHttp.Response> answers, int status) {
    for (int i = answers.size() - 1; i >= 0; i--) {
      if (answers.get(i).status() == status) {
        return i;
      }
    }
    throw new AssertionError("no " + status + " among " + statuses(answers));
  }

  private static String statuses(List<RawHttp.Response> answers) {
    StringBuilder b = new StringBuilder();
    for (RawHttp.Response r : answers) {
      b.append(r.status()).append(' ');
    }
    return b.toString();
  }

  // =============================================================================================
  // Small tools

  /** A socket whose receive window is small, so that a response it never reads stays unsent. */
  private Socket unreadingSocket() throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5000);
    return s;
  }

  private byte[] request(String requestLine, String... headers) {
    StringBuilder b = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String c : credentials) {
      b.append(c).append("\r\n");
    }
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads until the server closes, at most {@code limit} bytes; returns how many were read. */
  private static long drainUntilClosed(Socket s, long limit) throws IOException {
    s.setSoTimeout(5000);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[64 * 1024];
    long read = 0;
    try {
      for (int n; read < limit && (n = in.read(buf)) >= 0; ) {
        read += n;
      }
    } catch (java.net.SocketException | SocketTimeoutException e) {
      // reset by the server, or silence: either way nothing more comes
    }
    return read;
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    toClose.add(c);
    return c;
  }

  /** A condition that may do I/O; an exception counts as "not yet". */
  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every 20 ms until it holds; fails naming {@code what} after the time. */
  static void pollUntil(String what, int seconds, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Exception last = null;
    for (; ; ) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within "
                + seconds
                + " s: "
                + what
                + (last != null ? " (last error: " + last + ")" : ""),
            last);
      }
      Thread.sleep(20);
    }
  }

  /** Hostile clients on threads of their own; closing stops them and closes what they opened. */
  private static final class Attack implements AutoCloseable {
    interface Body {
      void run() throws Exception;
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Closeable> held = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void run(String name, Body body) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Exception | AssertionError e) {
                  if (!stop.get()) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              name);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }

    boolean running() {
      return !stop.get();
    }

    void hold(Closeable c) {
      held.add(c);
    }

    /** Fails if a client thread failed in a way it did not expect. */
    void check() {
      if (failure.get() != null) {
        throw new AssertionError("a client thread failed: " + failure.get(), failure.get());
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Closeable c : held) {
        try {
          c.close();
        } catch (IOException e) {
          // already closed
        }
      }
      for (Thread t : threads) {
        t.join(5000);
      }
    }
  }

  private static String firstLine(String request) {
    return request.substring(0, request.indexOf('\r'));
  }

  private static String describe(String request) {
    return request.substring(request.indexOf('\n') + 1).replace("\r\n", "; ").trim();
  }

  private static boolean mentionsAny(String text, String... words) {
    String t = text.toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (t.contains(w.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> linesMentioning(String output, String word) {
    List<String> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.contains(word)) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static <T> List<T> first(List<T> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join(
        "\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
