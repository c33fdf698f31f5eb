package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSettingsTest {
  @TempDir Path dir;

  private static HttpSettings settings(int eventLoops, SslContext ssl) {
    return new HttpSettings(
        "127.0.0.1",
        0,
        eventLoops,
        64,
        List.of(),
        null,
        ssl,
        Duration.ofSeconds(10),
        256,
        Duration.ofSeconds(10));
  }

  @Test
  void plainHttpRunsOneEventLoopByDefault() {
    assertEquals(1, settings(0, null).effectiveEventLoops());
  }

  @Test
  void tlsRunsAnEventLoopPerCoreByDefault() throws Exception {
    TestCertificate cert = TestCertificate.create(dir);
    SslContext ssl =
        SslContextBuilder.forServer(cert.certPem.toFile(), cert.keyPem.toFile()).build();
    assertEquals(
        Runtime.getRuntime().availableProcessors(), settings(0, ssl).effectiveEventLoops());
  }

  @Test
  void askedEventLoopsAreKept() {
    assertEquals(3, settings(3, null).effectiveEventLoops());
  }
}
