package io.eyetoystreamer.streamer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.fanout.StreamFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsAddressTest {
  @Test
  void everyServerAndTheCameraAreParsedInOrder() {
    NatsAddress a = NatsAddress.parse("--source", "nats://h1:4222,nats://h2:4223/kitchen");
    assertEquals(List.of("nats://h1:4222", "nats://h2:4223"), a.servers());
    assertEquals("kitchen", a.camera());
  }

  @Test
  void aServerWithoutSchemeTakesTheFirstsAndAServerWithoutPortTheDefault() {
    NatsAddress a = NatsAddress.parse("--source", "tls://h1,h2:5222/cam");
    assertEquals(List.of("tls://h1:4222", "tls://h2:5222"), a.servers());
    assertTrue(a.tls());
  }

  @Test
  void subjectsAreEyetoyCameraFormat() {
    NatsAddress a = NatsAddress.parse("--publish", "nats://h1:4222/cam-1");
    assertEquals("eyetoy.cam-1.raw", a.subject(StreamFormat.RAW));
    assertEquals("eyetoy.cam-1.jpeg", a.subject(StreamFormat.JPEG));
    assertEquals("eyetoy.cam-1.h264", a.subject(StreamFormat.H264));
    assertEquals("eyetoy.cam-1.status", a.statusSubject());
    assertEquals("eyetoy.cam-1.interest", a.interestSubject());
  }

  @Test
  void aCameraNameThatIsNotOneSubjectTokenIsRefusedSayingWhatIsAllowed() {
    for (String bad : List.of("a.b", "a*", ">", "has space", "", "x".repeat(65))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> NatsAddress.parse("--publish", "nats://h1:4222/" + bad));
      assertTrue(e.getMessage().contains("--publish"), e.getMessage());
      assertTrue(e.getMessage().contains("letters, digits, _ or -"), e.getMessage());
    }
  }

  @Test
  void aUrlWithoutCameraIsRefusedWithAnExample() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NatsAddress.parse("--source", "nats://h1:4222"));
    assertTrue(e.getMessage().contains("no camera name"), e.getMessage());
    assertTrue(e.getMessage().contains("nats://h1:4222,nats://h2:4222/kitchen"), e.getMessage());
  }

  @Test
  void otherSchemesBadPortsAndPathsOnEarlierServersAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> NatsAddress.parse("--source", "http://h1:80/cam"));
    assertThrows(
        IllegalArgumentException.class, () -> NatsAddress.parse("--source", "nats://h1:0/cam"));
    assertThrows(
        IllegalArgumentException.class,
        () -> NatsAddress.parse("--source", "nats://h1:4222/x,nats://h2:4222/cam"));
    assertThrows(
        IllegalArgumentException.class, () -> NatsAddress.parse("--source", "nats://h1:4222,/cam"));
  }

  @Test
  void passwordsAreHiddenInWhatIsShown() {
    NatsAddress a = NatsAddress.parse("--source", "nats://eye:secret@h1:4222,h2/cam");
    assertEquals("nats://eye:secret@h1:4222", a.servers().get(0));
    assertEquals("nats://eye:***@h1:4222,nats://h2:4222/cam", a.redacted());
    assertFalse(a.toString().contains("secret"));
  }
}
