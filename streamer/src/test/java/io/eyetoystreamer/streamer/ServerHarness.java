package io.eyetoystreamer.streamer;

import io.eyetoystreamer.streamer.http.Assets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Starts a {@link Streamer} on an ephemeral port for a test and talks HTTP to it. */
final class ServerHarness implements AutoCloseable {
  static final Assets PAGE =
      path ->
          "/".equals(path)
              ? Optional.of(
                  new Assets.Asset(
                      java.nio.ByteBuffer.wrap(
                          "<!doctype html><title>viewer</title>".getBytes(StandardCharsets.UTF_8)),
                      "text/html; charset=UTF-8"))
              : Optional.empty();

  final Streamer streamer;
  final HttpClient http = HttpClient.newHttpClient();

  ServerHarness(Streamer streamer) {
    this.streamer = streamer;
  }

  /** Serves an area file another process (here, a test thread) writes. */
  static ServerHarness serveArea(java.nio.file.Path area, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--area", area.toString(), "--port", "0"));
    args.addAll(Arrays.asList(extra));
    return new ServerHarness(
        Streamer.start(StreamerConfig.parse(args.toArray(String[]::new)), null, PAGE));
  }

  URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + streamer.address().getPort() + path);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + streamer.address().getPort() + path);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(http(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(http(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() throws Exception {
    streamer.close();
  }
}
