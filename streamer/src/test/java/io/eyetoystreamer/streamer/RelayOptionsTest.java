package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The relay's command-line options: what goes together and what does not. */
class RelayOptionsTest {
  private static String refused(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> StreamerConfig.parse(args))
        .getMessage();
  }

  @Test
  void publishAndSourceParseTheirUrls() {
    StreamerConfig p = StreamerConfig.parse("--publish", "nats://h1:4222,nats://h2:4222/cam");
    assertEquals("cam", p.publish().camera());
    StreamerConfig s = StreamerConfig.parse("serve", "--source", "nats://h1/cam");
    assertEquals("nats://h1:4222", s.source().servers().get(0));
  }

  @Test
  void publishAndSourceExcludeEachOther() {
    String why = refused("--publish", "nats://h1/a", "--source", "nats://h1/b");
    assertTrue(why.contains("--publish and --source"), why);
  }

  @Test
  void anEdgeHasNoCameraAndNoArea() {
    assertTrue(refused("--source", "nats://h1/a", "--device", "simulated").contains("--device"));
    assertTrue(refused("--source", "nats://h1/a", "--area", "/dev/shm/x").contains("--area"));
  }

  @Test
  void credentialsGoWithARelay() {
    String why = refused("--nats-creds", "/etc/eyetoy.creds");
    assertTrue(why.contains("--publish or --source"), why);
  }

  @Test
  void captureModeDoesNotPublish() {
    assertTrue(refused("capture", "--publish", "nats://h1/a").contains("serve --publish"));
  }
}
