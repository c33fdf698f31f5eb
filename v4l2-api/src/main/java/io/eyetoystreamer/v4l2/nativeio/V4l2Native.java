package io.eyetoystreamer.v4l2.nativeio;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one seam between this library and the operating system: the six system calls V4L2 capture
 * needs. {@link JnaV4l2Native} is the real implementation; everything above this interface
 * (devices, formats, controls, capture streams) is plain Java and runs unchanged over a simulated
 * device.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Every call returns a value {@code >= 0} on success or {@code -errno} on failure (e.g.
 *       {@code -Errno.EBUSY}), like the raw kernel interface. No thread-local errno state is
 *       involved, so implementations can be called from any thread. {@link Errno} names the codes
 *       and gives their texts.
 *   <li>File descriptors are small non-negative ints handed out by {@link #open}.
 *   <li>Flags and event bits use the Linux values, given as constants here. They are the same on
 *       x86-64, arm64 and 32-bit ARM.
 *   <li>An implementation must be thread-safe: the library may poll and queue buffers from
 *       different threads (on different or the same descriptor).
 * </ul>
 *
 * <h2>Implementing a simulated device</h2>
 *
 * <p>The library lays out every ioctl argument for {@link #abi()} in native memory and passes a JNA
 * {@link Pointer} to it. A fake decodes the request with {@link
 * io.eyetoystreamer.v4l2.abi.V4l2Ioctl#decode(Abi, int)} and reads and writes the struct through
 * {@link io.eyetoystreamer.v4l2.abi.V4l2Layouts}:
 *
 * <pre>{@code
 * public int ioctl(int fd, int request, Pointer arg) {
 *   V4l2Layouts l = V4l2Layouts.of(abi());
 *   V4l2Ioctl io = V4l2Ioctl.decode(abi(), request).orElse(null);
 *   if (io == V4l2Ioctl.VIDIOC_QUERYBUF) {
 *     NativeStruct b = NativeStruct.wrap(l.buffer(), arg);
 *     int index = b.getInt("index");
 *     if (index < 0 || index >= buffers.length) {
 *       return -Errno.EINVAL;
 *     }
 *     b.set("length", FRAME_BYTES).set("m.offset", index * 4096L);
 *     return 0;
 *   }
 *   // ... the other ioctls
 *   return -Errno.ENOTTY; // not a V4L2 request this device knows
 * }
 * }</pre>
 *
 * <p>For {@link #mmap} the fake allocates the memory itself (a JNA {@code Memory}), keeps a strong
 * reference to it until {@link #munmap}, and returns its address ({@code Pointer.nativeValue}). The
 * {@code offset} argument is the {@code m.offset} the fake reported in {@code VIDIOC_QUERYBUF}. A
 * fake may return any {@link Abi} from {@link #abi()}, e.g. {@link Abi#ARMHF_TIME32} on an x86-64
 * host, to run the library's armhf layouts end to end. One limit: a 32-bit ABI has 4-byte pointer
 * fields, which cannot hold a 64-bit host's addresses, so {@code VIDIOC_G/S_EXT_CTRLS} (whose
 * {@code controls} field is a pointer) only work when the simulated ABI is the host's word size;
 * everything else (formats, streaming, control enumeration) works for every ABI.
 *
 * <p>A fake that wants every call to look like a real driver should also: return {@code -EINVAL}
 * past the end of an enumeration ({@code ENUM_FMT}, {@code ENUM_FRAMESIZES}, {@code QUERYMENU},
 * {@code QUERY_EXT_CTRL} with {@code V4L2_CTRL_FLAG_NEXT_CTRL}); return {@code -EAGAIN} from {@code
 * VIDIOC_DQBUF} when no buffer is done (the library opens with {@link #O_NONBLOCK}); report {@link
 * #POLLIN} from {@link #poll} when a buffer is done; and return {@code -ENODEV} from every ioctl
 * once the camera is "unplugged".
 */
public interface V4l2Native {
  /** {@code O_RDWR}. */
  int O_RDWR = 0x2;

  /** {@code O_NONBLOCK}: DQBUF returns EAGAIN instead of blocking. */
  int O_NONBLOCK = 0x800;

  /** {@code O_CLOEXEC}. */
  int O_CLOEXEC = 0x80000;

  /** {@code PROT_READ}. */
  int PROT_READ = 0x1;

  /** {@code PROT_WRITE}. */
  int PROT_WRITE = 0x2;

  /** {@code MAP_SHARED}. */
  int MAP_SHARED = 0x1;

  /** {@code POLLIN}: a buffer can be dequeued. */
  int POLLIN = 0x1;

  /** {@code POLLPRI}: an event is pending. */
  int POLLPRI = 0x2;

  /** {@code POLLOUT}. */
  int POLLOUT = 0x4;

  /** {@code POLLERR}: not streaming, or the queue is in an error state. */
  int POLLERR = 0x8;

  /** {@code POLLHUP}: the device was disconnected. */
  int POLLHUP = 0x10;

  /** {@code POLLNVAL}: the descriptor is not open. */
  int POLLNVAL = 0x20;

  /**
   * Returns the ABI the library must lay ioctl arguments out for. The JNA implementation returns
   * the ABI of the running JVM.
   *
   * @return the ABI
   */
  Abi abi();

  /**
   * Opens a device node, like {@code open(2)}.
   *
   * @param path the path, e.g. {@code /dev/video0}
   * @param flags {@link #O_RDWR} and friends
   * @return a file descriptor, or {@code -errno}
   */
  int open(String path, int flags);

  /**
   * Closes a descriptor, like {@code close(2)}.
   *
   * @param fd the descriptor
   * @return 0, or {@code -errno}
   */
  int close(int fd);

  /**
   * Issues an ioctl, like {@code ioctl(2)}.
   *
   * @param fd the descriptor
   * @param request the 32-bit request number (see {@link
   *     io.eyetoystreamer.v4l2.abi.V4l2Ioctl#request(Abi)})
   * @param arg the argument: native memory of {@code _IOC_SIZE(request)} bytes laid out for {@link
   *     #abi()}, owned by the caller, valid only during the call
   * @return a non-negative result (0 for V4L2), or {@code -errno}
   */
  int ioctl(int fd, int request, Pointer arg);

  /**
   * Maps device memory, like {@code mmap(NULL, length, prot, flags, fd, offset)}.
   *
   * @param length the number of bytes
   * @param prot {@link #PROT_READ} and/or {@link #PROT_WRITE}
   * @param flags {@link #MAP_SHARED}
   * @param fd the descriptor
   * @param offset the offset in the device, e.g. a buffer's {@code m.offset}
   * @return the address of the mapping (positive), or {@code -errno}
   */
  long mmap(long length, int prot, int flags, int fd, long offset);

  /**
   * Unmaps memory mapped by {@link #mmap}, like {@code munmap(2)}.
   *
   * @param address the address {@link #mmap} returned
   * @param length the length given to {@link #mmap}
   * @return 0, or {@code -errno}
   */
  int munmap(long address, long length);

  /**
   * Detaches a mapping from the device while callers may still use it: afterwards the device's
   * memory is no longer mapped there (the driver can free its buffer, as after {@link #munmap}),
   * but the address range stays mapped, readable and writable (writes reach nothing), holding zeros
   * or the last contents, until {@link #munmap} is called for it. The library calls this when a
   * capture stream or mem2mem session frees its buffers, and {@link #munmap} once no view of the
   * range is reachable, so that reading (or, for a mem2mem input buffer, writing) a buffer view
   * kept past the close touches stale memory instead of crashing the JVM.
   *
   * <p>The default does nothing and returns 0: the device's memory then stays mapped until that
   * later {@link #munmap}. {@link JnaV4l2Native} maps anonymous zero pages over the range ({@code
   * MAP_FIXED}); a simulated device keeps the memory until the {@link #munmap}.
   *
   * @param address the address {@link #mmap} returned
   * @param length the length given to {@link #mmap}
   * @return 0, or {@code -errno}
   */
  default int detach(long address, long length) {
    return 0;
  }

  /**
   * Waits for events on one descriptor, like {@code poll(2)} with one {@code pollfd}.
   *
   * @param fd the descriptor
   * @param events the events to wait for, e.g. {@link #POLLIN}
   * @param timeoutMillis the longest wait in milliseconds; 0 returns at once, negative waits
   *     forever
   * @return the returned events ({@code revents}, positive), 0 on timeout, or {@code -errno}
   *     ({@code -EINTR} when a signal interrupted the wait)
   */
  int poll(int fd, int events, int timeoutMillis);

  /**
   * Lists the V4L2 device nodes: {@code /dev/video0}, {@code /dev/video1}, ... in numeric order,
   * then the other V4L2 nodes a driver may create ({@code vbiN}, {@code radioN}, {@code swradioN},
   * {@code v4l-touchN}), so that a listing can say why each is not a camera. The default scans
   * {@code /dev}; a simulated device returns its own paths.
   *
   * @return the paths, possibly empty
   */
  default List<String> deviceNodes() {
    return scanDeviceNodes(Path.of("/dev"));
  }

  /**
   * Lists the V4L2 device nodes of a directory: the {@code videoN} entries in numeric order, then
   * {@code vbiN}, {@code radioN}, {@code swradioN} and {@code v4l-touchN}, each kind in numeric
   * order.
   *
   * @param dir the directory to scan, normally {@code /dev}
   * @return the paths of the entries; empty when the directory does not exist
   */
  static List<String> scanDeviceNodes(Path dir) {
    List<String> all = new ArrayList<>();
    for (String kind : List.of("video", "vbi", "radio", "swradio", "v4l-touch")) {
      all.addAll(scanNodes(dir, kind));
    }
    return all;
  }

  /**
   * Lists the {@code videoN} entries of a directory in numeric order.
   *
   * @param dir the directory to scan, normally {@code /dev}
   * @return the paths of the entries; empty when the directory does not exist
   */
  static List<String> scanVideoNodes(Path dir) {
    return scanNodes(dir, "video");
  }

  private static List<String> scanNodes(Path dir, String kind) {
    Pattern node = Pattern.compile(Pattern.quote(kind) + "\\d{1,9}");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> node.matcher(n).matches())
          .sorted(
              Comparator.comparingLong((String n) -> Long.parseLong(n.substring(kind.length()))))
          .map(n -> dir.resolve(n).toString())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
