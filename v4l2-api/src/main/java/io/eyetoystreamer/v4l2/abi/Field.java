package io.eyetoystreamer.v4l2.abi;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * One field of a {@link StructLayout}: its dotted path ({@code timestamp.tv_sec}, {@code
 * fmt.pix.width}; members of anonymous unions keep their own name, e.g. {@code request_fd}), its
 * byte offset and size under the layout's ABI, and accessors that read and write it in native
 * memory at {@code base + offset}.
 *
 * <p>Scalar reads sign-extend signed types and zero-extend unsigned ones into a {@code long};
 * {@link #getInt(Pointer)} returns the low 32 bits unchanged. Writes store the low bytes and reject
 * values that fit neither the signed nor the unsigned range of the field. The accessors allocate
 * nothing (except the {@code String} ones), so they suit the capture hot path. Immutable and
 * thread-safe; the memory it touches is the caller's to synchronise.
 */
public final class Field {
  /** What a field holds. */
  public enum Kind {
    /** A single scalar. */
    SCALAR,
    /** An array of scalars ({@code name[32]}, {@code reserved[3]}). */
    ARRAY,
    /** A nested struct or union, exposed as a whole for its offset and size. */
    AGGREGATE
  }

  private final String path;
  private final int offset;
  private final int size;
  private final Kind kind;
  private final Scalar scalar;
  private final int elementSize;
  private final int count;

  Field(String path, int offset, int size, Kind kind, Scalar scalar, int elementSize, int count) {
    this.path = path;
    this.offset = offset;
    this.size = size;
    this.kind = kind;
    this.scalar = scalar;
    this.elementSize = elementSize;
    this.count = count;
  }

  /**
   * Returns the dotted path of this field inside its struct.
   *
   * @return e.g. {@code m.offset}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the byte offset from the start of the struct.
   *
   * @return the offset
   */
  public int offset() {
    return offset;
  }

  /**
   * Returns the size in bytes ({@code sizeof} the member; a whole array for an array).
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns what this field holds.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the scalar type of a scalar field or of an array's elements.
   *
   * @return the scalar type, or null for an aggregate
   */
  public Scalar scalar() {
    return scalar;
  }

  /**
   * Returns the number of elements: the array length, or 1.
   *
   * @return the element count
   */
  public int count() {
    return count;
  }

  /**
   * Reads a scalar field.
   *
   * @param base the start of the struct
   * @return the value, sign- or zero-extended
   */
  public long get(Pointer base) {
    requireKind(Kind.SCALAR);
    return read(base, offset);
  }

  /**
   * Reads the low 32 bits of a scalar field (the whole value for 32-bit fields, unsigned ones
   * included, as Java {@code int} bits).
   *
   * @param base the start of the struct
   * @return the value's low 32 bits
   */
  public int getInt(Pointer base) {
    return (int) get(base);
  }

  /**
   * Writes a scalar field.
   *
   * @param base the start of the struct
   * @param value the value; must fit the field's width
   */
  public void set(Pointer base, long value) {
    requireKind(Kind.SCALAR);
    write(base, offset, value);
  }

  /**
   * Reads one element of an array field.
   *
   * @param base the start of the struct
   * @param index the element index
   * @return the element, sign- or zero-extended
   */
  public long get(Pointer base, int index) {
    requireKind(Kind.ARRAY);
    return read(base, offset + (long) checkIndex(index) * elementSize);
  }

  /**
   * Writes one element of an array field.
   *
   * @param base the start of the struct
   * @param index the element index
   * @param value the value; must fit the element's width
   */
  public void set(Pointer base, int index, long value) {
    requireKind(Kind.ARRAY);
    write(base, offset + (long) checkIndex(index) * elementSize, value);
  }

  /**
   * Reads a NUL-terminated UTF-8 string from a byte-array field ({@code __u8 name[32]}).
   *
   * @param base the start of the struct
   * @return the text up to the first NUL or the end of the array
   */
  public String getString(Pointer base) {
    requireByteArray();
    byte[] bytes = base.getByteArray(offset, count);
    int len = 0;
    while (len < bytes.length && bytes[len] != 0) {
      len++;
    }
    return new String(bytes, 0, len, StandardCharsets.UTF_8);
  }

  /**
   * Writes a string into a byte-array field as UTF-8, truncated to leave room for a NUL, and fills
   * the rest of the array with NULs.
   *
   * @param base the start of the struct
   * @param value the text
   */
  public void setString(Pointer base, String value) {
    requireByteArray();
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int len = Math.min(bytes.length, count - 1);
    base.setMemory(offset, count, (byte) 0);
    base.write(offset, bytes, 0, len);
  }

  private long read(Pointer base, long at) {
    boolean signed = scalar.signed();
    switch (elementSize) {
      case 1:
        byte b = base.getByte(at);
        return signed ? b : b & 0xFFL;
      case 2:
        short s = base.getShort(at);
        return signed ? s : s & 0xFFFFL;
      case 4:
        int i = base.getInt(at);
        return signed ? i : i & 0xFFFF_FFFFL;
      default:
        return base.getLong(at);
    }
  }

  private void write(Pointer base, long at, long value) {
    if (elementSize < 8) {
      int bits = elementSize * 8;
      long min = -(1L << (bits - 1));
      long max = (1L << bits) - 1;
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            value + " does not fit the " + elementSize + "-byte field " + path);
      }
    }
    switch (elementSize) {
      case 1:
        base.setByte(at, (byte) value);
        break;
      case 2:
        base.setShort(at, (short) value);
        break;
      case 4:
        base.setInt(at, (int) value);
        break;
      default:
        base.setLong(at, value);
        break;
    }
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(path + "[" + index + "], length " + count);
    }
    return index;
  }

  private void requireKind(Kind wanted) {
    if (kind != wanted) {
      throw new IllegalStateException(path + " is " + kind + ", not " + wanted);
    }
  }

  private void requireByteArray() {
    if (kind != Kind.ARRAY || elementSize != 1) {
      throw new IllegalStateException(path + " is not a byte array");
    }
  }

  @Override
  public String toString() {
    return path + "@" + offset + "[" + size + "]";
  }
}
