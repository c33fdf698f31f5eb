package io.eyetoystreamer.v4l2.abi;

/**
 * A C array {@code element[length]}: as aligned as its element, {@code length} times as large.
 *
 * @param element the element type
 * @param length the number of elements, at least 1
 */
record CArray(CType element, int length) implements CType {
  /**
   * Checks the arguments.
   *
   * @param element the element type
   * @param length the number of elements, at least 1
   */
  public CArray {
    if (element == null || length < 1) {
      throw new IllegalArgumentException("bad array: " + element + "[" + length + "]");
    }
  }

  @Override
  public int size(Abi abi) {
    return element.size(abi) * length;
  }

  @Override
  public int alignment(Abi abi) {
    return element.alignment(abi);
  }
}
