package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.ColourBar;
import io.eyetoystreamer.streamer.capture.DeviceCamera;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Camera options: controls applied through the library; a wrong device path reported, not fatal.
 */
@ExtendWith(NoLeaks.class)
class CameraOptionsTest {
  @Test
  void ctrlOptionChangesThePicture() throws Exception {
    try (ServerHarness server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0", "--ctrl", "brightness=40"),
                new SimulatedCamera(),
                ServerHarness.PAGE))) {
      AreaServingTest.waitFor(() -> server.streamer.area().latestSequence() > 2, 10);
      byte[] frame = server.getBytes("/snapshot.yuyv").body();
      int row = 200;
      int whiteLuma = frame[row * 1280 + 40 * 2] & 0xff;
      assertTrue(
          whiteLuma > ColourBar.WHITE.y(),
          "brightness=40 should raise the white bar's Y above "
              + ColourBar.WHITE.y()
              + ", got "
              + whiteLuma);
    }
  }

  @Test
  void missingDeviceLeavesTheServerUpAndSaysWhy() throws Exception {
    try (ServerHarness server =
        new ServerHarness(
            Streamer.start(
                StreamerConfig.parse("--port", "0"),
                new DeviceCamera("/dev/video-does-not-exist"),
                ServerHarness.PAGE))) {
      String state = server.get("/state").body();
      assertTrue(state.contains("\"online\":false"), state);
      assertTrue(state.contains("/dev/video-does-not-exist"), state);
      // Up, and honest: no frames flow, so it is not healthy, and /healthz says why.
      java.net.http.HttpResponse<String> health = server.get("/healthz");
      assertEquals(503, health.statusCode(), health.body());
      assertTrue(health.body().contains("/dev/video-does-not-exist"), health.body());
      assertTrue(server.get("/snapshot.png").statusCode() == 503);
    }
  }
}
