package io.eyetoystreamer.devicetests;

import io.eyetoystreamer.streamer.Main;
import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.eyetoystreamer.streamer.capture.DeviceCamera;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streamer, as {@code java -jar eyetoy-streamer.jar --device DEVICE --port 0} runs it, in this
 * JVM, on the device under test, with an HTTP client for its pages.
 */
final class StreamerUnderTest implements AutoCloseable {
  private static final Pattern ONLINE =
      Pattern.compile("\"camera\"\\s*:\\s*\\{\\s*\"online\"\\s*:\\s*(true|false)");
  private static final Pattern FRAMES_CAPTURED =
      Pattern.compile("\"framesCaptured\"\\s*:\\s*(\\d+)");
  private static final Pattern FRAMES_SKIPPED =
      Pattern.compile("\"totals\"\\s*:\\s*\\{[^}]*\"framesSkipped\"\\s*:\\s*(\\d+)");

  final Streamer streamer;
  private final HttpClient http = HttpClient.newHttpClient();

  private StreamerUnderTest(Streamer streamer) {
    this.streamer = streamer;
  }

  /** Starts serving {@code device} on a free port of 127.0.0.1. */
  static StreamerUnderTest start(String device, String... extra) throws Exception {
    String[] args = new String[4 + extra.length];
    args[0] = "--device";
    args[1] = device;
    args[2] = "--port";
    args[3] = "0";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return new StreamerUnderTest(
        Streamer.start(StreamerConfig.parse(args), new DeviceCamera(device), Main.assets()));
  }

  int port() {
    return streamer.address().getPort();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST path} with a JSON body, as the viewer page sends it. */
  HttpResponse<String> postJson(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** {@code totals.framesCaptured} of {@code /state}: frames the capture loop has published. */
  long framesCaptured() throws Exception {
    return Long.parseLong(stateField(FRAMES_CAPTURED, "totals.framesCaptured"));
  }

  /**
   * {@code totals.framesSkipped} of {@code /state}: frames viewers skipped because they were not
   * ready (counted by the server, never lost silently).
   */
  long framesSkipped() throws Exception {
    return Long.parseLong(stateField(FRAMES_SKIPPED, "totals.framesSkipped"));
  }

  /** {@code camera.online} of {@code /state}. */
  boolean online() throws Exception {
    return Boolean.parseBoolean(stateField(ONLINE, "camera.online"));
  }

  /** The value {@code pattern}'s first group finds in {@code /state}; fails naming the field. */
  private String stateField(Pattern pattern, String field) throws Exception {
    String state = get("/state").body();
    Matcher m = pattern.matcher(state);
    if (!m.find()) {
      throw new AssertionError("no " + field + " in /state: " + state);
    }
    return m.group(1);
  }

  /**
   * Waits up to {@code timeout} for {@code /state} to satisfy a condition; returns the last one.
   */
  String awaitState(Predicate<String> condition, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String state = get("/state").body();
    while (!condition.test(state) && System.nanoTime() < end) {
      Thread.sleep(100);
      state = get("/state").body();
    }
    return state;
  }

  /** Whether a {@code /state} text says the camera is online. */
  static boolean saysOnline(String state) {
    Matcher m = ONLINE.matcher(state);
    return m.find() && m.group(1).equals("true");
  }

  /** Whether a {@code /state} text says the camera is offline. */
  static boolean saysOffline(String state) {
    Matcher m = ONLINE.matcher(state);
    return m.find() && m.group(1).equals("false");
  }

  @Override
  public void close() throws Exception {
    streamer.close();
  }
}
