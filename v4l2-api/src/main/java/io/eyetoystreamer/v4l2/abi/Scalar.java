package io.eyetoystreamer.v4l2.abi;

/**
 * The C scalar types the V4L2 structs are made of. Fixed-width kernel types ({@code __u8} ...
 * {@code __s64}) have one size everywhere; {@link #LONG}, {@link #ULONG}, {@link #POINTER}, {@link
 * #TIME_T} and {@link #SUSECONDS_T} take theirs from the {@link Abi}. Every scalar is naturally
 * aligned on the supported ABIs.
 */
enum Scalar implements CType {
  /** {@code __u8}, {@code unsigned char}. */
  U8(1, false),
  /** {@code __s8}, {@code char} (signed on x86, but only used for strings here). */
  S8(1, true),
  /** {@code __u16}. */
  U16(2, false),
  /** {@code __s16}. */
  S16(2, true),
  /** {@code __u32}. */
  U32(4, false),
  /** {@code __s32}, {@code int}. */
  S32(4, true),
  /** {@code __u64}. */
  U64(8, false),
  /** {@code __s64}. */
  S64(8, true),
  /** {@code long}. */
  LONG(0, true),
  /** {@code unsigned long}, {@code size_t}. */
  ULONG(0, false),
  /** Any data pointer. */
  POINTER(0, false),
  /** {@code time_t} (the {@code tv_sec} of {@code struct timeval}). */
  TIME_T(0, true),
  /**
   * The type of {@code tv_usec} in {@code struct timeval}: as wide as {@link #TIME_T} on every
   * supported ABI. (With {@code _TIME_BITS=64} on armhf, glibc declares it {@code __suseconds64_t},
   * 8 bytes, while the {@code suseconds_t} typedef stays 4 bytes.)
   */
  SUSECONDS_T(0, true);

  private final int fixedSize;
  private final boolean signed;

  Scalar(int fixedSize, boolean signed) {
    this.fixedSize = fixedSize;
    this.signed = signed;
  }

  @Override
  public int size(Abi abi) {
    return switch (this) {
      case LONG, ULONG -> abi.longSize();
      case POINTER -> abi.pointerSize();
      case TIME_T, SUSECONDS_T -> abi.timeSize();
      default -> fixedSize;
    };
  }

  @Override
  public int alignment(Abi abi) {
    return size(abi);
  }

  /**
   * Tells whether reads sign-extend this type.
   *
   * @return true for the signed types
   */
  public boolean signed() {
    return signed;
  }
}
