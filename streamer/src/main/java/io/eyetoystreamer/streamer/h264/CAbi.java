package io.eyetoystreamer.streamer.h264;

import com.sun.jna.Native;
import java.util.Locale;

/**
 * What a C compiler's struct layout depends on for the types OpenH264's structs use: the size of a
 * pointer and the alignment of {@code long long}. Every other member type has the same size and
 * alignment on the ABIs the streamer runs on ({@code int}, {@code float} and enums 4, {@code
 * unsigned short} 2, {@code bool} and {@code unsigned char} 1).
 *
 * @param name the Debian architecture name
 * @param pointerSize bytes in a pointer
 * @param longLongAlign alignment of {@code long long} (8 on all three: AAPCS aligns it to 8 on
 *     32-bit ARM, unlike i386's 4)
 */
record CAbi(String name, int pointerSize, int longLongAlign) {
  /** x86-64 (LP64). */
  static final CAbi AMD64 = new CAbi("amd64", 8, 8);

  /** 64-bit ARM (LP64, AAPCS64): the layouts of amd64. */
  static final CAbi ARM64 = new CAbi("arm64", 8, 8);

  /** 32-bit ARM, hard float (ILP32, AAPCS): 4-byte pointers, 8-byte aligned {@code long long}. */
  static final CAbi ARMHF = new CAbi("armhf", 4, 8);

  /**
   * The ABI of this JVM.
   *
   * @throws IllegalStateException on an architecture whose layouts are not known (32-bit x86 and
   *     other 32-bit ABIs align {@code long long} differently); 64-bit Linux ABIs all lay these
   *     structs out as amd64 does
   */
  static CAbi current() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64", "x86_64" -> {
        return AMD64;
      }
      case "aarch64", "arm64" -> {
        return ARM64;
      }
      default -> {
        if (arch.startsWith("arm") && Native.POINTER_SIZE == 4) {
          return ARMHF;
        }
        if (Native.POINTER_SIZE == 8) {
          return new CAbi(arch, 8, 8);
        }
        throw new IllegalStateException(
            "OpenH264 struct layouts are not known for os.arch "
                + arch
                + " with "
                + Native.POINTER_SIZE
                + "-byte pointers (known: amd64, arm64, armhf, and other 64-bit ABIs)");
      }
    }
  }
}
