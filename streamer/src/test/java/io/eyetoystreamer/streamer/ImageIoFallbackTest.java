package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Without libturbojpeg (played by a property) JPEG delivery falls back to ImageIO and says so. */
class ImageIoFallbackTest {
  @Test
  void withoutTurboJpegImageIoEncodesAndTheLogSaysSo() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(List.of("-Deyetoy.jpeg.turbojpeg=false"), "--port", "0")) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<byte[]> snapshot =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url + "snapshot.jpg")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, snapshot.statusCode());
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(snapshot.body()));
      Pictures.checkBars(image);
      assertTrue(StampDecoder.fromRgb(image::getRGB, 640, 480).whole());

      URI ws = URI.create(server.url.replace("http://", "ws://") + "ws?format=jpeg");
      AtomicInteger frames = new AtomicInteger();
      try (WsClient viewer = WsClient.connect(ws, m -> frames.incrementAndGet())) {
        AreaServingTest.waitFor(() -> frames.get() > 3, 20);
      }
      String state =
          http.send(
                  HttpRequest.newBuilder(URI.create(server.url + "state")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(state.contains("\"encoder\":\"imageio\""), state);
    }
  }
}
