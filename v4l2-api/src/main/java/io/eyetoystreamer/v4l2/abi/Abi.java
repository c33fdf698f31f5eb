package io.eyetoystreamer.v4l2.abi;

/**
 * A Linux user-space ABI this library knows the V4L2 struct layouts of.
 *
 * <p>An ABI fixes the size of the C types whose width is not part of their name: {@code long} (and
 * {@code size_t}, {@code unsigned long}), pointers, and the {@code time_t} / {@code suseconds_t}
 * pair inside {@code struct timeval} (which sets the layout of {@code v4l2_buffer}). Every type
 * used here is naturally aligned on all four ABIs (the ARM EABI aligns 64-bit integers to 8 bytes,
 * unlike i386), so the alignment of a scalar equals its size.
 *
 * <p>All four are little-endian. Use {@link AbiDetector#current()} for the ABI of the running JVM;
 * any ABI can be used on any host to compute layouts ({@link V4l2Layouts#of(Abi)}) and ioctl
 * numbers ({@link V4l2Ioctl#request(Abi)}). Immutable and thread-safe.
 */
public enum Abi {
  /** x86-64 (amd64) Linux: LP64, 64-bit {@code time_t}. */
  X86_64(8, 8, 8),
  /** 64-bit ARM (arm64, aarch64) Linux: LP64, 64-bit {@code time_t}. */
  AARCH64(8, 8, 8),
  /**
   * 32-bit ARM hard-float (armhf) with a 32-bit {@code time_t}: Debian bookworm and Raspberry Pi OS
   * bookworm 32-bit. Accepted by every kernel; {@code v4l2_buffer} is 68 bytes.
   */
  ARMHF_TIME32(4, 4, 4),
  /**
   * 32-bit ARM hard-float built with {@code _TIME_BITS=64} (Debian trixie armhf and later). Needs
   * Linux 5.6 or newer; {@code v4l2_buffer} is 80 bytes.
   */
  ARMHF_TIME64(4, 4, 8);

  private final int longSize;
  private final int pointerSize;
  private final int timeSize;

  Abi(int longSize, int pointerSize, int timeSize) {
    this.longSize = longSize;
    this.pointerSize = pointerSize;
    this.timeSize = timeSize;
  }

  /**
   * Returns the size in bytes of {@code long}, {@code unsigned long} and {@code size_t}.
   *
   * @return 8 on the 64-bit ABIs, 4 on armhf
   */
  public int longSize() {
    return longSize;
  }

  /**
   * Returns the size in bytes of a data pointer.
   *
   * @return 8 on the 64-bit ABIs, 4 on armhf
   */
  public int pointerSize() {
    return pointerSize;
  }

  /**
   * Returns the size in bytes of {@code time_t} and {@code suseconds_t} as used in {@code struct
   * timeval}.
   *
   * @return 4 for {@link #ARMHF_TIME32}, otherwise 8
   */
  public int timeSize() {
    return timeSize;
  }

  /**
   * Tells whether this is a 64-bit ABI.
   *
   * @return true when pointers are 8 bytes
   */
  public boolean is64Bit() {
    return pointerSize == 8;
  }
}
