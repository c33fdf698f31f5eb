package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_DONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_MAPPED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_QUEUED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MASK;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The videobuf2 and gspca rules the fake keeps, checked call by call below the library. */
class DriverRulesTest {
  private final FakeEyetoy fake = new FakeEyetoy();
  private final Seam seam = new Seam(fake);

  /** Opens, allocates {@code count} buffers, maps and queues them all, streams. */
  private int streamWith(int count, boolean nonBlocking) {
    int fd = seam.open(nonBlocking);
    int granted = seam.reqbufs(fd, count);
    for (int i = 0; i < granted; i++) {
      assertTrue(seam.mmap(fd, i) > 0);
      assertEquals(0, seam.qbuf(fd, i));
    }
    assertEquals(0, seam.streamon(fd));
    return fd;
  }

  @Test
  void querycapReportsTheOv534DriverAndItsCapabilities() {
    int fd = seam.open(true);
    NativeStruct cap = seam.struct(seam.layouts.capability());
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYCAP, cap));
    assertEquals("ov534", cap.getString("driver"));
    assertEquals("USB Camera-B4.09.24.1", cap.getString("card"));
    assertTrue(cap.getString("bus_info").startsWith("usb-"));
    int expected =
        V4l2Constants.V4L2_CAP_VIDEO_CAPTURE
            | V4l2Constants.V4L2_CAP_STREAMING
            | V4l2Constants.V4L2_CAP_READWRITE
            | V4l2Constants.V4L2_CAP_EXT_PIX_FORMAT;
    assertEquals(expected, cap.getInt("device_caps"));
    assertEquals(expected | V4l2Constants.V4L2_CAP_DEVICE_CAPS, cap.getInt("capabilities"));
  }

  @Test
  void dequeueWhileNotStreamingIsEinval() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 4);
    seam.qbuf(fd, 0);
    assertEquals(-Errno.EINVAL, seam.dqbuf(fd, seam.buffer(0)));
  }

  @Test
  void nonBlockingDequeueWithNoFrameReadyIsEagain() {
    int fd = streamWith(4, true);
    assertEquals(-Errno.EAGAIN, seam.dqbuf(fd, seam.buffer(0)), "the first frame is 33 ms away");
  }

  @Test
  void blockingDequeueWaitsForTheNextFrame() {
    int fd = streamWith(4, false);
    long start = System.nanoTime();
    NativeStruct b = seam.buffer(0);
    assertEquals(0, seam.dqbuf(fd, b));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 25 && waitedMillis < 2000, "waited " + waitedMillis + " ms");
    assertEquals(0, b.get("sequence"));
  }

  @Test
  void queueingABufferTwiceIsEinval() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 4);
    assertEquals(0, seam.qbuf(fd, 1));
    assertEquals(-Errno.EINVAL, seam.qbuf(fd, 1));
  }

  @Test
  void queueingABufferIndexPastTheEndIsEinval() {
    int fd = seam.open(true);
    int granted = seam.reqbufs(fd, 4);
    assertEquals(-Errno.EINVAL, seam.qbuf(fd, granted));
  }

  @Test
  void requestingBuffersWhileStreamingIsEbusy() {
    int fd = streamWith(4, true);
    assertEquals(-Errno.EBUSY, seam.reqbufs(fd, 4));
    assertEquals(-Errno.EBUSY, seam.reqbufs(fd, 0));
  }

  @Test
  void requestBuffersGrantsBetweenThreeAndThirtyTwo() {
    int fd = seam.open(true);
    assertEquals(3, seam.reqbufs(fd, 1));
    assertEquals(5, seam.reqbufs(fd, 5));
    assertEquals(32, seam.reqbufs(fd, 100));
    assertEquals(0, seam.reqbufs(fd, 0));
    assertEquals(0, fake.allocatedBuffers());
  }

  @Test
  void secondDescriptorCannotUseTheFirstOnesQueue() {
    int owner = streamWith(4, true);
    int other = seam.open(true);
    assertEquals(-Errno.EBUSY, seam.reqbufs(other, 4));
    assertEquals(-Errno.EBUSY, seam.dqbuf(other, seam.buffer(0)));
    assertEquals(-Errno.EBUSY, seam.streamoff(other));
    assertEquals(0, seam.querybuf(other, seam.buffer(0)), "anyone may query buffers");
    assertEquals(0, seam.streamoff(owner));
  }

  @Test
  void closingTheOwnerFreesTheQueueForTheNextDescriptor() {
    int owner = seam.open(true);
    seam.reqbufs(owner, 4);
    int other = seam.open(true);
    assertEquals(-Errno.EBUSY, seam.reqbufs(other, 4));
    assertEquals(0, fake.close(owner));
    assertEquals(4, seam.reqbufs(other, 4));
  }

  @Test
  void setFormatWhileBuffersExistIsEbusy() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 3);
    NativeStruct f = seam.struct(seam.layouts.format());
    f.set("type", 1).set("fmt.pix.width", 320).set("fmt.pix.height", 240);
    assertEquals(-Errno.EBUSY, seam.call(fd, V4l2Ioctl.VIDIOC_S_FMT, f));
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_TRY_FMT, f), "trying is always allowed");
  }

  @Test
  void buffersMappedWhenFreedStayValidUntilUnmapped() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 3);
    long address = seam.mmap(fd, 0);
    assertTrue(address > 0);
    assertEquals(0, seam.reqbufs(fd, 0), "videobuf2 orphans mapped buffers instead of refusing");
    assertEquals(1, fake.mappedBuffers());
    new Pointer(address).setByte(614_399, (byte) 1);
    assertEquals(0, fake.munmap(address, 614_400));
    assertEquals(0, fake.mappedBuffers());
    assertEquals(-Errno.EINVAL, fake.munmap(address, 614_400));
  }

  @Test
  void mmapRefusesUnknownOffsetsPrivateMapsAndOverlongLengths() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 3);
    int rw = V4l2Native.PROT_READ | V4l2Native.PROT_WRITE;
    assertEquals(-Errno.EINVAL, fake.mmap(614_400, rw, V4l2Native.MAP_SHARED, fd, 12_345));
    assertEquals(-Errno.EINVAL, fake.mmap(614_400, rw, 0, fd, 0));
    assertEquals(-Errno.EINVAL, fake.mmap(614_401, rw, V4l2Native.MAP_SHARED, fd, 0));
    assertEquals(-Errno.EBADF, fake.mmap(614_400, rw, V4l2Native.MAP_SHARED, 999, 0));
  }

  @Test
  void pollReportsAnErrorWhenNotStreaming() {
    int fd = seam.open(true);
    assertEquals(V4l2Native.POLLERR, fake.poll(fd, V4l2Native.POLLIN, 1000));
  }

  @Test
  void pollTimesOutWhenNoFrameIsDue() {
    int fd = streamWith(4, true);
    assertEquals(0, fake.poll(fd, V4l2Native.POLLIN, 0));
  }

  @Test
  void pollOnAnUnknownDescriptorIsPollnval() {
    assertEquals(V4l2Native.POLLNVAL, fake.poll(42, V4l2Native.POLLIN, 0));
  }

  @Test
  void streamingStartsOnlyOnceTwoBuffersAreQueued() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 3);
    seam.qbuf(fd, 0);
    seam.streamon(fd);
    assertEquals(0, fake.poll(fd, V4l2Native.POLLIN, 150), "one queued buffer: no frames");
    seam.qbuf(fd, 1);
    assertEquals(V4l2Native.POLLIN, fake.poll(fd, V4l2Native.POLLIN, 2000));
  }

  @Test
  void dequeuedBufferCarriesSequenceTimestampAndFlags() {
    int fd = streamWith(4, true);
    long before = System.nanoTime();
    assertEquals(V4l2Native.POLLIN, fake.poll(fd, V4l2Native.POLLIN, 2000));
    long after = System.nanoTime();
    NativeStruct b = seam.buffer(0);
    assertEquals(0, seam.dqbuf(fd, b));
    int flags = b.getInt("flags");
    assertEquals(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC, flags & V4L2_BUF_FLAG_TIMESTAMP_MASK);
    // DONE is cleared by DQBUF, as videobuf2 does (vb2_dqbuf; vivid shows it).
    assertEquals(V4L2_BUF_FLAG_MAPPED, flags & ~V4L2_BUF_FLAG_TIMESTAMP_MASK);
    assertEquals(0, b.get("sequence"));
    assertEquals(614_400, b.get("bytesused"));
    assertEquals(614_400, b.get("length"));
    assertEquals(V4l2Constants.V4L2_FIELD_NONE, b.get("field"));
    long stamp = b.get("timestamp.tv_sec") * 1_000_000_000L + b.get("timestamp.tv_usec") * 1000;
    assertTrue(stamp >= before - 40_000_000L && stamp <= after, "timestamp on nanoTime's clock");
  }

  @Test
  void aFilledBufferQueriesAsDoneUntilDequeued() throws InterruptedException {
    int fd = streamWith(4, true);
    Thread.sleep(200); // several frame slots at 30 fps: buffers 0 and 1 are filled
    NativeStruct b = seam.buffer(1);
    assertEquals(0, seam.querybuf(fd, b));
    assertEquals(V4L2_BUF_FLAG_DONE, b.getInt("flags") & V4L2_BUF_FLAG_DONE);
    NativeStruct d = seam.buffer(0);
    assertEquals(0, seam.dqbuf(fd, d));
    assertEquals(0, d.getInt("flags") & V4L2_BUF_FLAG_DONE, "DQBUF clears DONE");
  }

  @Test
  void queuedBufferQueriesAsQueued() {
    int fd = seam.open(true);
    seam.reqbufs(fd, 3);
    seam.qbuf(fd, 2);
    NativeStruct b = seam.buffer(2);
    assertEquals(0, seam.querybuf(fd, b));
    assertEquals(V4L2_BUF_FLAG_QUEUED, b.getInt("flags") & V4L2_BUF_FLAG_QUEUED);
    assertEquals(2L * 614_400, b.get("m.offset"));
  }

  @Test
  void framesMissedForWantOfBuffersLeaveSequenceGaps() throws InterruptedException {
    int fd = streamWith(3, true);
    Thread.sleep(400); // ~12 frame slots at 30 fps, only three buffers to fill
    NativeStruct b = seam.buffer(0);
    for (int expected = 0; expected < 3; expected++) {
      assertEquals(0, seam.dqbuf(fd, b));
      assertEquals(expected, b.get("sequence"), "the first frames fill the queued buffers");
      seam.qbuf(fd, b.getInt("index"));
    }
    assertEquals(V4l2Native.POLLIN, fake.poll(fd, V4l2Native.POLLIN, 2000));
    assertEquals(0, seam.dqbuf(fd, b));
    assertTrue(
        b.get("sequence") >= 10, "slots without a buffer were skipped: " + b.get("sequence"));
  }

  @Test
  void unknownRequestIsEnottyAndUnknownDescriptorEbadf() {
    int fd = seam.open(true);
    NativeStruct any = seam.struct(seam.layouts.capability());
    assertEquals(-Errno.ENOTTY, fake.ioctl(fd, 0xC0DE5601, any.pointer()));
    assertEquals(
        -Errno.EBADF, fake.ioctl(77, V4l2Ioctl.VIDIOC_QUERYCAP.request(seam.abi), any.pointer()));
    assertEquals(-Errno.EBADF, fake.close(77));
  }

  @Test
  void openOfAnotherNodeIsEnoent() {
    assertEquals(-Errno.ENOENT, fake.open("/dev/video1", V4l2Native.O_RDWR));
    assertEquals(List.of(FakeEyetoy.PATH), fake.deviceNodes());
  }

  @Test
  void unpluggedCameraAnswersEnodevAndItsNodeIsGone() {
    int fd = streamWith(3, true);
    long address = seam.mmap(fd, 0);
    fake.faults().unplug();
    NativeStruct cap = seam.struct(seam.layouts.capability());
    assertEquals(-Errno.ENODEV, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYCAP, cap));
    assertEquals(-Errno.ENODEV, seam.dqbuf(fd, seam.buffer(0)));
    assertEquals(
        V4l2Native.POLLERR | V4l2Native.POLLHUP,
        fake.poll(fd, V4l2Native.POLLIN, 1000),
        "a vanished device: error and hang-up, at once");
    assertEquals(-Errno.ENODEV, seam.mmap(fd, 1));
    assertEquals(-Errno.ENOENT, seam.open(true));
    assertEquals(List.of(), fake.deviceNodes());
    assertEquals(0, fake.munmap(address, 614_400), "unmapping still works");
    assertEquals(0, fake.close(fd), "closing still works");
  }

  @Test
  void replugDoesNotReviveDescriptorsOpenedBefore() {
    int old = seam.open(true);
    fake.faults().unplug();
    fake.faults().replug();
    NativeStruct cap = seam.struct(seam.layouts.capability());
    assertEquals(-Errno.ENODEV, seam.call(old, V4l2Ioctl.VIDIOC_QUERYCAP, cap));
    int fresh = seam.open(true);
    assertEquals(0, seam.call(fresh, V4l2Ioctl.VIDIOC_QUERYCAP, cap));
  }
}
