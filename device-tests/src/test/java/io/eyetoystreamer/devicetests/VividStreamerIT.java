package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.V4l2Device;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The streamer on vivid, one scenario in three steps with one server and one viewer throughout:
 * frames flow without a corrupt one; vivid is disconnected, and the server stays up, says offline
 * and tells the viewer; the module is unloaded and loaded again, and the stream resumes by itself,
 * without restarting the server or the viewer.
 */
@VividTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VividStreamerIT {
  private StreamerUnderTest server;
  private FrameChecker checker;
  private Viewer viewer;
  private V4l2Device holder;

  @BeforeAll
  void start() throws Exception {
    server = StreamerUnderTest.start(DeviceUnderTest.path());
    String state = server.awaitState(StreamerUnderTest::saysOnline, Duration.ofSeconds(30));
    assertTrue(StreamerUnderTest.saysOnline(state), state);
    try (V4l2Device controls = V4l2Device.open(DeviceUnderTest.path())) {
      controls.controls().set("horizontal_movement", 1); // moving bars: a torn frame would show
    }
    checker = new FrameChecker(640, 480, (frame, w, h, bpl) -> Vivid.tornRows(frame, h, bpl));
    viewer = Viewer.connect(server.port(), checker);
  }

  @AfterAll
  void stop() throws Exception {
    if (viewer != null) {
      viewer.close();
    }
    if (holder != null) {
      holder.close();
    }
    server.close();
  }

  @Test
  @Order(1)
  void aViewerReceivesFiveSecondsOfWholeFramesAtVividsRate() throws Exception {
    DeliveryWindow window = DeliveryWindow.measure(server, checker, 3000, 5);
    assertEquals(List.of(), checker.problems());
    window.assertTheViewerKeptUp();
    window.assertTheCameraDelivered(25);
    assertTrue(
        window.changed >= window.received - 1,
        window.changed + " of " + window.received + " frames changed");
    assertTrue(viewer.texts.stream().anyMatch(t -> t.contains("\"camera\":\"online\"")));
  }

  @Test
  @Order(2)
  void aDisconnectLeavesTheServerUpSaysOfflineAndTellsTheViewer() throws Exception {
    // Press vivid's disconnect from a descriptor of our own and keep it open: vivid comes back by
    // itself when its last descriptor closes, and this one keeps it unplugged until step 3.
    holder = V4l2Device.open(DeviceUnderTest.path());
    holder.controls().set(Vivid.DISCONNECT, 1);
    String state = server.awaitState(StreamerUnderTest::saysOffline, Duration.ofSeconds(10));
    System.out.println("after disconnect: " + state);
    assertTrue(StreamerUnderTest.saysOffline(state), state);
    // No frames flow: /healthz fails, and says that the camera is offline.
    HttpResponse<String> health = server.get("/healthz");
    assertEquals(503, health.statusCode(), health.body());
    assertTrue(health.body().contains("camera is offline"), health.body());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (viewer.texts.stream().noneMatch(t -> t.contains("\"camera\":\"offline\""))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(
        viewer.texts.stream().anyMatch(t -> t.contains("\"camera\":\"offline\"")),
        "the viewer was not told: " + viewer.texts);
    assertTrue(viewer.isOpen(), "the viewer stays connected");
    assertEquals(List.of(), checker.problems());
  }

  @Test
  @Order(3)
  void aReloadedModuleResumesTheStreamByItself() throws Exception {
    Vivid.reload("unplug"); // the nodes go, as udev removes them
    holder.close();
    holder = null;
    Vivid.reload("replug"); // rmmod vivid; insmod vivid.ko: the nodes come back
    String state = server.awaitState(StreamerUnderTest::saysOnline, Duration.ofSeconds(30));
    System.out.println("after the reload: " + state);
    assertTrue(StreamerUnderTest.saysOnline(state), state);
    long before = checker.frames();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (checker.frames() - before < 50 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    System.out.println(
        "resumed: "
            + (checker.frames() - before)
            + " frames after the reload; viewer told "
            + viewer.texts);
    assertTrue(checker.frames() - before >= 50, "frames after the reload");
    assertTrue(viewer.isOpen(), "the same viewer, never reconnected");
    String last = viewer.texts.get(viewer.texts.size() - 1);
    assertTrue(last.contains("\"camera\":\"online\""), "last status: " + last);
    assertEquals(List.of(), checker.problems());
  }
}
