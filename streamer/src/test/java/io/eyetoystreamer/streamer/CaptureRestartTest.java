package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --area} when the capture process goes: the server says so and fails {@code
 * /healthz}, and when a new capture process writes the path, even in another geometry, it serves
 * that one.
 */
@ExtendWith(NoLeaks.class)
class CaptureRestartTest {
  @TempDir Path dir;

  @Test
  void aCaptureProcessGoneIsReportedAndUnhealthy() throws Exception {
    Path path = dir.resolve("area");
    AreaPublisher capture = new AreaPublisher(path, 30);
    try (ServerHarness server = ServerHarness.serveArea(path)) {
      AreaServingTest.waitFor(() -> body(server, "/healthz").startsWith("ok"), 10);
      capture.close(); // the writer says goodbye, as a capture process stopped by SIGTERM does
      AreaServingTest.waitFor(() -> body(server, "/state").contains("is stopped"), 10);
      assertEquals(503, server.get("/healthz").statusCode());
    }
  }

  @Test
  void aNewCaptureProcessOfAnotherGeometryIsFollowed() throws Exception {
    Path path = dir.resolve("area");
    AreaPublisher first = new AreaPublisher(path, 30);
    try (ServerHarness server = ServerHarness.serveArea(path)) {
      AtomicInteger width = new AtomicInteger();
      try (WsClient viewer =
          WsClient.connect(
              server.ws("/ws"), m -> width.set(m.getUnsignedShortLE(m.readerIndex() + 24)))) {
        AreaServingTest.waitFor(() -> width.get() == 640, 10);
        first.close();
        // The new capture process: 320x240, a new file at the same path.
        AreaGeometry qvga = AreaGeometry.yuyv(320, 240);
        try (FrameArea second = FrameArea.createFile(path, qvga)) {
          AreaWriter writer = second.writer();
          Thread publisher =
              new Thread(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      writer.claim();
                      writer.commit(qvga.slotCapacity(), System.nanoTime());
                      try {
                        Thread.sleep(33);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
          publisher.start();
          try {
            AreaServingTest.waitFor(() -> width.get() == 320, 15);
            assertTrue(body(server, "/state").contains("\"width\":320"));
            AreaServingTest.waitFor(() -> body(server, "/healthz").startsWith("ok"), 10);
            assertTrue(viewer.isOpen(), "the viewer stayed connected across the restart");
          } finally {
            publisher.interrupt();
            publisher.join();
          }
        }
      }
    }
  }

  private static String body(ServerHarness server, String path) {
    try {
      return server.get(path).body();
    } catch (Exception e) {
      return "";
    }
  }
}
