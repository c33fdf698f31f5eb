package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CaptureStats;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.DeviceBusyException;
import io.eyetoystreamer.v4l2.DeviceGoneException;
import io.eyetoystreamer.v4l2.DeviceNotFoundException;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.RejectedFrameListener;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Devices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault of {@link Faults}, as the v4l2-api library running on the fake sees it. */
class FaultsTest {
  private static final long TIMEOUT = 2000;

  private final FakeEyetoy fake = new FakeEyetoy();
  private final Faults faults = fake.faults();

  private static Frame next(CaptureStream stream) {
    Frame frame = stream.next(TIMEOUT);
    assertNotNull(frame, "no frame within " + TIMEOUT + " ms");
    return frame;
  }

  private V4l2Device open(int fps) {
    V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake);
    camera.setFrameRate(fps);
    return camera;
  }

  @Test
  void unplugAfterFramesDeliversThemThenRaisesDeviceGone() {
    try (V4l2Device camera = open(60);
        CaptureStream stream = camera.startCapture(4)) {
      faults.unplugAfterFrames(5);
      int received = 0;
      DeviceGoneException gone = null;
      while (gone == null) {
        try {
          Frame frame = next(stream);
          received++;
          frame.release(); // giving the last one back may already meet the unplug
        } catch (DeviceGoneException e) {
          gone = e;
        }
      }
      assertEquals(5, received, "the armed frames all arrive");
      assertFalse(faults.plugged());
    }
    assertEquals(0, fake.mappedBuffers(), "closing after the unplug still unmaps everything");
    assertEquals(0, fake.openDescriptors());
  }

  @Test
  void unpluggedCameraCannotBeOpenedNorListed() {
    faults.unplug();
    assertThrows(DeviceNotFoundException.class, () -> V4l2Device.open(FakeEyetoy.PATH, fake));
    assertEquals(List.of(), V4l2Devices.list(fake));
  }

  @Test
  void replugLetsTheCameraBeOpenedAgain() {
    faults.unplug();
    faults.replug();
    assertTrue(faults.plugged());
    try (V4l2Device camera = open(60);
        CaptureStream stream = camera.startCapture(4);
        Frame frame = next(stream)) {
      assertEquals(0, frame.sequence(), "a new camera starts counting again");
    }
  }

  @Test
  void replugGivesANewCameraWithDefaultControls() {
    try (V4l2Device camera = open(30)) {
      camera.controls().set("brightness", 99);
    }
    faults.unplug();
    faults.replug();
    try (V4l2Device camera = open(30)) {
      assertEquals(0, camera.controls().get("brightness"));
    }
  }

  @Test
  void stallMakesNextTimeOutThenFramesResumeWithoutAGap() {
    try (V4l2Device camera = open(60);
        CaptureStream stream = camera.startCapture(4)) {
      long before;
      try (Frame frame = next(stream)) {
        before = frame.sequence();
      }
      faults.stall(Duration.ofMillis(600));
      // frames already done before the stall may still come; then nothing until it ends
      Frame late = stream.next(150);
      while (late != null) {
        before = late.sequence();
        late.release();
        late = stream.next(150);
      }
      assertNull(late);
      try (Frame frame = next(stream)) {
        assertEquals(before + 1, frame.sequence(), "a stalled sensor counts no frames");
      }
    }
  }

  @Test
  void errorFlaggedFramesAreRejectedByTheLibraryAndCounted() {
    List<Long> rejected = new ArrayList<>();
    try (V4l2Device camera = open(60);
        CaptureStream stream = camera.startCapture(4)) {
      stream.onRejectedFrame(
          (reason, index, sequence, bytes, flags) -> {
            assertEquals(RejectedFrameListener.Reason.ERROR_FLAG, reason);
            rejected.add(sequence);
          });
      faults.flagErrorFrames(3);
      List<Long> delivered = new ArrayList<>();
      while (delivered.size() < 6) {
        try (Frame frame = next(stream)) {
          delivered.add(frame.sequence());
          assertEquals(frame.sequence(), StampDecoder.fromYuyv(frame.data(), 640, 480, 1280).top());
        }
      }
      CaptureStats stats = stream.stats();
      assertEquals(3, stats.errorFrames());
      assertEquals(3, rejected.size());
      for (long bad : rejected) {
        assertFalse(delivered.contains(bad), "flagged frame " + bad + " was delivered");
      }
    }
  }

  @Test
  void slowDeliveryLosesOneFrameInKAsSequenceGaps() {
    faults.slowDelivery(Duration.ofMillis(5), 4);
    try (V4l2Device camera = open(60);
        CaptureStream stream = camera.startCapture(4)) {
      long last = 0;
      for (int i = 0; i < 30; i++) {
        try (Frame frame = next(stream)) {
          assertTrue((frame.sequence() + 1) % 4 != 0, "every 4th frame is lost");
          last = frame.sequence();
        }
      }
      CaptureStats stats = stream.stats();
      assertEquals(30, stats.delivered());
      assertEquals(last + 1 - 30, stats.sequenceGaps());
      assertTrue(stats.sequenceGaps() >= 9, stats.toString());
    }
  }

  @Test
  void slowDeliveryDelaysEveryFrame() {
    faults.slowDelivery(Duration.ofMillis(200), 0);
    try (V4l2Device camera = open(30);
        CaptureStream stream = camera.startCapture(4)) {
      long started = System.nanoTime();
      assertNull(stream.next(150), "the first frame is due at 33 ms but arrives at 233 ms");
      try (Frame frame = next(stream)) {
        long arrivedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(arrivedMillis >= 150, "arrived after " + arrivedMillis + " ms");
        assertTrue(frame.timestampNanos() - started >= 150_000_000L, "timestamped on arrival");
        assertEquals(0, frame.sequence());
      }
    }
  }

  @Test
  void busyOnSecondOpenRaisesDeviceBusy() {
    faults.busyOnSecondOpen(true);
    try (V4l2Device first = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      DeviceBusyException busy =
          assertThrows(DeviceBusyException.class, () -> V4l2Device.open(FakeEyetoy.PATH, fake));
      assertEquals("open", busy.operation());
      assertTrue(first.isOpen());
    }
    try (V4l2Device again = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      assertTrue(again.isOpen(), "once the first is closed, open works");
    }
  }

  @Test
  void clearTurnsFaultsOff() {
    faults.busyOnSecondOpen(true);
    faults.stall(Duration.ofHours(1));
    faults.clear();
    try (V4l2Device first = open(60);
        V4l2Device second = V4l2Device.open(FakeEyetoy.PATH, fake);
        CaptureStream stream = first.startCapture(4);
        Frame frame = next(stream)) {
      assertTrue(second.isOpen());
      assertEquals(0, frame.sequence());
    }
  }
}
