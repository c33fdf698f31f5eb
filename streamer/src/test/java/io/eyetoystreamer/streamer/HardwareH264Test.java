package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.h264.AnnexB;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --h264-encoder auto} takes a hardware mem2mem H.264 encoder when there is one: here the
 * simulated one of fake-eyetoy on {@code /dev/video11} (a server in its own JVM, with the simulated
 * devices below the native seam), and H.264 viewers get its stream from a key frame on.
 */
class HardwareH264Test {
  @Test
  void autoTakesTheMem2memEncoderAndViewersGetItsStream() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            List.of("-Deyetoystreamer.v4l2.native=simulated"),
            "--port",
            "0",
            "--h264-encoder",
            "auto")) {
      List<byte[]> units = new ArrayList<>();
      URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws?format=h264");
      try (WsClient viewer =
          WsClient.connect(
              ws,
              m -> {
                byte[] au = new byte[m.readableBytes() - 32];
                m.getBytes(m.readerIndex() + 32, au);
                synchronized (units) {
                  units.add(au);
                }
              })) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (size(units) < 10 && System.nanoTime() < end) {
          Thread.sleep(50);
        }
      }
      String state =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.url + "state")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(size(units) >= 10, "units received: " + size(units) + "; " + server.output());
      assertTrue(
          state.contains("/dev/video11 (auto: a hardware mem2mem H.264 encoder)"),
          "the choice: " + state);
      synchronized (units) {
        byte[] first = units.get(0);
        assertTrue(
            AnnexB.isKeyFrame(AnnexB.nalTypes(ByteBuffer.wrap(first), 0, first.length)),
            "the first unit is a key frame");
      }
    }
  }

  private static int size(List<byte[]> units) {
    synchronized (units) {
      return units.size();
    }
  }
}
