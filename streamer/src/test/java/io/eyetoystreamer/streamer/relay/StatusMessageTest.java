package io.eyetoystreamer.streamer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eyetoystreamer.streamer.capture.CameraState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusMessageTest {
  @Test
  void theCameraStateSurvivesTheTripThroughJson() {
    CameraState state = new CameraState("simulated", "starting");
    state.online(
        "simulated", "ov534", "USB \"Camera\"", "YUYV", 640, 480, 30, 29.97, "streaming\tnow");
    StatusMessage sent = StatusMessage.of(state.current(), "pub-1");
    assertEquals(sent, StatusMessage.decode(sent.encode()));
  }

  @Test
  void somethingElseOnTheSubjectIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> StatusMessage.decode("{\"type\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        IllegalArgumentException.class,
        () -> StatusMessage.decode("not json".getBytes(StandardCharsets.UTF_8)));
  }
}
