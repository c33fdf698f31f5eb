package io.eyetoystreamer.devicetests;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The kernel's vicodec encoder as the device under test ({@code -Dv4l2.encoder}, which {@code
 * .ci/vivid} sets to the node its vicodec check found): the requirement of {@link VicodecTest}, and
 * what its tests share (the FWHT header, a test picture, a seam that watches the encoder's
 * descriptor).
 */
final class Vicodec implements ExecutionCondition, BeforeEachCallback {
  /** The system property naming the encoder node. */
  static final String PROPERTY = "v4l2.encoder";

  /**
   * The switch of test-support's {@code TestRequirements}: {@code 1} (as in CI) turns a skip into a
   * failure. Read here, not through that module: it is internal, so not installed for the offline
   * Maven in {@code .ci/vivid}'s VM, and {@code .ci/arm64-vivid} runs these classes without Maven.
   */
  static final String STRICT_ENV = "EYETOY_STRICT_TESTS";

  private static final AtomicBoolean TOLD = new AtomicBoolean();
  private static String verdict;

  /** The encoder node; only meaningful when the tests run. */
  static String path() {
    return System.getProperty(PROPERTY, "").trim();
  }

  /**
   * Skips each test, saying why once, when there is no vicodec encoder; under {@code
   * EYETOY_STRICT_TESTS=1} lets it run into {@link #beforeEach}, which fails it. Decided per test,
   * not per class: a class skipped as a whole would be reported as no test at all.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = whyNot();
    if (why == null || context.getTestMethod().isEmpty() || strict()) {
      return ConditionEvaluationResult.enabled("vicodec encoder " + path());
    }
    if (TOLD.compareAndSet(false, true)) {
      System.err.println("vicodec tests SKIPPED: " + why);
    }
    return ConditionEvaluationResult.disabled("vicodec tests skipped: " + why);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String why = whyNot();
    if (why != null) {
      Assertions.fail(
          why
              + "; "
              + STRICT_ENV
              + "=1 forbids skipping: run .ci/vivid, whose VM loads vicodec and names its"
              + " encoder with -D"
              + PROPERTY);
    }
  }

  private static boolean strict() {
    return "1".equals(System.getenv(STRICT_ENV));
  }

  /** Why the vicodec tests cannot run, or null when they can. */
  static synchronized String whyNot() {
    if (verdict == null) {
      verdict = judge();
    }
    return verdict.isEmpty() ? null : verdict;
  }

  private static String judge() {
    String path = path();
    if (path.isEmpty()) {
      return "no vicodec encoder given: -D" + PROPERTY + " is not set";
    }
    if (!Files.exists(Path.of(path))) {
      return path + " does not exist (-D" + PROPERTY + "=" + path + ")";
    }
    try (V4l2Device device = V4l2Device.open(path)) {
      Capabilities caps = device.capabilities();
      if (!"vicodec".equals(caps.driver()) || !caps.isMemToMem()) {
        return path + " is not vicodec's encoder (" + caps.driver() + ", " + caps.card() + ")";
      }
      return "";
    } catch (V4l2Exception e) {
      return path + " cannot be used: " + e.getMessage();
    }
  }

  /**
   * The header in front of every FWHT frame ({@code struct fwht_cframe_hdr} of the kernel's
   * codec-fwht.h): two magic words, then ten big-endian 32-bit fields, 44 bytes.
   */
  record FwhtHeader(
      int magic1,
      int magic2,
      int version,
      int width,
      int height,
      int flags,
      int colorspace,
      int xferFunc,
      int ycbcrEnc,
      int quantization,
      int size) {
    static final int BYTES = 44;
    static final int MAGIC1 = 0x4f4f4f4f;
    static final int MAGIC2 = 0xffffffff;

    /** {@code V4L2_FWHT_VERSION} of linux/v4l2-controls.h. */
    static final int VERSION = 3;

    /** {@code V4L2_FWHT_FL_*}: chroma at full height (4:2:2), an I frame. */
    static final int CHROMA_FULL_HEIGHT = 1 << 7;

    static final int CHROMA_FULL_WIDTH = 1 << 8;
    static final int I_FRAME = 1 << 10;

    /** {@code V4L2_FWHT_FL_PIXENC_YUV}, in {@link #pixelEncoding()}'s units. */
    static final int PIXENC_YUV = 1;

    /** Reads the header at the buffer's position (which is not changed). */
    static FwhtHeader of(ByteBuffer coded) {
      ByteBuffer b = coded.slice().order(ByteOrder.BIG_ENDIAN);
      int[] f = new int[11];
      for (int i = 0; i < f.length; i++) {
        f[i] = b.getInt(i * 4);
      }
      return new FwhtHeader(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
    }

    boolean magic() {
      return magic1 == MAGIC1 && magic2 == MAGIC2;
    }

    boolean iFrame() {
      return (flags & I_FRAME) != 0;
    }

    /** {@code V4L2_FWHT_FL_COMPONENTS_NUM}: colour components (3 for Y'CbCr). */
    int components() {
      return ((flags >>> 16) & 7) + 1;
    }

    /** {@code V4L2_FWHT_FL_PIXENC}: 1 YUV, 2 RGB, 3 HSV. */
    int pixelEncoding() {
      return (flags >>> 19) & 3;
    }
  }

  /**
   * Draws frame {@code n} of the test picture in YUYV: eight vertical bars of fixed luma with a
   * fixed fine texture (so the quantizer has detail to drop), and a 64x64 white box that moves 16
   * pixels a frame along a row (so consecutive frames differ, and most of the picture does not).
   */
  static void picture(ByteBuffer into, int width, int height, int bytesPerLine, int n) {
    int boxX = (32 + 16 * n) % (width - 64);
    int boxY = height / 2 - 32;
    byte[] row = new byte[width * 2];
    for (int y = 0; y < height; y++) {
      boolean boxRow = y >= boxY && y < boxY + 64;
      for (int x = 0; x < width; x++) {
        int bar = x * 8 / width;
        boolean box = boxRow && x >= boxX && x < boxX + 64;
        row[x * 2] = (byte) (box ? 235 : 24 + bar * 26 + ((x * 7 + y * 13) & 15));
        // Cb on even pixels, Cr on odd ones: YUYV's Y0 U Y1 V
        row[x * 2 + 1] = (byte) ((x & 1) == 0 ? 64 + bar * 16 : 192 - bar * 16);
      }
      into.put(y * bytesPerLine, row);
    }
  }

  /**
   * The real native seam, watching one node: it remembers the descriptor the library opened for it
   * and logs the name and result of every ioctl on that descriptor, so that a test can issue its
   * own ioctl on the library's descriptor (a DQBUF after the last buffer) and see what the library
   * asked the driver.
   */
  static final class Spy implements V4l2Native {
    private final V4l2Native real = JnaV4l2Native.instance();
    private final String path;
    private final List<String> log = new ArrayList<>();
    private volatile int fd = -1;

    Spy(String path) {
      this.path = path;
    }

    /** The ioctls on the watched descriptor since entry {@code from}: "NAME" or "NAME: ERRNO". */
    synchronized List<String> log(int from) {
      return List.copyOf(log.subList(from, log.size()));
    }

    /** The number of ioctls logged so far. */
    synchronized int mark() {
      return log.size();
    }

    /** The watched descriptor, the last one opened for the path. */
    int fd() {
      return fd;
    }

    /**
     * Issues {@code VIDIOC_DQBUF} on the CAPTURE queue of the watched descriptor, as the library
     * would; returns the result (0 or {@code -errno}).
     */
    int dequeueCapture(boolean multiplanar) {
      V4l2Layouts layouts = V4l2Layouts.of(abi());
      Memory arg = new Memory(layouts.buffer().size());
      Memory plane = new Memory(layouts.plane().size());
      arg.clear();
      plane.clear();
      NativeStruct b = NativeStruct.wrap(layouts.buffer(), arg);
      b.set(
              "type",
              multiplanar
                  ? V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE
                  : V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE)
          .set("memory", V4l2Constants.V4L2_MEMORY_MMAP);
      if (multiplanar) {
        b.set("length", 1).set("m.planes", Pointer.nativeValue(plane));
      }
      return ioctl(fd, V4l2Ioctl.VIDIOC_DQBUF.request(abi()), arg);
    }

    @Override
    public Abi abi() {
      return real.abi();
    }

    @Override
    public int open(String p, int flags) {
      int r = real.open(p, flags);
      if (r >= 0 && p.equals(path)) {
        fd = r;
      }
      return r;
    }

    @Override
    public int close(int f) {
      return real.close(f);
    }

    @Override
    public int ioctl(int f, int request, Pointer arg) {
      int r = real.ioctl(f, request, arg);
      if (f == fd) {
        String name =
            V4l2Ioctl.decode(abi(), request)
                .map(Enum::name)
                .orElse("0x" + Integer.toHexString(request));
        synchronized (this) {
          log.add(r < 0 ? name + ": " + Errno.name(-r) : name);
        }
      }
      return r;
    }

    @Override
    public long mmap(long length, int prot, int flags, int f, long offset) {
      return real.mmap(length, prot, flags, f, offset);
    }

    @Override
    public int munmap(long address, long length) {
      return real.munmap(address, length);
    }

    @Override
    public int detach(long address, long length) {
      return real.detach(address, length);
    }

    @Override
    public int poll(int f, int events, int timeoutMillis) {
      return real.poll(f, events, timeoutMillis);
    }

    @Override
    public List<String> deviceNodes() {
      return real.deviceNodes();
    }
  }
}
