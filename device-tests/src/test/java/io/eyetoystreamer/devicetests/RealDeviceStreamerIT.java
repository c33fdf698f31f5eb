package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The streamer on the camera given with {@code -Dv4l2.device}: one viewer receives 640x480 YUYV
 * frames at the driver's rate for 5 s, and the snapshots are the camera's picture.
 */
@RealDeviceTest
class RealDeviceStreamerIT {
  @Test
  void oneViewerReceivesFramesAndASnapshotIsTaken() throws Exception {
    try (StreamerUnderTest server = StreamerUnderTest.start(DeviceUnderTest.path())) {
      String state = server.awaitState(StreamerUnderTest::saysOnline, Duration.ofSeconds(20));
      assertTrue(StreamerUnderTest.saysOnline(state), "the camera is not online: " + state);
      Matcher fps = Pattern.compile("\"driverFps\"\\s*:\\s*([0-9.]+)").matcher(state);
      assertTrue(fps.find(), state);
      double driverFps = Double.parseDouble(fps.group(1));

      FrameChecker checker = new FrameChecker(640, 480, null);
      try (Viewer viewer = Viewer.connect(server.port(), checker)) {
        DeliveryWindow window = DeliveryWindow.measure(server, checker, 3000, 5);
        System.out.printf(Locale.ROOT, "the driver's rate %.2f fps%n", driverFps);
        assertEquals(List.of(), checker.problems());
        window.assertTheViewerKeptUp();
        window.assertTheCameraDelivered(driverFps);
        assertTrue(viewer.isOpen());
        assertTrue(
            viewer.texts.stream().anyMatch(t -> t.contains("\"camera\":\"online\"")),
            "status messages: " + viewer.texts);
      }

      HttpResponse<byte[]> yuyv = server.getBytes("/snapshot.yuyv");
      assertEquals(200, yuyv.statusCode());
      assertEquals(640 * 480 * 2, yuyv.body().length);
      HttpResponse<byte[]> png = server.getBytes("/snapshot.png");
      assertEquals(200, png.statusCode());
      byte[] body = png.body();
      assertArrayEquals(
          new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
          Arrays.copyOf(body, 8),
          "not a PNG");
      ByteBuffer ihdr = ByteBuffer.wrap(body, 16, 8);
      assertEquals(640, ihdr.getInt());
      assertEquals(480, ihdr.getInt());
      System.out.println("snapshot: " + body.length + " bytes of PNG, 640x480");
    }
  }
}
