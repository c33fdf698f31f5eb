package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as Prometheus itself reads it: {@code promtool check metrics} (Debian's {@code
 * prometheus} package) parses the exposition and lints it (HELP and TYPE, counters ending in {@code
 * _total}, base units, snake case). Scraped twice: before any viewer, and with a raw and a JPEG
 * viewer receiving frames, so that every metric has a live sample.
 */
class MetricsPromtoolTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^(eyetoy_[a-z0-9_]+)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

  private Path promtool;
  private Streamer streamer;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WebSocket> viewers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    promtool = TestRequirements.requireTool("promtool", "prometheus");
    TestRequirements.require(
        OpenH264Encoder.available(),
        OpenH264Encoder.unavailableReason().orElse(""),
        "apt-get install -y libopenh264-7");
    streamer =
        Streamer.start(
            StreamerConfig.parse("--port", "0", "--h264-encoder", "openh264"),
            new SimulatedCamera(),
            path -> Optional.empty());
  }

  @AfterEach
  void stop() throws Exception {
    for (WebSocket ws : viewers) {
      ws.abort();
    }
    if (streamer != null) {
      streamer.close();
    }
  }

  @Test
  void promtoolFindsNothingToSayBeforeAndWhileViewersWatch() throws Exception {
    waitFor("the first frames", () -> sample(scrape(), "eyetoy_frames_captured_total") > 2);
    assertPromtoolSilent(scrape(), "no viewer yet");

    AtomicLong raw = connect("/ws");
    AtomicLong jpeg = connect("/ws?format=jpeg");
    AtomicLong h264 = connect("/ws?format=h264");
    waitFor("frames at every viewer", () -> raw.get() >= 5 && jpeg.get() >= 5 && h264.get() >= 5);
    String withViewers = scrape();
    assertEquals(3, sample(withViewers, "eyetoy_viewers"), withViewers);
    assertTrue(sample(withViewers, "eyetoy_viewer_frames_sent_total") > 0, withViewers);
    assertTrue(sample(withViewers, "eyetoy_jpeg_frames_encoded_total") > 0, withViewers);
    assertTrue(sample(withViewers, "eyetoy_jpeg_encode_seconds_mean") > 0, withViewers);
    assertTrue(sample(withViewers, "eyetoy_h264_frames_encoded_total") > 0, withViewers);
    assertTrue(sample(withViewers, "eyetoy_h264_bytes_per_second") > 0, withViewers);
    assertPromtoolSilent(withViewers, "a raw, a JPEG and an H.264 viewer watching");
  }

  /** The check has teeth: a counter without {@code _total} is reported, as promtool does. */
  @Test
  void promtoolReportsACounterWithoutTotal() throws Exception {
    Result r =
        promtool("# HELP eyetoy_frames frames\n# TYPE eyetoy_frames counter\neyetoy_frames 1\n");
    assertTrue(r.output.contains("_total"), "promtool said: " + r.output);
  }

  private void assertPromtoolSilent(String metrics, String when) throws Exception {
    Result r = promtool(metrics);
    assertEquals(
        "",
        r.output,
        "promtool check metrics (" + when + ") said, exit " + r.exit + ", of:\n" + metrics);
    assertEquals(0, r.exit, "promtool check metrics exit status (" + when + ")");
  }

  private record Result(int exit, String output) {}

  /** Pipes the text into {@code promtool check metrics}; its exit status and everything it said. */
  private Result promtool(String metrics) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(metrics.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool gave no answer in 30 s");
    }
    return new Result(p.exitValue(), out);
  }

  private String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("http", "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), "/metrics");
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT),
        "/metrics Content-Type");
    return r.body();
  }

  /** The value of an unlabelled sample; fails naming it when the page lacks it. */
  private static double sample(String metrics, String name) {
    Matcher m = SAMPLE.matcher(metrics);
    while (m.find()) {
      if (m.group(1).equals(name) && m.group(2) == null) {
        return Double.parseDouble(m.group(3));
      }
    }
    throw new AssertionError("/metrics has no sample " + name + ":\n" + metrics);
  }

  /** A WebSocket viewer that counts the frames (binary messages) it receives. */
  private AtomicLong connect(String path) {
    AtomicLong frames = new AtomicLong();
    WebSocket.Listener counter =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
              frames.incrementAndGet();
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
          }
        };
    viewers.add(http.newWebSocketBuilder().buildAsync(uri("ws", path), counter).join());
    return frames;
  }

  private URI uri(String scheme, String path) {
    return URI.create(scheme + "://127.0.0.1:" + streamer.address().getPort() + path);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void waitFor(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within 15 s");
      }
      Thread.sleep(50);
    }
  }
}
