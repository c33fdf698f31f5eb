package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CaptureStats;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.DeviceGoneException;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.InvalidRequestException;
import io.eyetoystreamer.v4l2.RejectedFrameListener;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected through vivid's own controls: the library reports each with the right exception
 * type, naming the ioctl and the errno, and leaves no descriptor or mapping of the device behind
 * (counted in {@code /proc/self/fd} and {@code /proc/self/maps}).
 */
@VividTest
class VividFaultsIT {
  private static final long V4L2_BUF_FLAG_ERROR = 0x40;

  private String path;
  private Vivid.Usage baseline;
  private V4l2Device camera;

  @BeforeEach
  void open() throws Exception {
    path = DeviceUnderTest.path();
    baseline = Vivid.Usage.of(path);
    assertEquals(new Vivid.Usage(0, 0), baseline, "nothing of " + path + " is open before");
    camera = V4l2Device.open(path);
    camera.setFormat(Format.of(640, 480, FourCc.YUYV));
    camera.setFrameRate(25);
  }

  @AfterEach
  void close() throws Exception {
    camera.close();
    assertEquals(baseline, Vivid.Usage.of(path), "descriptors and mappings of " + path + " after");
  }

  private void press(String button) {
    camera.controls().set(button, 1);
  }

  private static Frame next(CaptureStream stream) {
    Frame f = stream.next(2000);
    assertNotNull(f, "no frame within 2 s");
    return f;
  }

  /** While streaming, the counters see the device: one descriptor, one mapping per buffer. */
  private void assertInUse(CaptureStream stream) throws Exception {
    assertEquals(new Vivid.Usage(1, stream.bufferCount()), Vivid.Usage.of(path));
  }

  @Test
  void aFrameFlaggedBadIsRejectedAndTheStreamGoesOn() throws Exception {
    List<String> rejected = new ArrayList<>();
    List<Long> delivered = new ArrayList<>();
    try (CaptureStream stream = camera.startCapture(4)) {
      stream.onRejectedFrame(
          (reason, index, sequence, bytes, flags) ->
              rejected.add(reason + " #" + sequence + " flags " + Integer.toHexString(flags)));
      for (int i = 0; i < 3; i++) {
        try (Frame f = next(stream)) {
          delivered.add(f.sequence());
        }
      }
      press("inject_v4l2_buf_flag_error");
      for (int i = 0; i < 10; i++) {
        try (Frame f = next(stream)) {
          delivered.add(f.sequence());
          assertEquals(0, f.flags() & V4L2_BUF_FLAG_ERROR);
        }
      }
      CaptureStats stats = stream.stats();
      System.out.println("buffer flag error: rejected " + rejected + "; " + stats);
      assertEquals(1, rejected.size(), rejected.toString());
      assertTrue(rejected.get(0).startsWith(RejectedFrameListener.Reason.ERROR_FLAG + " #"));
      assertEquals(new CaptureStats(13, 1, 0, 0), stats);
      long bad = Long.parseLong(rejected.get(0).split("[# ]")[2]);
      assertTrue(!delivered.contains(bad), "the bad frame was not delivered");
      assertInUse(stream);
    }
  }

  @Test
  void aFailingStreamonIsATypedErrorAndLeavesNothingBehind() throws Exception {
    press("inject_vidioc_streamon_error");
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> camera.startCapture(4));
    System.out.println("streamon error: " + e.getMessage());
    assertEquals("VIDIOC_STREAMON", e.operation());
    assertEquals("EINVAL", e.errnoName());
    assertEquals(new Vivid.Usage(1, 0), Vivid.Usage.of(path), "buffers unmapped");
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release(); // the buffers were freed: capture works again
    }
  }

  @Test
  void aFailingReqbufsIsATypedErrorAndLeavesNothingBehind() throws Exception {
    press("inject_vidioc_reqbufs_error");
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> camera.startCapture(4));
    System.out.println("reqbufs error: " + e.getMessage());
    assertEquals("VIDIOC_REQBUFS", e.operation());
    assertEquals("EINVAL", e.errnoName());
    assertEquals(new Vivid.Usage(1, 0), Vivid.Usage.of(path));
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release();
    }
  }

  @Test
  void aFailingQbufIsATypedErrorAndTheOtherBuffersGoOn() throws Exception {
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release();
      press("inject_vidioc_qbuf_error");
      Frame f = next(stream);
      InvalidRequestException e = assertThrows(InvalidRequestException.class, f::release);
      System.out.println("qbuf error: " + e.getMessage());
      assertEquals("VIDIOC_QBUF", e.operation());
      assertEquals("EINVAL", e.errnoName());
      for (int i = 0; i < 5; i++) {
        next(stream).release();
      }
    }
  }

  @Test
  void droppedBuffersShowAsSequenceGaps() throws Exception {
    camera.controls().set("percentage_of_dropped_buffers", 50);
    try (CaptureStream stream = camera.startCapture(4)) {
      long gaps = 0;
      long last = -1;
      for (int i = 0; i < 30; i++) {
        try (Frame f = next(stream)) {
          if (last >= 0) {
            gaps += f.sequence() - last - 1;
          }
          last = f.sequence();
        }
      }
      System.out.println("50% dropped: " + gaps + " gaps in 30 frames; " + stream.stats());
      assertTrue(gaps >= 5, gaps + " gaps");
      assertEquals(gaps, stream.stats().sequenceGaps());
    } finally {
      camera.controls().set("percentage_of_dropped_buffers", 0);
    }
  }

  @Test
  void theSequenceNumberWrapsWithoutAGap() throws Exception {
    camera.controls().set("wrap_sequence_number", 1);
    try (CaptureStream stream = camera.startCapture(4)) {
      long first;
      try (Frame f = next(stream)) {
        first = f.sequence();
      }
      assertEquals(0xFFFF_FF80L, first, "vivid starts 128 frames before the wrap");
      long last = first;
      long skipped = 0; // by vivid, when this reader was too slow (a loaded VM): real gaps
      for (int i = 1; i < 132; i++) {
        try (Frame f = next(stream)) {
          long step = (f.sequence() - last) & 0xFFFF_FFFFL;
          assertTrue(step >= 1 && step < 64, "from " + last + " to " + f.sequence());
          skipped += step - 1;
          last = f.sequence();
        }
      }
      System.out.println("wrap: " + first + " .. " + last + "; " + stream.stats());
      assertEquals(3 + skipped, last, "past the wrap");
      // The wrap itself is no gap: the library counts only the frames vivid skipped.
      assertEquals(new CaptureStats(132, 0, 0, skipped), stream.stats());
    } finally {
      camera.controls().set("wrap_sequence_number", 0);
    }
  }

  @Test
  void aFatalStreamingErrorIsTheUnplugExceptionAndTheDeviceRecovers() throws Exception {
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release();
      assertInUse(stream);
      press("inject_fatal_streaming_error");
      DeviceGoneException e = assertThrows(DeviceGoneException.class, () -> drain(stream));
      System.out.println("fatal streaming error: " + e.getMessage());
      assertEquals("EIO", e.errnoName());
      assertTrue(List.of("VIDIOC_DQBUF", "VIDIOC_QBUF").contains(e.operation()), e.operation());
    }
    assertEquals(new Vivid.Usage(1, 0), Vivid.Usage.of(path), "buffers unmapped");
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release(); // streaming again on the same descriptor
    }
  }

  @Test
  void aDisconnectIsTheUnplugExceptionAndNothingLeaks() throws Exception {
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release();
      assertInUse(stream);
      press(Vivid.DISCONNECT);
      DeviceGoneException e = assertThrows(DeviceGoneException.class, () -> drain(stream));
      System.out.println("disconnect: " + e.getMessage());
      assertEquals("ENODEV", e.errnoName());
    }
    camera.close();
    assertEquals(baseline, Vivid.Usage.of(path), "closed after the unplug");
    // vivid comes back when the last descriptor of a disconnected device is closed.
    camera = V4l2Device.open(path);
    camera.setFormat(Format.of(640, 480, FourCc.YUYV));
    try (CaptureStream stream = camera.startCapture(4)) {
      next(stream).release();
    }
  }

  /** Takes frames until the stream fails; fails itself after 5 s without a failure. */
  private static void drain(CaptureStream stream) {
    long end = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < end) {
      Frame f = stream.next(500);
      if (f != null) {
        f.release();
      }
    }
    throw new AssertionError("the stream did not fail within 5 s");
  }

  @Test
  void theUnpluggedDeviceCannotBeOpenedUntilItIsBack() throws Exception {
    V4l2Device second = V4l2Device.open(path);
    try {
      second.controls().set(Vivid.DISCONNECT, 1);
      V4l2Exception e = assertThrows(V4l2Exception.class, () -> V4l2Device.open(path).close());
      System.out.println("open while unplugged: " + e.getMessage());
      assertTrue(e instanceof DeviceGoneException, e.toString());
    } finally {
      second.close();
      camera.close();
    }
    camera = V4l2Device.open(path); // the last descriptor closed: vivid reconnected
  }
}
