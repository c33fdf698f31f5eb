package io.eyetoystreamer.streamer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over between the event loops and the capture thread, driven by the test as the capture
 * thread: nothing is done outside {@code betweenFrames}, nothing waits, and nothing is left
 * waiting.
 */
class CameraControlsTest {
  private final FakeEyetoy fake = new FakeEyetoy();
  private V4l2Device device;
  private final CameraControls controls = new CameraControls(Map.of(), null);

  @BeforeEach
  void open() {
    device = V4l2Device.open(fake.path(), fake);
    controls.opened(device);
  }

  @AfterEach
  void close() {
    device.close();
  }

  private static ControlsRefused refusal(CompletableFuture<?> f) throws Exception {
    assertTrue(f.isDone(), "answered at once");
    try {
      f.get();
    } catch (ExecutionException e) {
      return (ControlsRefused) e.getCause();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void requestsAreDoneOnlyBetweenFramesInOrder() throws Exception {
    CompletableFuture<ControlsView> set = controls.set(Map.of("brightness", 7L));
    CompletableFuture<ControlsView> list = controls.list();
    assertFalse(set.isDone());
    assertEquals(0, device.controls().get("brightness"), "not before the capture thread's turn");
    controls.betweenFrames(device);
    assertEquals(7L, set.get(1, TimeUnit.SECONDS).value("brightness"));
    assertEquals(7L, list.get(1, TimeUnit.SECONDS).value("brightness"));
    assertEquals(Map.of("brightness", 7L), controls.remembered());
  }

  @Test
  void aFullQueueIsRefusedAtOnce() throws Exception {
    List<CompletableFuture<ControlsView>> waiting = new ArrayList<>();
    for (int i = 0; i < CameraControls.QUEUE; i++) {
      waiting.add(controls.list());
    }
    ControlsRefused r = refusal(controls.list());
    assertEquals(ControlsRefused.Reason.UNAVAILABLE, r.reason());
    assertEquals("busy: 8 requests already wait for the camera", r.getMessage());
    controls.betweenFrames(device);
    for (CompletableFuture<ControlsView> f : waiting) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
  }

  @Test
  void closingFailsWhatWaitsAndRefusesWhatComes() throws Exception {
    CompletableFuture<ControlsView> waiting = controls.set(Map.of("brightness", 7L));
    controls.closed();
    assertEquals(ControlsRefused.Reason.UNAVAILABLE, refusal(waiting).reason());
    assertEquals("the camera closed", refusal(waiting).getMessage());
    assertEquals("the camera is offline", refusal(controls.list()).getMessage());
    assertEquals(0, device.controls().get("brightness"));
  }

  @Test
  void rememberedValuesAreSetAgainAtOpenAndBadOnesSkipped() {
    CameraControls again =
        new CameraControls(Map.of("brightness", 9L, "no_such_control", 1L, "contrast", 999L), null);
    again.opened(device);
    assertEquals(9, device.controls().get("brightness"));
    assertEquals(32, device.controls().get("contrast"), "out of range: skipped, logged");
  }

  @Test
  void aBooleanIsRememberedAsTheNumberTheDriverTakes() throws Exception {
    // (The simulated camera has no button; what a button and a step take is checked in
    // ControlRulesTest.)
    CompletableFuture<ControlsView> f = controls.set(Map.of("horizontal_flip", true));
    controls.betweenFrames(device);
    f.get(1, TimeUnit.SECONDS);
    assertEquals(Map.of("horizontal_flip", 1L), controls.remembered());
  }
}
