package io.eyetoystreamer.sharedarea;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Linux futex wait and wake on a 32-bit word of a direct or mapped buffer: the one native call of
 * this module. Shared (not process-private) futexes, so a reader in one process sleeps in the
 * kernel until a writer in another process wakes it: no polling, no CPU while idle.
 *
 * <p>Where the futex is unavailable (not Linux, an unknown CPU, JNA unable to load), {@link
 * #AVAILABLE} is false and callers fall back to short parks.
 *
 * <p>The static methods are thread-safe. A {@link Timeout} belongs to one thread.
 */
final class Futex {
  private static final int FUTEX_WAIT = 0;
  private static final int FUTEX_WAKE = 1;

  /** Whether futex calls work here. */
  static final boolean AVAILABLE;

  /** Why they do not, for the log; empty when they do. */
  static final String UNAVAILABLE_REASON;

  private static final boolean WIDE = Native.LONG_SIZE == 8;
  private static final int SYS_FUTEX;

  static {
    int number = syscallNumber(System.getProperty("os.arch", ""));
    String reason = "";
    boolean ok = false;
    if (!Platform.isLinux()) {
      reason = "futex needs Linux, this is " + System.getProperty("os.name");
    } else if (number < 0) {
      reason = "no futex syscall number known for os.arch " + System.getProperty("os.arch");
    } else {
      try {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        if (WIDE) {
          Native.register(Syscall64.class, libc);
        } else {
          Native.register(Syscall32.class, libc);
        }
        ok = true;
      } catch (LinkageError e) {
        reason = "JNA could not bind libc's syscall(): " + e.getMessage();
      }
    }
    SYS_FUTEX = number;
    AVAILABLE = ok && !Boolean.getBoolean("eyetoy.sharedarea.noFutex");
    UNAVAILABLE_REASON = AVAILABLE ? "" : (ok ? "disabled by eyetoy.sharedarea.noFutex" : reason);
  }

  private Futex() {}

  private static int syscallNumber(String arch) {
    switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64":
      case "x86_64":
        return 202;
      case "aarch64":
      case "arm64":
        return 98;
      case "arm":
      case "armv7l":
      case "armhf":
      case "i386":
      case "x86":
        return 240;
      default:
        return -1;
    }
  }

  /** The native address of byte {@code offset} of a direct buffer. */
  static long address(ByteBuffer direct, int offset) {
    return Pointer.nativeValue(Native.getDirectBufferPointer(direct)) + offset;
  }

  /**
   * Sleeps while the 32-bit word at {@code address} equals {@code expected}, at most {@code
   * timeout}. Returns early on a wake, a changed word, a signal or spuriously: callers re-check
   * their condition.
   */
  static void await(long address, int expected, Timeout timeout, long nanos) {
    long ts = timeout.set(nanos);
    if (WIDE) {
      Syscall64.syscall(SYS_FUTEX, address, FUTEX_WAIT, expected, ts, 0, 0);
    } else {
      Syscall32.syscall(SYS_FUTEX, (int) address, FUTEX_WAIT, expected, (int) ts, 0, 0);
    }
  }

  /** Wakes every thread, in any process, sleeping on the word at {@code address}. */
  static void wakeAll(long address) {
    if (WIDE) {
      Syscall64.syscall(SYS_FUTEX, address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
    } else {
      Syscall32.syscall(SYS_FUTEX, (int) address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
    }
  }

  /** A reusable {@code struct timespec} in native memory, so that a wait allocates nothing. */
  static final class Timeout {
    private final Memory timespec = new Memory(2L * Native.LONG_SIZE);
    private final long address = Pointer.nativeValue(timespec);

    long set(long nanos) {
      long seconds = nanos / 1_000_000_000L;
      long rest = nanos % 1_000_000_000L;
      if (WIDE) {
        timespec.setLong(0, seconds);
        timespec.setLong(8, rest);
      } else {
        timespec.setInt(0, (int) Math.min(seconds, Integer.MAX_VALUE));
        timespec.setInt(4, (int) rest);
      }
      return address;
    }
  }

  /**
   * glibc's {@code long syscall(long, ...)} with every argument register-wide. glibc implements it
   * in assembly that only moves registers, so a fixed-argument binding is safe on x86-64 and arm64.
   */
  private static final class Syscall64 {
    static native long syscall(
        long number, long uaddr, long op, long val, long timeout, long uaddr2, long val3);
  }

  /** The same for 32-bit ABIs (armhf), where {@code long} and pointers are 32 bits. */
  private static final class Syscall32 {
    static native int syscall(
        int number, int uaddr, int op, int val, int timeout, int uaddr2, int val3);
  }
}
