package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CaptureStats;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.DeviceBusyException;
import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Fraction;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.FrameSize;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.abi.Abi;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The v4l2-api library's real capture path, run on the simulated Eyetoy. */
class CapturePathTest {
  private static final long TIMEOUT = 2000;

  private final FakeEyetoy fake = new FakeEyetoy();

  private static Frame next(CaptureStream stream) {
    Frame frame = stream.next(TIMEOUT);
    assertNotNull(frame, "no frame within " + TIMEOUT + " ms");
    return frame;
  }

  private static long stampOf(Frame frame, Format format) {
    StampDecoder.Stamps stamps =
        StampDecoder.fromYuyv(frame.data(), format.width(), format.height(), format.bytesPerLine());
    assertTrue(stamps.whole(), "torn or illegible frame: " + stamps);
    return stamps.sequence();
  }

  @Test
  void libraryListsTheFakeAsACaptureDevice() {
    List<DeviceInfo> devices = V4l2Devices.list(fake);
    assertEquals(1, devices.size());
    assertEquals(FakeEyetoy.PATH, devices.get(0).path());
    assertEquals("ov534", devices.get(0).capabilities().driver());
    assertTrue(devices.get(0).capabilities().canCapture());
  }

  @Test
  void openSetFormatAndRateStreamDequeueRequeueClose() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      Negotiated<Format> format = camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      assertFalse(format.adjusted(), format.toString());
      Negotiated<Fraction> rate = camera.setFrameRate(60);
      assertFalse(rate.adjusted(), rate.toString());
      try (CaptureStream stream = camera.startCapture(4)) {
        assertEquals(4, stream.bufferCount());
        long previousTimestamp = Long.MIN_VALUE;
        long expected = 0;
        long missed = 0; // frames the sensor dropped while this reader was slow (a loaded machine)
        for (int i = 0; i < 20; i++) {
          try (Frame frame = next(stream)) {
            assertTrue(frame.sequence() >= expected, "sequence numbers from 0, increasing");
            missed += frame.sequence() - expected;
            expected = frame.sequence() + 1;
            assertEquals(
                frame.sequence(),
                stampOf(frame, format.actual()),
                "the picture shows its sequence");
            assertEquals(614_400, frame.bytesUsed());
            assertTrue(frame.timestampMonotonic());
            assertTrue(frame.timestampNanos() > previousTimestamp);
            assertTrue(frame.timestampNanos() <= System.nanoTime());
            previousTimestamp = frame.timestampNanos();
          }
        }
        CaptureStats stats = stream.stats();
        assertEquals(20, stats.delivered());
        assertEquals(missed, stats.sequenceGaps(), "every frame missed is counted, no other");
      }
      assertEquals(0, fake.mappedBuffers(), "closing the stream unmaps every buffer");
      assertEquals(0, fake.allocatedBuffers(), "and frees them");
    }
    assertEquals(0, fake.openDescriptors(), "closing the device closes its descriptor");
  }

  @Test
  void qvgaCapturesAtTheSmallSize() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      Format format = camera.setFormat(Format.of(320, 240, FourCc.YUYV)).actual();
      camera.setFrameRate(125);
      try (CaptureStream stream = camera.startCapture(4);
          Frame frame = next(stream)) {
        assertEquals(153_600, frame.bytesUsed());
        assertEquals(frame.sequence(), stampOf(frame, format));
      }
    }
  }

  @Test
  void libraryNegotiatesTheDriversNearestSizeAndRate() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      Negotiated<Format> format = camera.setFormat(Format.of(1280, 720, FourCc.YUYV));
      assertTrue(format.adjusted());
      assertEquals(640, format.actual().width());
      Negotiated<Fraction> rate = camera.setFrameRate(45);
      assertTrue(rate.adjusted());
      assertEquals(new Fraction(1, 40), rate.actual());
      assertEquals(
          List.of(FrameSize.discrete(320, 240), FrameSize.discrete(640, 480)),
          camera.frameSizes(FourCc.YUYV));
      assertEquals(5, camera.frameIntervals(FourCc.YUYV, 640, 480).size());
      assertEquals(10, camera.frameIntervals(FourCc.YUYV, 320, 240).size());
    }
  }

  @Test
  void libraryReadsTheDriversControls() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      ControlInfo gain = camera.controls().info("gain");
      assertEquals(0, gain.minimum());
      assertEquals(63, gain.maximum());
      assertEquals(20, gain.defaultValue());
      assertTrue(gain.inactive(), "autogain is on by default");
      assertEquals(2, camera.controls().info("power_line_frequency").menu().size());
      assertEquals(0, camera.controls().get("auto_exposure"));
      assertEquals(40, camera.controls().set("brightness", 40));
      assertEquals(40, camera.controls().get("brightness"));
    }
  }

  @Test
  void brightnessControlRaisesLumaOfCapturedBars() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      camera.setFrameRate(60);
      try (CaptureStream stream = camera.startCapture(4)) {
        int before;
        try (Frame frame = next(stream)) {
          before = frame.data().get(200 * 1280 + 2 * 40) & 0xFF;
        }
        camera.controls().set("brightness", 30);
        int after = before;
        for (int i = 0; i < 6 && after == before; i++) { // frames done before the change first
          try (Frame frame = next(stream)) {
            after = frame.data().get(200 * 1280 + 2 * 40) & 0xFF;
            assertEquals(frame.sequence(), stampOf(frame, stream.format()));
          }
        }
        assertEquals(before + 30, after);
      }
    }
  }

  @Test
  void horizontalFlipControlMirrorsCapturedBars() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      camera.controls().set("horizontal_flip", 1);
      try (CaptureStream stream = camera.startCapture(4);
          Frame frame = next(stream)) {
        ByteBuffer data = frame.data();
        assertEquals(ColourBar.BLACK.y(), data.get(200 * 1280 + 2 * 40) & 0xFF);
        assertEquals(ColourBar.WHITE.y(), data.get(200 * 1280 + 2 * 600) & 0xFF);
      }
    }
  }

  @Test
  void secondStreamerIsRefusedWithDeviceBusy() {
    try (V4l2Device first = V4l2Device.open(FakeEyetoy.PATH, fake);
        V4l2Device second = V4l2Device.open(FakeEyetoy.PATH, fake);
        CaptureStream stream = first.startCapture(4)) {
      assertNotNull(stream);
      assertThrows(DeviceBusyException.class, () -> second.startCapture(4));
      assertThrows(
          DeviceBusyException.class, () -> second.setFormat(Format.of(320, 240, FourCc.YUYV)));
    }
  }

  @Test
  void armhfLayoutsCaptureEndToEnd() {
    FakeEyetoy armhf = new FakeEyetoy(Abi.ARMHF_TIME32);
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, armhf)) {
      assertEquals("ov534", camera.capabilities().driver());
      assertEquals(640, camera.format().width());
      assertEquals(15, camera.controls().list().size(), "13 controls, 2 headings: no pointers");
      try (CaptureStream stream = camera.startCapture(3);
          Frame frame = next(stream)) {
        assertEquals(0, frame.sequence());
        assertEquals(0, stampOf(frame, stream.format()));
        assertTrue(frame.timestampMonotonic());
      }
    }
    assertEquals(0, armhf.mappedBuffers());
  }

  @Test
  void closingTheStreamWakesAThreadWaitingForAFrame() throws InterruptedException {
    fake.faults().stall(Duration.ofHours(1));
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      CaptureStream stream = camera.startCapture(4);
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  stream.next(-1);
                } catch (RuntimeException e) {
                  outcome.set(e);
                }
              });
      waiter.start();
      Thread.sleep(100);
      long closing = System.nanoTime();
      stream.close();
      waiter.join(5000);
      assertFalse(waiter.isAlive(), "the waiting thread was not woken");
      assertTrue(System.nanoTime() - closing < 2_000_000_000L);
      assertTrue(outcome.get() instanceof IllegalStateException, String.valueOf(outcome.get()));
    }
  }
}
