package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_DEVICE_CAPS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_EXT_PIX_FORMAT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_STREAMING;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_M2M;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A simulated mem2mem H.264 encoder behind the native seam of {@code v4l2-api}, shaped like the
 * Raspberry Pi's {@code bcm2835-codec} encoder node ({@code /dev/video11}): a memory-to-memory node
 * (multi-planar by default, single-planar on request) that takes raw {@code YUYV}, {@code YU12} or
 * {@code NV12} frames on its OUTPUT queue and gives H.264 (Annex B) on its CAPTURE queue, following
 * the kernel's stateful encoder interface: per-descriptor contexts, the CAPTURE format first, mmap
 * buffers with videobuf2's rules, {@code VIDIOC_ENCODER_CMD} start and stop (drain: LAST, EPIPE,
 * the EOS event), the codec controls by their kernel names.
 *
 * <p>Its bitstream is real H.264 any decoder plays: Constrained Baseline, every changed picture I
 * slices of I_PCM macroblocks (lossless: the raw samples, YUYV's chroma averaged over row pairs),
 * an unchanged one a P slice of skipped macroblocks; IDR pictures every {@code h264_i_frame_period}
 * frames and on {@code force_key_frame}, SPS and PPS before the first one and, with {@code
 * repeat_sequence_header}, before every one. fake-eyetoy/README.md lists every rule and departure.
 *
 * <p>{@link #faults()} makes it misbehave: failing QBUF, error-flagged frames, a hang, a fatal
 * error, unplug and replug.
 *
 * <p>Thread-safe: every call takes one lock; {@code poll} and a blocking {@code DQBUF} wait on it
 * without holding it and are woken by whatever changes a queue. Buffer memory is native memory
 * owned by the fake: valid from {@code mmap} until {@code munmap}, even when freed meanwhile.
 */
public final class FakeH264Encoder implements V4l2Native {
  /** The default device node: the Pi's encoder node. */
  public static final String PATH = "/dev/video11";

  /** The driver name in {@code VIDIOC_QUERYCAP} (15 characters at most fit there). */
  public static final String DRIVER = "fake-h264-enc";

  /** The card name in {@code VIDIOC_QUERYCAP}. */
  public static final String CARD = "fake-h264-encoder";

  /** The bus info: a platform device, as codec drivers report. */
  public static final String BUS_INFO = "platform:fake-h264-encoder";

  private static final int FIRST_FD = 3;
  private static final int GONE = POLLERR | POLLHUP;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final DeviceLock device = new DeviceLock(lock, changed);
  private final Abi abi;
  private final String path;
  private final boolean multiplanar;
  private final V4l2Layouts layouts;
  private final Map<Integer, EncoderContext> files = new HashMap<>();
  private final Mappings mappings = new Mappings();
  private final EncoderFaultState faultState = new EncoderFaultState();
  private final EncoderFaults faults = new EncoderFaults(this, faultState);
  private int generation;
  private boolean plugged = true;
  private int nextFd = FIRST_FD;

  /** Creates a plugged-in multi-planar encoder on {@link #PATH} for the running JVM's ABI. */
  public FakeH264Encoder() {
    this(AbiDetector.current(), PATH, true);
  }

  /**
   * Creates a plugged-in encoder.
   *
   * @param abi the ABI the library must use
   * @param path the node, e.g. {@code /dev/video11}
   * @param multiplanar true for a {@code VIDEO_M2M_MPLANE} node (as bcm2835-codec), false for a
   *     single-planar {@code VIDEO_M2M} one; multi-planar needs an ABI whose pointers hold this
   *     JVM's addresses
   * @throws IllegalArgumentException for multi-planar with a 32-bit ABI on a 64-bit JVM
   */
  public FakeH264Encoder(Abi abi, String path, boolean multiplanar) {
    this.abi = Objects.requireNonNull(abi, "abi");
    this.path = Objects.requireNonNull(path, "path");
    if (multiplanar && abi.pointerSize() < Native.POINTER_SIZE) {
      throw new IllegalArgumentException(
          "a multi-planar simulated encoder passes plane arrays by pointer, which "
              + abi
              + " cannot hold on this JVM; use a single-planar one");
    }
    this.multiplanar = multiplanar;
    this.layouts = V4l2Layouts.of(abi);
  }

  /**
   * Returns the fault switchboard.
   *
   * @return the same handle on every call
   */
  public EncoderFaults faults() {
    return faults;
  }

  /**
   * Returns the node this encoder answers on.
   *
   * @return e.g. {@code /dev/video11}
   */
  public String path() {
    return path;
  }

  /**
   * Tells whether the node speaks the multi-planar API.
   *
   * @return true for {@code VIDEO_M2M_MPLANE}
   */
  public boolean multiplanar() {
    return multiplanar;
  }

  /**
   * Counts the open descriptors, dead ones included.
   *
   * @return descriptors not yet closed
   */
  public int openDescriptors() {
    return lockedGet(files::size);
  }

  /**
   * Counts the buffers mapped and not yet unmapped or detached, orphaned ones included.
   *
   * @return mapped buffers
   */
  public int mappedBuffers() {
    return lockedGet(mappings::mappedBuffers);
  }

  /**
   * Counts the buffers allocated on every queue of every open descriptor.
   *
   * @return allocated buffers
   */
  public int allocatedBuffers() {
    return lockedGet(() -> files.values().stream().mapToInt(EncoderContext::allocated).sum());
  }

  @Override
  public Abi abi() {
    return abi;
  }

  /** Returns this encoder's node, or nothing while it is unplugged. */
  @Override
  public List<String> deviceNodes() {
    return lockedGet(() -> plugged ? List.of(path) : List.of());
  }

  @Override
  public int open(String node, int flags) {
    return lockedGet(
        () -> {
          if (!path.equals(node) || !plugged) {
            return -Errno.ENOENT;
          }
          int fd = nextFd++;
          files.put(
              fd,
              new EncoderContext(
                  fd, (flags & O_NONBLOCK) != 0, generation, abi, multiplanar, faultState));
          return fd;
        });
  }

  @Override
  public int close(int fd) {
    return lockedGet(
        () -> {
          EncoderContext ctx = files.remove(fd);
          if (ctx == null) {
            return -Errno.EBADF;
          }
          ctx.release();
          return 0;
        });
  }

  @Override
  public int ioctl(int fd, int request, Pointer arg) {
    lock.lock();
    try {
      EncoderContext ctx = files.get(fd);
      if (ctx == null) {
        return -Errno.EBADF;
      }
      if (!alive(ctx)) {
        return -Errno.ENODEV;
      }
      V4l2Ioctl io = V4l2Ioctl.decode(abi, request).orElse(null);
      if (io == null) {
        return -Errno.ENOTTY;
      }
      if (arg == null) {
        return -Errno.EFAULT;
      }
      if (io == V4l2Ioctl.VIDIOC_QUERYCAP) {
        return queryCap(arg);
      }
      int r = ctx.ioctl(io, arg);
      changed.signalAll();
      while (io == V4l2Ioctl.VIDIOC_DQBUF && r == -Errno.EAGAIN && !ctx.nonBlocking) {
        await(Long.MAX_VALUE);
        if (!alive(ctx)) {
          return -Errno.ENODEV;
        }
        r = ctx.ioctl(io, arg);
      }
      return r;
    } finally {
      lock.unlock();
    }
  }

  private boolean alive(EncoderContext ctx) {
    return plugged && ctx.generation == generation;
  }

  private int queryCap(Pointer arg) {
    int caps =
        (multiplanar ? V4L2_CAP_VIDEO_M2M_MPLANE : V4L2_CAP_VIDEO_M2M)
            | V4L2_CAP_STREAMING
            | V4L2_CAP_EXT_PIX_FORMAT;
    NativeStruct s = NativeStruct.wrap(layouts.capability(), arg);
    s.clear();
    s.setString("driver", DRIVER)
        .setString("card", CARD)
        .setString("bus_info", BUS_INFO)
        .set("version", Camera.KERNEL_VERSION)
        .set("capabilities", (caps | V4L2_CAP_DEVICE_CAPS) & 0xFFFF_FFFFL)
        .set("device_caps", caps);
    return 0;
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    lock.lock();
    try {
      EncoderContext ctx = files.get(fd);
      if (ctx == null) {
        return -Errno.EBADF;
      }
      if (!alive(ctx)) {
        return -Errno.ENODEV;
      }
      EncoderQueue q = offset >= EncoderQueue.CAPTURE_OFFSETS ? ctx.capture : ctx.output;
      Buffer buffer = q.byOffset(offset);
      if (buffer == null
          || length <= 0
          || length > buffer.length
          || (flags & MAP_SHARED) == 0
          || (prot & PROT_READ) == 0) {
        return -Errno.EINVAL;
      }
      return mappings.map(buffer);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int munmap(long address, long length) {
    return lockedGet(() -> mappings.unmap(address) ? 0 : -Errno.EINVAL);
  }

  /**
   * Detaches a mapping: the buffer no longer counts as mapped, but its memory, with its last
   * contents, stays readable and writable until {@link #munmap}.
   */
  @Override
  public int detach(long address, long length) {
    return lockedGet(() -> mappings.detach(address) ? 0 : -Errno.EINVAL);
  }

  @Override
  public int poll(int fd, int events, int timeoutMillis) {
    lock.lock();
    try {
      EncoderContext ctx = files.get(fd);
      if (ctx == null) {
        return POLLNVAL;
      }
      long deadline =
          timeoutMillis < 0
              ? Long.MAX_VALUE
              : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (true) {
        if (!alive(ctx)) {
          return GONE;
        }
        int revents = ctx.pollMask(events) & (events | POLLERR | POLLHUP);
        if (revents != 0) {
          return revents;
        }
        if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
          return 0;
        }
        await(deadline);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code wakeNanos} ({@link Long#MAX_VALUE}: until signalled). Holds the lock. */
  private void await(long wakeNanos) {
    device.await(wakeNanos);
  }

  // ---- faults (called by EncoderFaults) ------------------------------------------------------

  /** Runs {@code action} under the lock and wakes every waiter. */
  void locked(Runnable action) {
    device.locked(action);
  }

  /** Runs {@code action} under the lock, wakes every waiter and returns the action's result. */
  <T> T lockedGet(Supplier<T> action) {
    return device.lockedGet(action);
  }

  boolean pluggedLocked() {
    return plugged;
  }

  void unplugLocked() {
    if (plugged) {
      plugged = false;
      for (EncoderContext ctx : files.values()) {
        ctx.release();
      }
    }
  }

  void replugLocked() {
    if (!plugged) {
      plugged = true;
      generation++; // descriptors from before the unplug stay dead
    }
  }

  void failContextsLocked() {
    for (EncoderContext ctx : files.values()) {
      ctx.failed = true;
    }
  }

  @Override
  public String toString() {
    return "FakeH264Encoder["
        + path
        + ", "
        + (multiplanar ? "multi-planar" : "single-planar")
        + ", "
        + abi
        + "]";
  }
}
