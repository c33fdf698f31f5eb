package io.eyetoystreamer.fakeeyetoy;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
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
 * A simulated PS3 Eye on Linux (gspca's {@code ov534} driver with videobuf2) behind the native seam
 * of {@code v4l2-api}: open it with {@code V4l2Device.open(FakeEyetoy.PATH, fake)} and the
 * library's real code captures from it. One camera on one node ({@link #PATH} unless told
 * otherwise).
 *
 * <p>It answers as the driver does: {@code VIDIOC_QUERYCAP} says {@code ov534}, card {@value
 * #CARD}, capture + read/write + streaming; YUYV only, at 640x480 (15, 30, 40, 50, 60 fps) and
 * 320x240 (30 to 187 fps); {@code S_FMT} and {@code S_PARM} pick the nearest mode and rate as the
 * driver does; the driver's controls with its ranges and defaults; memory-mapped streaming with
 * videobuf2's ownership rules and errnos. Frames are painted with {@link FramePainter} at the
 * chosen rate on {@code System.nanoTime()} (timestamps are {@code CLOCK_MONOTONIC}, flagged so),
 * sequence numbers start at 0 and skip frames that found no queued buffer. {@code poll} sleeps
 * until a frame is due; {@code VIDIOC_DQBUF} blocks, or answers {@code EAGAIN} on an {@link
 * #O_NONBLOCK} descriptor. fake-eyetoy/README.md lists every rule and where it departs from the
 * real driver.
 *
 * <p>{@link #faults()} makes it misbehave on demand: unplug and replug, stalls, error-flagged
 * frames, slow delivery, {@code EBUSY} on a second open.
 *
 * <p>Thread-safe: every call takes one lock; {@code poll} and a blocking {@code DQBUF} wait on it
 * without holding it, and are woken by whatever changes the queue. A thread interrupt does not cut
 * a wait short (like a native {@code poll}); the interrupt status is kept. Buffer memory is native
 * memory owned by the fake: valid from {@code mmap} until {@code munmap}, even when the buffers
 * were freed meanwhile (orphaned, as videobuf2 does) or the camera was unplugged.
 */
public final class FakeEyetoy implements V4l2Native {
  /** The default device node. */
  public static final String PATH = "/dev/video0";

  /** The driver name in {@code VIDIOC_QUERYCAP}. */
  public static final String DRIVER = "ov534";

  /** The card name: the PS3 Eye's USB product string. */
  public static final String CARD = "USB Camera-B4.09.24.1";

  /** The bus info: a USB path, as {@code usb_make_path} writes it. */
  public static final String BUS_INFO = "usb-0000:00:14.0-1";

  private static final int FIRST_FD = 3;
  private static final int GONE = POLLERR | POLLHUP | POLLPRI;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final DeviceLock device = new DeviceLock(lock, changed);
  private final Abi abi;
  private final String path;
  private final Map<Integer, OpenFile> files = new HashMap<>();
  private final Mappings mappings = new Mappings();
  private final FaultState faultState = new FaultState();
  private final Faults faults = new Faults(this, faultState);
  private Camera camera;
  private int nextFd = FIRST_FD;

  /** Creates a plugged-in camera on {@link #PATH} that speaks the running JVM's ABI. */
  public FakeEyetoy() {
    this(AbiDetector.current());
  }

  /**
   * Creates a plugged-in camera on {@link #PATH} that lays its structs out for an ABI.
   *
   * @param abi the ABI the library must use, e.g. {@link Abi#ARMHF_TIME32} to run the library's
   *     armhf layouts on an x86-64 host (then the extended-control ioctls answer {@code ENOTTY},
   *     see {@link V4l2Native})
   */
  public FakeEyetoy(Abi abi) {
    this(abi, PATH);
  }

  /**
   * Creates a plugged-in camera on a given node.
   *
   * @param abi the ABI the library must use
   * @param path the node, e.g. {@code /dev/video1}
   */
  public FakeEyetoy(Abi abi, String path) {
    this.abi = Objects.requireNonNull(abi, "abi");
    this.path = Objects.requireNonNull(path, "path");
    this.camera = new Camera(abi, faultState);
  }

  /**
   * Returns the fault switchboard of this camera.
   *
   * @return the same handle on every call
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Returns the node this camera answers on.
   *
   * @return e.g. {@code /dev/video0}
   */
  public String path() {
    return path;
  }

  /**
   * Counts the open descriptors, dead ones (opened before an unplug) included.
   *
   * @return descriptors not yet closed
   */
  public int openDescriptors() {
    lock.lock();
    try {
      return files.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts the buffers mapped and not yet unmapped, orphaned ones included.
   *
   * @return mapped buffers
   */
  public int mappedBuffers() {
    lock.lock();
    try {
      return mappings.mappedBuffers();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts the buffers the current camera has allocated ({@code VIDIOC_REQBUFS}).
   *
   * @return allocated buffers; 0 while unplugged
   */
  public int allocatedBuffers() {
    lock.lock();
    try {
      return camera == null ? 0 : camera.queue().allocated();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Abi abi() {
    return abi;
  }

  /** Returns this camera's node, or nothing while it is unplugged. */
  @Override
  public List<String> deviceNodes() {
    lock.lock();
    try {
      return camera == null ? List.of() : List.of(path);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int open(String node, int flags) {
    lock.lock();
    try {
      if (!path.equals(node) || camera == null) {
        return -Errno.ENOENT;
      }
      if (faultState.busyOnSecondOpen && !files.isEmpty()) {
        return -Errno.EBUSY;
      }
      int fd = nextFd++;
      files.put(fd, new OpenFile(fd, (flags & O_NONBLOCK) != 0, camera));
      return fd;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int close(int fd) {
    lock.lock();
    try {
      OpenFile file = files.remove(fd);
      if (file == null) {
        return -Errno.EBADF;
      }
      if (file.camera == camera) {
        camera.release(file);
        changed.signalAll();
      }
      return 0;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int ioctl(int fd, int request, Pointer arg) {
    lock.lock();
    try {
      OpenFile file = files.get(fd);
      if (file == null) {
        return -Errno.EBADF;
      }
      if (!alive(file, System.nanoTime())) {
        return -Errno.ENODEV;
      }
      V4l2Ioctl io = V4l2Ioctl.decode(abi, request).orElse(null);
      if (io == null) {
        return -Errno.ENOTTY;
      }
      if (arg == null) {
        return -Errno.EFAULT;
      }
      int r = camera.ioctl(file, io, arg, System.nanoTime());
      changed.signalAll();
      while (io == V4l2Ioctl.VIDIOC_DQBUF && r == -Errno.EAGAIN && !file.nonBlocking) {
        await(camera.nextEventNanos());
        if (!alive(file, System.nanoTime())) {
          return -Errno.ENODEV;
        }
        r = camera.ioctl(file, io, arg, System.nanoTime());
      }
      return r;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    lock.lock();
    try {
      OpenFile file = files.get(fd);
      if (file == null) {
        return -Errno.EBADF;
      }
      if (file.camera != camera) {
        return -Errno.ENODEV;
      }
      Buffer buffer = camera.queue().byOffset(offset);
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
    lock.lock();
    try {
      return mappings.unmap(address) ? 0 : -Errno.EINVAL;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Detaches a mapping: the buffer no longer counts as mapped ({@link #mappedBuffers()}, {@code
   * V4L2_BUF_FLAG_MAPPED}), but its memory, with its last contents, stays readable until {@link
   * #munmap}.
   */
  @Override
  public int detach(long address, long length) {
    lock.lock();
    try {
      return mappings.detach(address) ? 0 : -Errno.EINVAL;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int poll(int fd, int events, int timeoutMillis) {
    lock.lock();
    try {
      OpenFile file = files.get(fd);
      if (file == null) {
        return POLLNVAL;
      }
      long deadline =
          timeoutMillis < 0
              ? Long.MAX_VALUE
              : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (true) {
        long now = System.nanoTime();
        if (!alive(file, now)) {
          return GONE & (events | POLLERR | POLLHUP);
        }
        int revents = camera.queue().pollMask() & (events | POLLERR | POLLHUP);
        if (revents != 0) {
          return revents;
        }
        if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
          return 0;
        }
        long wake = camera.nextEventNanos();
        await(
            deadline != Long.MAX_VALUE && (wake == Long.MAX_VALUE || deadline - wake < 0)
                ? deadline
                : wake);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Catches the camera up with the clock and tells whether {@code file} still has a camera behind
   * it. Carries out an armed unplug when it falls due. Caller holds the lock.
   */
  private boolean alive(OpenFile file, long now) {
    if (camera != null && camera.catchUp(now)) {
      unplugLocked();
    }
    return camera != null && file.camera == camera;
  }

  /**
   * Waits until {@code wakeNanos} ({@link Long#MAX_VALUE}: until signalled). Caller holds the lock.
   */
  private void await(long wakeNanos) {
    device.await(wakeNanos);
  }

  // ---- faults (called by Faults) ---------------------------------------------------------

  /** Runs {@code action} under the lock and wakes every waiter. */
  void locked(Runnable action) {
    device.locked(action);
  }

  /** Runs {@code action} under the lock, wakes every waiter and returns the action's result. */
  <T> T lockedGet(Supplier<T> action) {
    return device.lockedGet(action);
  }

  boolean pluggedLocked() {
    return camera != null;
  }

  void unplugLocked() {
    if (camera != null) {
      camera.shutdown();
      camera = null;
      faultState.unplugCountdown = FaultState.NOT_ARMED;
      changed.signalAll();
    }
  }

  void replugLocked() {
    if (camera == null) {
      camera = new Camera(abi, faultState);
    }
    faultState.unplugCountdown = FaultState.NOT_ARMED;
  }

  void catchUpLocked() {
    if (camera != null && camera.catchUp(System.nanoTime())) {
      unplugLocked();
    }
  }

  @Override
  public String toString() {
    return "FakeEyetoy[" + path + ", " + DRIVER + ", " + abi + "]";
  }
}
