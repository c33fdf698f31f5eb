package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.Field;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Capturing a frame and giving it back allocates nothing: measured with the JVM's per-thread
 * allocation counter over a device that itself allocates nothing per call.
 */
class HotPathAllocationTest {
  /** Always has a frame ready; hands out buffers round-robin. Allocation-free per call. */
  private static final class FreeRunningDevice implements V4l2Native {
    private final V4l2Layouts l = V4l2Layouts.of(Abi.X86_64);
    private final StructLayout buf = l.buffer();
    private final Field index = buf.field("index");
    private final Field bytesUsed = buf.field("bytesused");
    private final Field sequenceField = buf.field("sequence");
    private final Field length = buf.field("length");
    private final Memory[] buffers = {new Memory(4096), new Memory(4096)};
    private final int querycap = V4l2Ioctl.VIDIOC_QUERYCAP.request(Abi.X86_64);
    private final int gfmt = V4l2Ioctl.VIDIOC_G_FMT.request(Abi.X86_64);
    private final int enumFmt = V4l2Ioctl.VIDIOC_ENUM_FMT.request(Abi.X86_64);
    private final int reqbufs = V4l2Ioctl.VIDIOC_REQBUFS.request(Abi.X86_64);
    private final int querybuf = V4l2Ioctl.VIDIOC_QUERYBUF.request(Abi.X86_64);
    private final int dqbuf = V4l2Ioctl.VIDIOC_DQBUF.request(Abi.X86_64);
    private int next;
    private int mapped;
    private int sequence;

    @Override
    public Abi abi() {
      return Abi.X86_64;
    }

    @Override
    public int open(String path, int flags) {
      return 3;
    }

    @Override
    public int close(int fd) {
      return 0;
    }

    @Override
    public int ioctl(int fd, int request, Pointer arg) {
      if (request == querycap) {
        l.capability().field("capabilities").set(arg, 0x0400_0001);
      } else if (request == gfmt) {
        l.format().field("fmt.pix.sizeimage").set(arg, 4096);
      } else if (request == enumFmt) {
        return -Errno.EINVAL;
      } else if (request == reqbufs) {
        l.requestBuffers().field("count").set(arg, 2);
      } else if (request == querybuf) {
        length.set(arg, 4096);
      } else if (request == dqbuf) {
        index.set(arg, next);
        bytesUsed.set(arg, 4096);
        sequenceField.set(arg, sequence++);
        next = (next + 1) % 2;
      }
      return 0;
    }

    @Override
    public long mmap(long len, int prot, int flags, int fd, long offset) {
      return Pointer.nativeValue(buffers[mapped++ % 2]);
    }

    @Override
    public int munmap(long address, long len) {
      return 0;
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
      return POLLIN;
    }
  }

  @Test
  void nextAndReleaseAllocateNothingPerFrame() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (V4l2Device device = V4l2Device.open("/dev/video0", new FreeRunningDevice());
        CaptureStream stream = device.startCapture(2)) {
      for (int i = 0; i < 20_000; i++) { // warm up, let the JIT settle
        stream.next(0).release();
      }
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      int frames = 100_000;
      long checksum = 0;
      for (int i = 0; i < frames; i++) {
        Frame f = stream.next(0);
        checksum += f.data().get(0) + f.sequence();
        f.release();
      }
      long allocated = threads.getThreadAllocatedBytes(tid) - before;
      assertNotNull(Long.valueOf(checksum));
      assertTrue(
          allocated < frames / 10,
          allocated + " bytes allocated for " + frames + " frames (expected none per frame)");
    }
  }
}
