package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptureStreamTest {
  private static final int FRAME_BYTES = 640 * 480 * 2;

  private final ScriptedCamera camera = new ScriptedCamera();
  private final V4l2Device device = V4l2Device.open(ScriptedCamera.PATH, camera);

  @AfterEach
  void closeDevice() {
    device.close();
  }

  @Test
  void framesCarryTheDriversMetadata() {
    camera.deliverGoodFrames(2);
    try (CaptureStream stream = device.startCapture(4)) {
      try (Frame first = stream.next(1000)) {
        assertEquals(0, first.sequence());
        assertEquals(FRAME_BYTES, first.bytesUsed());
        assertTrue(first.timestampMonotonic());
        assertEquals(1000L * 1_000_000_000L, first.timestampNanos());
      }
      try (Frame second = stream.next(1000)) {
        assertEquals(1, second.sequence());
        assertEquals(1000L * 1_000_000_000L + 33_333_000L, second.timestampNanos());
      }
    }
  }

  @Test
  void frameDataIsTheDriverBufferAsAReadOnlyView() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4);
        Frame frame = stream.next(1000)) {
      assertEquals(FRAME_BYTES, frame.data().remaining());
      assertEquals(0, frame.data().get(0));
      assertEquals(5, frame.data().get(5));
      assertThrows(ReadOnlyBufferException.class, () -> frame.data().put(0, (byte) 1));
    }
  }

  @Test
  void theDriverMayGrantMoreBuffersThanAskedFor() {
    try (CaptureStream stream = device.startCapture(1)) {
      assertEquals(2, stream.bufferCount());
    }
  }

  @Test
  void releasingAFrameQueuesItsBufferAgain() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      Frame frame = stream.next(1000);
      assertEquals(3, camera.queuedBuffers());
      frame.release();
      assertEquals(4, camera.queuedBuffers());
    }
  }

  @Test
  void dataOfAReleasedFrameIsRefused() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      Frame frame = stream.next(1000);
      frame.release();
      assertFalse(frame.isHeld());
      assertThrows(IllegalStateException.class, frame::data);
    }
  }

  @Test
  void releasingTwiceQueuesOnce() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      Frame frame = stream.next(1000);
      frame.release();
      frame.release();
      assertEquals(4 + 1, camera.calls(V4l2Ioctl.VIDIOC_QBUF));
    }
  }

  @Test
  void frameObjectsAreReusedPerBuffer() {
    camera.deliverGoodFrames(3);
    try (CaptureStream stream = device.startCapture(2)) {
      Frame a = stream.next(1000);
      a.release();
      Frame b = stream.next(1000);
      b.release();
      Frame c = stream.next(1000);
      assertSame(a, c);
      c.release();
    }
  }

  @Test
  void noFrameWithinTheTimeoutGivesNull() {
    try (CaptureStream stream = device.startCapture(4)) {
      assertNull(stream.next(10));
    }
  }

  @Test
  void aBufferFlaggedAsErrorIsCountedReportedAndNotDelivered() {
    camera.deliverErrorFrame().deliverGoodFrames(1);
    List<String> reports = new ArrayList<>();
    try (CaptureStream stream = device.startCapture(4)) {
      stream.onRejectedFrame(
          (reason, index, sequence, bytes, flags) -> reports.add(reason + " #" + sequence));
      try (Frame frame = stream.next(1000)) {
        assertEquals(1, frame.sequence());
      }
      assertEquals(List.of("ERROR_FLAG #0"), reports);
      assertEquals(new CaptureStats(1, 1, 0, 0), stream.stats());
      assertEquals(4, camera.queuedBuffers(), "the rejected buffer went back to the driver");
    }
  }

  @Test
  void aShortFrameIsCountedReportedAndNotDelivered() {
    camera.deliverShortFrame(1000).deliverGoodFrames(1);
    List<String> reports = new ArrayList<>();
    try (CaptureStream stream = device.startCapture(4)) {
      stream.onRejectedFrame(
          (reason, index, seq, bytes, flags) -> reports.add(reason + " " + bytes));
      try (Frame frame = stream.next(1000)) {
        assertEquals(FRAME_BYTES, frame.bytesUsed());
      }
      assertEquals(List.of("SHORT 1000"), reports);
      assertEquals(1, stream.stats().shortFrames());
    }
  }

  @Test
  void onlyBadFramesWithinTheTimeoutGiveNull() {
    camera.deliverErrorFrame().deliverShortFrame(10);
    try (CaptureStream stream = device.startCapture(4)) {
      assertNull(stream.next(20));
      assertEquals(new CaptureStats(0, 1, 1, 0), stream.stats());
    }
  }

  @Test
  void compressedFramesMayBeSmallerThanTheImageSize() {
    device.setFormat(Format.of(640, 480, FourCc.MJPG));
    camera.deliverShortFrame(1000);
    try (CaptureStream stream = device.startCapture(4);
        Frame frame = stream.next(1000)) {
      assertEquals(1000, frame.bytesUsed());
    }
  }

  @Test
  void droppedFramesShowAsSequenceGaps() {
    camera.deliverGoodFrames(1).dropFrames(3).deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      stream.next(1000).release();
      try (Frame frame = stream.next(1000)) {
        assertEquals(4, frame.sequence());
      }
      assertEquals(3, stream.stats().sequenceGaps());
    }
  }

  @Test
  void anInterruptedPollIsRetried() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      camera.nextPoll(-Errno.EINTR);
      try (Frame frame = stream.next(1000)) {
        assertNotNull(frame);
      }
    }
  }

  @Test
  void eagainFromDequeueGoesBackToWaiting() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      camera.failNext(V4l2Ioctl.VIDIOC_DQBUF, Errno.EAGAIN);
      try (Frame frame = stream.next(1000)) {
        assertEquals(0, frame.sequence());
      }
      assertEquals(2, camera.calls(V4l2Ioctl.VIDIOC_DQBUF));
    }
  }

  @Test
  void anInterruptedDequeueIsRetried() {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      camera.failNext(V4l2Ioctl.VIDIOC_DQBUF, Errno.EINTR);
      assertNotNull(stream.next(1000));
    }
  }

  @Test
  void aPollFailureIsATypedError() {
    try (CaptureStream stream = device.startCapture(4)) {
      camera.nextPoll(-Errno.ENOMEM);
      V4l2Exception e = assertThrows(V4l2Exception.class, () -> stream.next(1000));
      assertEquals("poll on /dev/video0 failed: ENOMEM (Cannot allocate memory)", e.getMessage());
    }
  }

  @Test
  void unpluggingMidStreamThrowsDeviceGone() {
    camera.deliverGoodFrames(1).unplug();
    try (CaptureStream stream = device.startCapture(4)) {
      stream.next(1000).release();
      DeviceGoneException e = assertThrows(DeviceGoneException.class, () -> stream.next(1000));
      assertEquals("VIDIOC_DQBUF on /dev/video0 failed: ENODEV (No such device)", e.getMessage());
    }
  }

  @Test
  void sequenceGapsAreCountedAcrossTheWrapOfTheDriversCounter() {
    // vivid's wrap_sequence_number starts the counter at 0xffffff80; a frame lost at the wrap is
    // still one gap, and the wrap itself is none.
    camera.sequenceFrom(0xFFFF_FFFE).deliverGoodFrames(1).dropFrames(1).deliverGoodFrames(2);
    try (CaptureStream stream = device.startCapture(4)) {
      try (Frame frame = stream.next(1000)) {
        assertEquals(0xFFFF_FFFEL, frame.sequence());
      }
      try (Frame frame = stream.next(1000)) {
        assertEquals(0, frame.sequence());
      }
      try (Frame frame = stream.next(1000)) {
        assertEquals(1, frame.sequence());
      }
      assertEquals(1, stream.stats().sequenceGaps());
    }
  }

  @Test
  void aSequenceThatStartsAgainIsNoGap() {
    camera.sequenceFrom(1000).deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      stream.next(1000).release();
      camera.sequenceFrom(0).deliverGoodFrames(1);
      try (Frame frame = stream.next(1000)) {
        assertEquals(0, frame.sequence());
      }
      assertEquals(0, stream.stats().sequenceGaps());
    }
  }

  @Test
  void aQueueErrorFromDequeueIsTheDeviceGone() {
    // videobuf2 answers EIO once the driver has ended the stream (vivid's
    // inject_fatal_streaming_error; gspca and uvcvideo on an unplug, before the node goes away).
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(4)) {
      camera.failNext(V4l2Ioctl.VIDIOC_DQBUF, Errno.EIO);
      DeviceGoneException e = assertThrows(DeviceGoneException.class, () -> stream.next(1000));
      assertEquals("VIDIOC_DQBUF on /dev/video0 failed: EIO (Input/output error)", e.getMessage());
      assertEquals("VIDIOC_DQBUF", e.operation());
      assertEquals(Errno.EIO, e.errno());
    }
    assertEquals(0, camera.mappedBuffers());
  }

  @Test
  void aQueueErrorWhenGivingABufferBackIsTheDeviceGone() {
    camera.deliverGoodFrames(2);
    try (CaptureStream stream = device.startCapture(4)) {
      Frame frame = stream.next(1000);
      camera.failNext(V4l2Ioctl.VIDIOC_QBUF, Errno.EIO);
      DeviceGoneException e = assertThrows(DeviceGoneException.class, frame::release);
      assertEquals("VIDIOC_QBUF on /dev/video0 failed: EIO (Input/output error)", e.getMessage());
      assertFalse(frame.isHeld());
    }
    assertEquals(0, camera.mappedBuffers());
  }

  @Test
  void closingAfterAnUnplugStillReleasesEverything() {
    camera.deliverGoodFrames(1).unplug();
    CaptureStream stream = device.startCapture(4);
    Frame held = stream.next(1000);
    assertThrows(DeviceGoneException.class, () -> stream.next(1000));
    device.close();
    assertFalse(held.isHeld());
    assertEquals(0, camera.mappedBuffers());
    assertEquals(0, camera.openDescriptors());
  }

  @Test
  void closingStopsStreamingUnmapsAndFreesTheBuffers() {
    CaptureStream stream = device.startCapture(4);
    assertTrue(camera.streaming());
    assertEquals(4, camera.mappedBuffers());
    stream.close();
    assertFalse(camera.streaming());
    assertEquals(0, camera.mappedBuffers());
    assertEquals(0, camera.allocatedBuffers());
    assertFalse(stream.isOpen());
  }

  @Test
  void closingTheDeviceClosesItsStream() {
    camera.deliverGoodFrames(1);
    CaptureStream stream = device.startCapture(4);
    Frame frame = stream.next(1000);
    device.close();
    assertFalse(stream.isOpen());
    assertThrows(IllegalStateException.class, frame::data);
    assertEquals(0, camera.mappedBuffers());
    assertEquals(0, camera.openDescriptors());
  }

  @Test
  void aFailedStreamonUndoesEverything() {
    camera.failNext(V4l2Ioctl.VIDIOC_STREAMON, Errno.EBUSY);
    DeviceBusyException e = assertThrows(DeviceBusyException.class, () -> device.startCapture(4));
    assertEquals(
        "VIDIOC_STREAMON on /dev/video0 failed: EBUSY (Device or resource busy)", e.getMessage());
    assertEquals(0, camera.mappedBuffers());
    assertEquals(0, camera.allocatedBuffers());
    device.startCapture(4).close(); // and the device is usable again
  }

  @Test
  void aFailedMmapUndoesEverything() {
    camera.failMmapOf(2);
    V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.startCapture(4));
    assertEquals("mmap on /dev/video0 failed: ENOMEM (Cannot allocate memory)", e.getMessage());
    assertEquals(0, camera.mappedBuffers());
    assertEquals(0, camera.allocatedBuffers());
  }

  @Test
  void aFailureWhileClosingIsThrownAfterEverythingIsReleased() {
    CaptureStream stream = device.startCapture(4);
    camera.failNext(V4l2Ioctl.VIDIOC_STREAMOFF, Errno.EIO);
    V4l2Exception e = assertThrows(V4l2Exception.class, stream::close);
    assertEquals("VIDIOC_STREAMOFF", e.operation());
    assertEquals(0, camera.mappedBuffers(), "unmapped although STREAMOFF failed");
    assertEquals(1, e.getSuppressed().length, "REQBUFS(0) was attempted too");
    assertEquals(
        "VIDIOC_REQBUFS on /dev/video0 failed: EBUSY (Device or resource busy)",
        e.getSuppressed()[0].getMessage());
    assertFalse(stream.isOpen());
  }

  @Test
  void aSecondStreamWhileOneIsOpenIsRefused() {
    try (CaptureStream stream = device.startCapture(4)) {
      assertThrows(IllegalStateException.class, () -> device.startCapture(4));
    }
  }

  @Test
  void changingTheFormatWhileStreamingIsBusy() {
    try (CaptureStream stream = device.startCapture(4)) {
      assertThrows(
          DeviceBusyException.class, () -> device.setFormat(Format.of(320, 240, FourCc.YUYV)));
    }
  }

  @Test
  void aDeviceWithoutStreamingIoCannotCapture() {
    camera.withDeviceCaps(V4l2Constants.V4L2_CAP_VIDEO_CAPTURE);
    try (V4l2Device readOnly = V4l2Device.open(ScriptedCamera.PATH, camera)) {
      assertThrows(V4l2Exception.class, () -> readOnly.startCapture(4));
    }
  }

  @Test
  void framesCanBeReleasedFromAnotherThread() throws Exception {
    camera.deliverGoodFrames(1);
    try (CaptureStream stream = device.startCapture(2)) {
      Frame frame = stream.next(1000);
      Thread t = new Thread(frame::release);
      t.start();
      t.join(5000);
      assertFalse(frame.isHeld());
      assertEquals(2, camera.queuedBuffers());
    }
  }

  @Test
  void closingFromAnotherThreadMakesNextFail() throws Exception {
    try (CaptureStream stream = device.startCapture(2)) {
      Thread t = new Thread(stream::close);
      t.start();
      t.join(5000);
      assertThrows(IllegalStateException.class, () -> stream.next(10));
    }
  }
}
