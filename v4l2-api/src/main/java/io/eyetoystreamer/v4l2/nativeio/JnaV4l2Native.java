package io.eyetoystreamer.v4l2.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.AbiDetector;

/**
 * The real {@link V4l2Native}: the C library's {@code open}, {@code close}, {@code ioctl}, {@code
 * mmap}, {@code munmap} and {@code poll} through JNA direct mapping (no per-call reflection or
 * allocation, which matters for the per-frame {@code ioctl} and {@code poll}).
 *
 * <p>C's {@code unsigned long} request, {@code size_t} lengths and {@code nfds_t} are 64-bit on
 * 64-bit ABIs and 32-bit on armhf, so there are two bindings and the one for the running JVM is
 * chosen once. On 32-bit ARM {@code mmap64} is used so that offsets above 2 GiB work whatever
 * {@code off_t} the C library defaults to. {@code errno} is read right after a failing call ({@link
 * Native#getLastError()}, which JNA keeps per thread) and returned negated.
 *
 * <p>Stateless apart from a per-thread 8-byte {@code struct pollfd}; thread-safe. Use {@link
 * #instance()}.
 */
public final class JnaV4l2Native implements V4l2Native {
  private static final JnaV4l2Native INSTANCE = new JnaV4l2Native();

  private final ThreadLocal<Memory> pollFd = ThreadLocal.withInitial(() -> new Memory(8));

  private JnaV4l2Native() {}

  /**
   * Returns the shared instance. The C library is bound on first use of a call.
   *
   * @return the instance
   */
  public static JnaV4l2Native instance() {
    return INSTANCE;
  }

  @Override
  public Abi abi() {
    return AbiDetector.current();
  }

  @Override
  public int open(String path, int flags) {
    int fd = is64() ? Libc64.open(path, flags) : Libc32.open(path, flags);
    return fd < 0 ? -lastError() : fd;
  }

  @Override
  public int close(int fd) {
    int r = is64() ? Libc64.close(fd) : Libc32.close(fd);
    return r < 0 ? -lastError() : r;
  }

  @Override
  public int ioctl(int fd, int request, Pointer arg) {
    int r =
        is64()
            ? Libc64.ioctl(fd, Integer.toUnsignedLong(request), arg)
            : Libc32.ioctl(fd, request, arg);
    return r < 0 ? -lastError() : r;
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    if (is64()) {
      long address = Libc64.mmap(0L, length, prot, flags, fd, offset);
      return address == -1L ? -lastError() : address;
    }
    if (length > 0xFFFF_FFFFL) {
      return -Errno.EINVAL;
    }
    int address = Libc32.mmap64(0, (int) length, prot, flags, fd, offset);
    return address == -1 ? -lastError() : Integer.toUnsignedLong(address);
  }

  @Override
  public int munmap(long address, long length) {
    int r = is64() ? Libc64.munmap(address, length) : Libc32.munmap((int) address, (int) length);
    return r < 0 ? -lastError() : r;
  }

  /**
   * Replaces the mapping with private anonymous zero pages at the same address ({@code mmap} with
   * {@code MAP_FIXED}): the kernel drops the device mapping atomically, and a reader of the range
   * sees zeros instead of faulting; a writer (a kept mem2mem input buffer) writes to those private
   * pages.
   */
  @Override
  public int detach(long address, long length) {
    int prot = PROT_READ | PROT_WRITE;
    int flags = MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS;
    if (is64()) {
      long r = Libc64.mmap(address, length, prot, flags, -1, 0L);
      return r == -1L ? -lastError() : 0;
    }
    int r = Libc32.mmap64((int) address, (int) length, prot, flags, -1, 0L);
    return r == -1 ? -lastError() : 0;
  }

  @Override
  public int poll(int fd, int events, int timeoutMillis) {
    Memory pfd = pollFd.get();
    pfd.setInt(0, fd);
    pfd.setShort(4, (short) events);
    pfd.setShort(6, (short) 0);
    int r = is64() ? Libc64.poll(pfd, 1L, timeoutMillis) : Libc32.poll(pfd, 1, timeoutMillis);
    if (r < 0) {
      return -lastError();
    }
    return r == 0 ? 0 : pfd.getShort(6) & 0xFFFF;
  }

  /** {@code MAP_PRIVATE}. */
  private static final int MAP_PRIVATE = 0x02;

  /** {@code MAP_FIXED}. */
  private static final int MAP_FIXED = 0x10;

  /** {@code MAP_ANONYMOUS}: the same value on x86-64, arm64 and 32-bit ARM. */
  private static final int MAP_ANONYMOUS = 0x20;

  private static boolean is64() {
    return Native.POINTER_SIZE == 8;
  }

  private static int lastError() {
    int errno = Native.getLastError();
    return errno > 0 ? errno : Errno.EIO;
  }

  /** Direct mapping for LP64 (x86-64, arm64): long is 64 bits. */
  private static final class Libc64 {
    static {
      Native.register(Libc64.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Libc64() {}

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int ioctl(int fd, long request, Pointer arg);

    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(long addr, long length);

    static native int poll(Pointer fds, long nfds, int timeout);
  }

  /**
   * Direct mapping for ILP32 (armhf): long and pointers are 32 bits, mmap64 takes a 64-bit offset.
   */
  private static final class Libc32 {
    static {
      Native.register(Libc32.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Libc32() {}

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int ioctl(int fd, int request, Pointer arg);

    static native int mmap64(int addr, int length, int prot, int flags, int fd, long offset);

    static native int munmap(int addr, int length);

    static native int poll(Pointer fds, int nfds, int timeout);
  }
}
