package io.eyetoystreamer.v4l2.abi;

/**
 * A C type as declared in a header, independent of any ABI: a {@link Scalar}, a {@link CArray} or a
 * {@link CStruct} (struct or union). Its size and alignment depend on the {@link Abi} and follow
 * the C rules GCC applies on Linux: members at the next multiple of their alignment, a struct
 * aligned to its most aligned member and padded to a multiple of that, a union as large as its
 * largest member, and {@code __attribute__((packed))} meaning alignment 1 and no padding.
 * Implementations are immutable and thread-safe.
 */
sealed interface CType permits Scalar, CArray, CStruct {
  /**
   * Returns {@code sizeof} this type under an ABI.
   *
   * @param abi the ABI
   * @return the size in bytes, padding included
   */
  int size(Abi abi);

  /**
   * Returns the alignment of this type under an ABI.
   *
   * @param abi the ABI
   * @return the alignment in bytes (1, 2, 4 or 8)
   */
  int alignment(Abi abi);
}
