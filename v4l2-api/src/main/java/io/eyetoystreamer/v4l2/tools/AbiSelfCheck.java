package io.eyetoystreamer.v4l2.tools;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line self-check of the V4L2 ABI layer on the running JVM, for a machine (or an emulated
 * ARM userland) where no camera can be used. It prints the architecture the JVM reports, then
 * checks, and prints each comparison:
 *
 * <ol>
 *   <li>that the detected {@link Abi} fits {@code os.arch} and JNA's native pointer and {@code
 *       long} sizes;
 *   <li>the library's computed layouts and ioctl numbers for that ABI against numbers written down
 *       here independently (GCC 12 with the Linux 6.1 {@code videodev2.h}: the ABI-dependent sizes
 *       and offsets, and all ioctl numbers);
 *   <li>the same offsets as JNA computes them at run time for {@code Structure}s declared with
 *       {@code NativeLong} and {@code Pointer} (JNA asks the native side for the alignment rules),
 *       and a round trip of values written through the library's layout and read back by JNA;
 *   <li>every call of the native seam ({@code open}, {@code ioctl}, {@code poll}, {@code mmap},
 *       {@code munmap}, {@code close}) on {@code /dev/null} and a temporary file. The V4L2 ioctl
 *       there must fail with an errno: {@code ENOTTY} from a real kernel, {@code ENOSYS} under
 *       qemu-user, which passes no V4L2 ioctl through.
 * </ol>
 *
 * <pre>
 * java -cp eyetoy-streamer.jar io.eyetoystreamer.v4l2.tools.AbiSelfCheck
 * </pre>
 *
 * <p>Exit status 0 when every check passes, 1 otherwise (the last line says PASS or FAIL).
 */
public final class AbiSelfCheck {
  /** Ioctl numbers that are the same on every ABI (no argument holds a long, pointer or time_t). */
  private static final Map<V4l2Ioctl, Integer> COMMON_IOCTLS =
      Map.ofEntries(
          Map.entry(V4l2Ioctl.VIDIOC_QUERYCAP, 0x80685600),
          Map.entry(V4l2Ioctl.VIDIOC_ENUM_FMT, 0xC0405602),
          Map.entry(V4l2Ioctl.VIDIOC_REQBUFS, 0xC0145608),
          Map.entry(V4l2Ioctl.VIDIOC_STREAMON, 0x40045612),
          Map.entry(V4l2Ioctl.VIDIOC_STREAMOFF, 0x40045613),
          Map.entry(V4l2Ioctl.VIDIOC_G_PARM, 0xC0CC5615),
          Map.entry(V4l2Ioctl.VIDIOC_S_PARM, 0xC0CC5616),
          Map.entry(V4l2Ioctl.VIDIOC_ENUMINPUT, 0xC050561A),
          Map.entry(V4l2Ioctl.VIDIOC_G_CTRL, 0xC008561B),
          Map.entry(V4l2Ioctl.VIDIOC_S_CTRL, 0xC008561C),
          Map.entry(V4l2Ioctl.VIDIOC_QUERYCTRL, 0xC0445624),
          Map.entry(V4l2Ioctl.VIDIOC_QUERYMENU, 0xC02C5625),
          Map.entry(V4l2Ioctl.VIDIOC_G_INPUT, 0x80045626),
          Map.entry(V4l2Ioctl.VIDIOC_ENUM_FRAMESIZES, 0xC02C564A),
          Map.entry(V4l2Ioctl.VIDIOC_ENUM_FRAMEINTERVALS, 0xC034564B),
          Map.entry(V4l2Ioctl.VIDIOC_ENCODER_CMD, 0xC028564D),
          Map.entry(V4l2Ioctl.VIDIOC_TRY_ENCODER_CMD, 0xC028564E),
          Map.entry(V4l2Ioctl.VIDIOC_SUBSCRIBE_EVENT, 0x4020565A),
          Map.entry(V4l2Ioctl.VIDIOC_UNSUBSCRIBE_EVENT, 0x4020565B),
          Map.entry(V4l2Ioctl.VIDIOC_QUERY_EXT_CTRL, 0xC0E85667));

  private final PrintStream out;
  private int checks;
  private int failures;

  private AbiSelfCheck(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the check on the running JVM and exits with its status.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.exit(run(System.out));
  }

  /**
   * Runs the check on the running JVM.
   *
   * @param out where to print
   * @return 0 when every check passed, 1 otherwise
   */
  public static int run(PrintStream out) {
    return new AbiSelfCheck(out).runAll();
  }

  private int runAll() {
    String arch = System.getProperty("os.arch", "?");
    out.printf(
        "os.arch=%s sun.arch.data.model=%s Native.POINTER_SIZE=%d Native.LONG_SIZE=%d"
            + " java.version=%s jna=%s%n",
        arch,
        System.getProperty("sun.arch.data.model", "?"),
        Native.POINTER_SIZE,
        Native.LONG_SIZE,
        System.getProperty("java.version"),
        Native.VERSION);
    Abi abi;
    try {
      abi = AbiDetector.current();
    } catch (UnsupportedOperationException e) {
      out.println("FAIL " + e.getMessage());
      return 1;
    }
    out.println("detected ABI: " + abi);
    checkDetection(arch, abi);
    checkLayouts(abi);
    checkJnaAgrees(abi);
    checkNativeSeam(abi);
    out.printf(
        "layout self-check: %s (%d checks, %d failed; ABI %s, os.arch %s)%n",
        failures == 0 ? "PASS" : "FAIL", checks, failures, abi, arch);
    return failures == 0 ? 0 : 1;
  }

  private void checkDetection(String arch, Abi abi) {
    String a = arch.toLowerCase(Locale.ROOT);
    Abi expected =
        a.equals("amd64") || a.equals("x86_64")
            ? Abi.X86_64
            : a.equals("aarch64") || a.equals("arm64") ? Abi.AARCH64 : Abi.ARMHF_TIME32;
    if (System.getProperty(AbiDetector.OVERRIDE_PROPERTY) != null) {
      out.println("note: ABI forced with -D" + AbiDetector.OVERRIDE_PROPERTY);
      expected = abi;
    }
    same("ABI for os.arch " + arch, expected, abi);
    same("pointer size (JNA vs ABI)", Native.POINTER_SIZE, abi.pointerSize());
    same("long size (JNA vs ABI)", Native.LONG_SIZE, abi.longSize());
  }

  /** The library's numbers against ones written down independently, from GCC. */
  private void checkLayouts(Abi abi) {
    V4l2Layouts l = V4l2Layouts.of(abi);
    boolean lp64 = abi.is64Bit();
    boolean time64 = abi.timeSize() == 8;
    // x86-64 / arm64 | armhf 32-bit time_t | armhf 64-bit time_t
    same("sizeof v4l2_buffer", l.buffer().size(), lp64 ? 88 : time64 ? 80 : 68);
    same("offsetof v4l2_buffer.timestamp", off(l.buffer(), "timestamp"), lp64 || time64 ? 24 : 20);
    same("offsetof v4l2_buffer.sequence", off(l.buffer(), "sequence"), lp64 || time64 ? 56 : 44);
    same("offsetof v4l2_buffer.m", off(l.buffer(), "m"), lp64 || time64 ? 64 : 52);
    same("offsetof v4l2_buffer.length", off(l.buffer(), "length"), lp64 ? 72 : time64 ? 68 : 56);
    same(
        "offsetof v4l2_buffer.request_fd",
        off(l.buffer(), "request_fd"),
        lp64 ? 80 : time64 ? 76 : 64);
    same("sizeof v4l2_format", l.format().size(), lp64 ? 208 : 204);
    same("offsetof v4l2_format.fmt", off(l.format(), "fmt"), lp64 ? 8 : 4);
    same("sizeof v4l2_ext_control (packed)", l.extControl().size(), 20);
    same("sizeof v4l2_ext_controls", l.extControls().size(), lp64 ? 32 : 24);
    same("offsetof v4l2_ext_controls.controls", off(l.extControls(), "controls"), lp64 ? 24 : 20);
    same("sizeof v4l2_plane", l.plane().size(), lp64 ? 64 : 60);
    same("offsetof v4l2_plane.data_offset", off(l.plane(), "data_offset"), lp64 ? 16 : 12);
    same("sizeof v4l2_event", l.event().size(), lp64 || time64 ? 136 : 128);
    same("offsetof v4l2_event.timestamp", off(l.event(), "timestamp"), 80);
    same("offsetof v4l2_event.id", off(l.event(), "id"), lp64 || time64 ? 96 : 88);
    ioctl(abi, V4l2Ioctl.VIDIOC_DQEVENT, lp64 || time64 ? 0x80885659 : 0x80805659);
    int buf = lp64 ? 0x58 : time64 ? 0x50 : 0x44;
    int fmt = lp64 ? 0xD0 : 0xCC;
    int ext = lp64 ? 0x20 : 0x18;
    ioctl(abi, V4l2Ioctl.VIDIOC_QUERYBUF, 0xC0005609 | buf << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_QBUF, 0xC000560F | buf << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_DQBUF, 0xC0005611 | buf << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_G_FMT, 0xC0005604 | fmt << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_S_FMT, 0xC0005605 | fmt << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_TRY_FMT, 0xC0005640 | fmt << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_G_EXT_CTRLS, 0xC0005647 | ext << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_S_EXT_CTRLS, 0xC0005648 | ext << 16);
    ioctl(abi, V4l2Ioctl.VIDIOC_TRY_EXT_CTRLS, 0xC0005649 | ext << 16);
    for (V4l2Ioctl io : V4l2Ioctl.values()) {
      Integer common = COMMON_IOCTLS.get(io);
      if (common != null) {
        ioctl(abi, io, common);
      }
    }
  }

  /** JNA's own run-time layout of the same structs, and values written one way, read the other. */
  private void checkJnaAgrees(Abi abi) {
    if (System.getProperty(AbiDetector.OVERRIDE_PROPERTY) != null) {
      out.println("skip JNA cross-check: the ABI is forced, JNA lays structs out for this JVM's");
      return;
    }
    StructLayout b = V4l2Layouts.of(abi).buffer();
    JnaBuffer jb = new JnaBuffer(Pointer.NULL);
    same("JNA sizeof v4l2_buffer", jb.size(), b.size());
    same("JNA offsetof v4l2_buffer.timestamp", jb.offsetOf("timestamp"), off(b, "timestamp"));
    same("JNA offsetof v4l2_buffer.sequence", jb.offsetOf("sequence"), off(b, "sequence"));
    same("JNA offsetof v4l2_buffer.m", jb.offsetOf("m"), off(b, "m"));
    same("JNA offsetof v4l2_buffer.length", jb.offsetOf("length"), off(b, "length"));
    same("JNA offsetof v4l2_buffer.request_fd", jb.offsetOf("requestFd"), off(b, "request_fd"));
    StructLayout e = V4l2Layouts.of(abi).extControls();
    JnaExtControls je = new JnaExtControls();
    same("JNA sizeof v4l2_ext_controls", je.size(), e.size());
    same("JNA offsetof v4l2_ext_controls.controls", je.offsetOf("controls"), off(e, "controls"));

    NativeStruct s = NativeStruct.allocate(b);
    s.set("index", 3)
        .set("sequence", 0x7654_3210L)
        .set("timestamp.tv_sec", 1_700_000_000L)
        .set("timestamp.tv_usec", 999_999L)
        .set("m.offset", 0x0012_3000L)
        .set("length", 614_400L)
        .set("request_fd", -1L);
    JnaBuffer read = new JnaBuffer(s.pointer());
    read.read();
    read.m.setType(Integer.TYPE);
    read.m.read();
    same("round trip index", read.index, 3);
    same("round trip sequence", read.sequence, 0x7654_3210);
    same("round trip timestamp.tv_sec", read.timestamp.tvSec.longValue(), 1_700_000_000L);
    same("round trip timestamp.tv_usec", read.timestamp.tvUsec.longValue(), 999_999L);
    same("round trip m.offset", read.m.offset, 0x0012_3000);
    same("round trip length", read.length, 614_400);
    same("round trip request_fd", read.requestFd, -1);
  }

  /** Every call of the native seam, through JNA, on devices every Linux has. */
  private void checkNativeSeam(Abi abi) {
    V4l2Native sys = JnaV4l2Native.instance();
    int fd = sys.open("/dev/null", V4l2Native.O_RDWR | V4l2Native.O_CLOEXEC);
    check("open(/dev/null) = " + describe(fd), fd >= 0);
    if (fd >= 0) {
      NativeStruct cap = NativeStruct.allocate(V4l2Layouts.of(abi).capability());
      int r = sys.ioctl(fd, V4l2Ioctl.VIDIOC_QUERYCAP.request(abi), cap.pointer());
      check(
          "ioctl(/dev/null, VIDIOC_QUERYCAP) = "
              + describe(r)
              + " (ENOTTY from a kernel, ENOSYS under qemu-user)",
          r == -Errno.ENOTTY || r == -Errno.ENOSYS);
      int p = sys.poll(fd, V4l2Native.POLLOUT, 0);
      check("poll(/dev/null, POLLOUT) = " + describe(p), p > 0);
      int c = sys.close(fd);
      check("close(/dev/null) = " + describe(c), c == 0);
    }
    checkMmap(sys);
  }

  /**
   * Maps page 1 of a file whose pages hold different words: on armhf the 64-bit offset of {@code
   * mmap64} travels in an aligned register pair, and a binding that got that wrong maps page 0.
   */
  private void checkMmap(V4l2Native sys) {
    Path file;
    try {
      file = Files.createTempFile("eyetoy-abi-", ".bin");
      ByteBuffer pages = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
      pages.putInt(0, 0x0BAD_0BAD).putInt(4096, 0x1234_5678);
      Files.write(file, pages.array());
    } catch (IOException e) {
      check("temporary file for mmap: " + e, false);
      return;
    }
    try {
      int fd = sys.open(file.toString(), V4l2Native.O_RDWR | V4l2Native.O_CLOEXEC);
      check("open(temporary file) = " + describe(fd), fd >= 0);
      if (fd < 0) {
        return;
      }
      long addr =
          sys.mmap(
              4096, V4l2Native.PROT_READ | V4l2Native.PROT_WRITE, V4l2Native.MAP_SHARED, fd, 4096);
      check(String.format("mmap(4096 bytes at offset 4096) = 0x%x", addr), addr > 0);
      if (addr > 0) {
        int word = new Pointer(addr).getInt(0);
        check(
            String.format("mapped word 0x%08X, expected 0x12345678 (page 1)", word),
            word == 0x1234_5678);
        int u = sys.munmap(addr, 4096);
        check("munmap = " + describe(u), u == 0);
      }
      int c = sys.close(fd);
      check("close(temporary file) = " + describe(c), c == 0);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary file does not change the result
      }
    }
  }

  private void ioctl(Abi abi, V4l2Ioctl io, int expected) {
    int actual = io.request(abi);
    checks++;
    boolean ok = actual == expected;
    if (!ok) {
      failures++;
    }
    out.printf(
        "%s %-36s library 0x%08X, expected 0x%08X%n",
        ok ? "ok  " : "FAIL", io.name(), actual, expected);
  }

  private void same(String what, Object actual, Object expected) {
    checks++;
    boolean ok = actual.equals(expected);
    if (!ok) {
      failures++;
    }
    out.printf("%s %-36s %s, expected %s%n", ok ? "ok  " : "FAIL", what, actual, expected);
  }

  private void check(String what, boolean ok) {
    checks++;
    if (!ok) {
      failures++;
    }
    out.println((ok ? "ok   " : "FAIL ") + what);
  }

  private static int off(StructLayout layout, String path) {
    return layout.field(path).offset();
  }

  private static String describe(int result) {
    return result < 0 ? "-" + Errno.name(-result) : Integer.toString(result);
  }

  /** {@code struct timeval} with C {@code long} fields, as JNA lays it out. */
  @Structure.FieldOrder({"tvSec", "tvUsec"})
  public static final class JnaTimeval extends Structure {
    /** Seconds. */
    public NativeLong tvSec;

    /** Microseconds. */
    public NativeLong tvUsec;

    /** A timeval in JNA-owned memory. */
    public JnaTimeval() {}
  }

  /** {@code struct v4l2_timecode}. */
  @Structure.FieldOrder({"type", "flags", "frames", "seconds", "minutes", "hours", "userbits"})
  public static final class JnaTimecode extends Structure {
    /** Type. */
    public int type;

    /** Flags. */
    public int flags;

    /** Frames. */
    public byte frames;

    /** Seconds. */
    public byte seconds;

    /** Minutes. */
    public byte minutes;

    /** Hours. */
    public byte hours;

    /** User bits. */
    public byte[] userbits = new byte[4];

    /** A timecode in JNA-owned memory. */
    public JnaTimecode() {}
  }

  /** The {@code m} union of {@code struct v4l2_buffer}. */
  public static final class JnaBufferM extends Union {
    /** mmap offset. */
    public int offset;

    /** User pointer. */
    public NativeLong userptr;

    /** Planes. */
    public Pointer planes;

    /** DMABUF fd. */
    public int fd;

    /** A union in JNA-owned memory. */
    public JnaBufferM() {}
  }

  /** {@code struct v4l2_buffer} as JNA lays it out at run time on this JVM. */
  @Structure.FieldOrder({
    "index",
    "type",
    "bytesused",
    "flags",
    "field",
    "timestamp",
    "timecode",
    "sequence",
    "memory",
    "m",
    "length",
    "reserved2",
    "requestFd"
  })
  public static final class JnaBuffer extends Structure {
    /** Index. */
    public int index;

    /** Type. */
    public int type;

    /** Bytes used. */
    public int bytesused;

    /** Flags. */
    public int flags;

    /** Field. */
    public int field;

    /** Timestamp. */
    public JnaTimeval timestamp;

    /** Timecode. */
    public JnaTimecode timecode;

    /** Sequence. */
    public int sequence;

    /** Memory. */
    public int memory;

    /** Location union. */
    public JnaBufferM m;

    /** Length. */
    public int length;

    /** Reserved. */
    public int reserved2;

    /** Request fd (union with reserved). */
    public int requestFd;

    /**
     * A buffer struct over existing memory, or JNA-owned memory for a null pointer.
     *
     * @param p the memory, or {@link Pointer#NULL}
     */
    public JnaBuffer(Pointer p) {
      super(p);
    }

    /**
     * Returns a field's offset as JNA computed it.
     *
     * @param name the Java field name
     * @return the offset in bytes
     */
    public int offsetOf(String name) {
      return fieldOffset(name);
    }
  }

  /** {@code struct v4l2_ext_controls} as JNA lays it out at run time on this JVM. */
  @Structure.FieldOrder({"which", "count", "errorIdx", "requestFd", "reserved", "controls"})
  public static final class JnaExtControls extends Structure {
    /** ctrl_class / which. */
    public int which;

    /** Count. */
    public int count;

    /** Error index. */
    public int errorIdx;

    /** Request fd. */
    public int requestFd;

    /** Reserved. */
    public int[] reserved = new int[1];

    /** Controls array. */
    public Pointer controls;

    /** An ext_controls struct in JNA-owned memory. */
    public JnaExtControls() {}

    /**
     * Returns a field's offset as JNA computed it.
     *
     * @param name the Java field name
     * @return the offset in bytes
     */
    public int offsetOf(String name) {
      return fieldOffset(name);
    }
  }
}
