package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated PS3 Eye (fake-eyetoy) against a real driver: one scenario of raw ioctls, the buffer
 * and format rules every videobuf2 driver shares, played on vivid and on the fake, must give the
 * same results, errno for errno and flag for flag. Where they differ, the simulation is wrong.
 */
@VividTest
class VividDriverRulesIT {
  private static final int CAPTURE = 1;
  private static final int OUTPUT = 2;
  private static final int MMAP = 1;
  private static final int USERPTR = 2;

  @Test
  void theSimulatedEyetoyFollowsTheBufferRulesOfTheRealDriver() throws Exception {
    List<String> real = play(JnaV4l2Native.instance(), DeviceUnderTest.path());
    List<String> simulated = play(new FakeEyetoy(), FakeEyetoy.PATH);
    System.out.println("driver rules on vivid: " + real);
    assertEquals(real, simulated, "vivid (expected) and the simulated Eyetoy (actual)");
  }

  /** Plays the scenario and records each step's result. */
  private static List<String> play(V4l2Native sys, String path) throws Exception {
    List<String> log = new ArrayList<>();
    Scenario s = new Scenario(sys, path, log);
    try {
      s.run();
    } finally {
      s.closeAll();
    }
    return log;
  }

  private static final class Scenario {
    private final V4l2Native sys;
    private final String path;
    private final List<String> log;
    private final V4l2Layouts layouts;
    private final Memory arg = new Memory(512);
    private final Memory type = new Memory(4);
    private final List<long[]> mappings = new ArrayList<>();
    private int fd = -1;
    private int other = -1;

    Scenario(V4l2Native sys, String path, List<String> log) {
      this.sys = sys;
      this.path = path;
      this.log = log;
      this.layouts = V4l2Layouts.of(sys.abi());
    }

    private int ioctl(int on, V4l2Ioctl io) {
      return sys.ioctl(on, io.request(sys.abi()), arg);
    }

    private void record(String step, int result) {
      log.add(step + ": " + (result < 0 ? Errno.name(-result) : Integer.toString(result)));
    }

    private NativeStruct format(int bufType) {
      arg.clear();
      NativeStruct f = NativeStruct.wrap(layouts.format(), arg);
      f.set("type", bufType)
          .set("fmt.pix.width", 640)
          .set("fmt.pix.height", 480)
          .set("fmt.pix.pixelformat", FourCc.YUYV & 0xFFFF_FFFFL);
      return f;
    }

    private int reqbufs(int on, int count, int memory) {
      arg.clear();
      NativeStruct r = NativeStruct.wrap(layouts.requestBuffers(), arg);
      r.set("count", count).set("type", CAPTURE).set("memory", memory);
      int result = ioctl(on, V4l2Ioctl.VIDIOC_REQBUFS);
      return result < 0 ? result : r.getInt("count");
    }

    private NativeStruct buffer(int index, int memory) {
      arg.clear();
      NativeStruct b = NativeStruct.wrap(layouts.buffer(), arg);
      b.set("index", index).set("type", CAPTURE).set("memory", memory);
      return b;
    }

    /** QUERYBUF: the state flags (mapped, queued, done, error), or the errno. */
    private String querybuf(int index) {
      NativeStruct b = buffer(index, MMAP);
      int r = ioctl(fd, V4l2Ioctl.VIDIOC_QUERYBUF);
      return r < 0 ? Errno.name(-r) : stateFlags(b.getInt("flags"));
    }

    private static String stateFlags(int flags) {
      String[] names = {"mapped", "queued", "done", "keyframe", "pframe", "bframe", "error"};
      List<String> set = new ArrayList<>();
      for (int bit = 0; bit < names.length; bit++) {
        if ((flags & (1 << bit)) != 0) {
          set.add(names[bit]);
        }
      }
      set.add((flags & 0xe000) == 0x2000 ? "monotonic" : "clock " + (flags & 0xe000));
      return String.join(",", set);
    }

    private int stream(V4l2Ioctl io, int bufType) {
      type.setInt(0, bufType);
      return sys.ioctl(fd, io.request(sys.abi()), type);
    }

    private String poll(int timeout) {
      int r = sys.poll(fd, V4l2Native.POLLIN, timeout);
      if (r < 0) {
        return Errno.name(-r);
      }
      List<String> set = new ArrayList<>();
      if ((r & V4l2Native.POLLIN) != 0) {
        set.add("in");
      }
      if ((r & V4l2Native.POLLERR) != 0) {
        set.add("err");
      }
      if ((r & V4l2Native.POLLHUP) != 0) {
        set.add("hup");
      }
      return set.isEmpty() ? "nothing" : String.join(",", set);
    }

    void run() throws Exception {
      fd = sys.open(path, V4l2Native.O_RDWR | V4l2Native.O_NONBLOCK | V4l2Native.O_CLOEXEC);
      record("open", Math.min(fd, 0));
      NativeStruct f = format(CAPTURE);
      record("S_FMT 640x480 YUYV", ioctl(fd, V4l2Ioctl.VIDIOC_S_FMT));
      log.add(
          "format: "
              + f.getInt("fmt.pix.width")
              + "x"
              + f.getInt("fmt.pix.height")
              + " field "
              + f.getInt("fmt.pix.field")
              + " bytesperline "
              + f.getInt("fmt.pix.bytesperline")
              + " sizeimage "
              + f.getInt("fmt.pix.sizeimage"));
      format(OUTPUT);
      record("S_FMT of an output type on a capture node", ioctl(fd, V4l2Ioctl.VIDIOC_S_FMT));
      buffer(0, MMAP);
      record("DQBUF before any buffer", ioctl(fd, V4l2Ioctl.VIDIOC_DQBUF));
      record("STREAMON before any buffer", stream(V4l2Ioctl.VIDIOC_STREAMON, CAPTURE));
      // No poll before REQBUFS: on a driver that offers read() (vivid, and gspca for the PS3 Eye)
      // polling a queue without buffers starts videobuf2's read() emulation, which the simulation
      // does not have (fake-eyetoy README, departures) and the library never does.
      // No REQBUFS USERPTR either: vivid and gspca grant it, the simulation has memory-mapped
      // buffers only (a documented departure); a QBUF of the wrong memory type is compared below.
      int count = reqbufs(fd, 4, MMAP);
      record("REQBUFS 4 MMAP", Math.min(0, count));
      log.add("QUERYBUF unmapped: " + querybuf(0));
      log.add("QUERYBUF past the last: " + querybuf(count));
      for (int i = 0; i < count; i++) {
        NativeStruct b = buffer(i, MMAP);
        ioctl(fd, V4l2Ioctl.VIDIOC_QUERYBUF);
        long length = b.get("length");
        long address =
            sys.mmap(
                length,
                V4l2Native.PROT_READ | V4l2Native.PROT_WRITE,
                V4l2Native.MAP_SHARED,
                fd,
                b.get("m.offset"));
        if (i == 0) {
          log.add(
              "length: " + length + ", mmap: " + (address > 0 ? "ok" : Errno.name((int) -address)));
        }
        mappings.add(new long[] {address, length});
      }
      log.add("QUERYBUF mapped: " + querybuf(0));
      format(CAPTURE);
      record("S_FMT with buffers", ioctl(fd, V4l2Ioctl.VIDIOC_S_FMT));
      other = sys.open(path, V4l2Native.O_RDWR | V4l2Native.O_NONBLOCK | V4l2Native.O_CLOEXEC);
      record("REQBUFS from a second descriptor", Math.min(0, reqbufs(other, 4, MMAP)));
      buffer(0, MMAP);
      record("QBUF from a second descriptor", ioctl(other, V4l2Ioctl.VIDIOC_QBUF));
      format(CAPTURE);
      record("S_FMT from a second descriptor", ioctl(other, V4l2Ioctl.VIDIOC_S_FMT));
      record("G_FMT from a second descriptor", ioctl(other, V4l2Ioctl.VIDIOC_G_FMT));
      sys.close(other);
      other = -1;
      buffer(count, MMAP);
      record("QBUF past the last", ioctl(fd, V4l2Ioctl.VIDIOC_QBUF));
      buffer(0, USERPTR);
      record("QBUF with the wrong memory", ioctl(fd, V4l2Ioctl.VIDIOC_QBUF));
      buffer(0, MMAP);
      record("QBUF 0", ioctl(fd, V4l2Ioctl.VIDIOC_QBUF));
      log.add(
          "QBUF returns: " + stateFlags(NativeStruct.wrap(layouts.buffer(), arg).getInt("flags")));
      log.add("QUERYBUF queued: " + querybuf(0));
      buffer(0, MMAP);
      record("QBUF 0 again", ioctl(fd, V4l2Ioctl.VIDIOC_QBUF));
      for (int i = 1; i < count; i++) {
        buffer(i, MMAP);
        ioctl(fd, V4l2Ioctl.VIDIOC_QBUF);
      }
      log.add("poll queued, not streaming: " + poll(0));
      buffer(0, MMAP);
      record("DQBUF queued, not streaming", ioctl(fd, V4l2Ioctl.VIDIOC_DQBUF));
      record("STREAMON of an output type", stream(V4l2Ioctl.VIDIOC_STREAMON, OUTPUT));
      record("STREAMON", stream(V4l2Ioctl.VIDIOC_STREAMON, CAPTURE));
      record("STREAMON again", stream(V4l2Ioctl.VIDIOC_STREAMON, CAPTURE));
      record("REQBUFS while streaming", Math.min(0, reqbufs(fd, 4, MMAP)));
      log.add("poll for a frame: " + poll(2000));
      NativeStruct b = buffer(0, MMAP);
      record("DQBUF", ioctl(fd, V4l2Ioctl.VIDIOC_DQBUF));
      int index = b.getInt("index");
      log.add(
          "dequeued: index "
              + index
              + ", "
              + stateFlags(b.getInt("flags"))
              + ", field "
              + b.getInt("field")
              + ", bytesused "
              + b.get("bytesused")
              + ", sequence "
              + b.get("sequence"));
      log.add("QUERYBUF dequeued: " + querybuf(index));
      Thread.sleep(400); // vivid at 25 fps and the fake at 30 fps have filled the next by now
      log.add("QUERYBUF done, not dequeued: " + querybuf((index + 1) % count));
      buffer(index, MMAP);
      record("QBUF the dequeued buffer", ioctl(fd, V4l2Ioctl.VIDIOC_QBUF));
      record("STREAMOFF", stream(V4l2Ioctl.VIDIOC_STREAMOFF, CAPTURE));
      log.add("QUERYBUF after STREAMOFF: " + querybuf(index));
      log.add("poll after STREAMOFF: " + poll(0));
      buffer(0, MMAP);
      record("DQBUF after STREAMOFF", ioctl(fd, V4l2Ioctl.VIDIOC_DQBUF));
      record("STREAMOFF again", stream(V4l2Ioctl.VIDIOC_STREAMOFF, CAPTURE));
      record("REQBUFS 0 while mapped", Math.min(0, reqbufs(fd, 0, MMAP)));
      log.add("QUERYBUF after freeing: " + querybuf(0));
    }

    void closeAll() {
      for (long[] m : mappings) {
        if (m[0] > 0) {
          sys.munmap(m[0], m[1]);
        }
      }
      if (other >= 0) {
        sys.close(other);
      }
      if (fd >= 0) {
        sys.close(fd);
      }
    }
  }
}
