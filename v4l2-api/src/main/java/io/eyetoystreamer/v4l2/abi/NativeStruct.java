package io.eyetoystreamer.v4l2.abi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Objects;

/**
 * A {@link StructLayout} bound to a block of native memory: read and write fields by path.
 *
 * <p>Use {@link #allocate(StructLayout)} for a zeroed block the size of the struct (owned by this
 * object and freed when it becomes unreachable), or {@link #wrap(StructLayout, Pointer)} for memory
 * someone else owns, such as the argument pointer a {@code V4l2Native} implementation receives in
 * {@code ioctl}. Lookups by path cost a hash lookup: hot code should resolve {@link Field}s once.
 * Not thread-safe (the memory is plain native memory).
 */
public final class NativeStruct {
  private final StructLayout layout;
  private final Pointer pointer;

  private NativeStruct(StructLayout layout, Pointer pointer) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
  }

  /**
   * Allocates zeroed native memory for one struct.
   *
   * @param layout the struct layout
   * @return a struct backed by new memory
   */
  public static NativeStruct allocate(StructLayout layout) {
    Memory memory = new Memory(layout.size());
    memory.clear();
    return new NativeStruct(layout, memory);
  }

  /**
   * Views existing memory as a struct. The caller keeps that memory alive.
   *
   * @param layout the struct layout
   * @param pointer the start of the struct
   * @return a view over the memory
   */
  public static NativeStruct wrap(StructLayout layout, Pointer pointer) {
    return new NativeStruct(layout, pointer);
  }

  /**
   * Returns the layout.
   *
   * @return the layout
   */
  public StructLayout layout() {
    return layout;
  }

  /**
   * Returns the start of the struct in native memory.
   *
   * @return the pointer
   */
  public Pointer pointer() {
    return pointer;
  }

  /** Zeroes the whole struct. */
  public void clear() {
    pointer.setMemory(0, layout.size(), (byte) 0);
  }

  /**
   * Reads a scalar field.
   *
   * @param path the field's dotted path
   * @return its value, sign- or zero-extended
   */
  public long get(String path) {
    return layout.field(path).get(pointer);
  }

  /**
   * Reads the low 32 bits of a scalar field.
   *
   * @param path the field's dotted path
   * @return its value as {@code int} bits
   */
  public int getInt(String path) {
    return layout.field(path).getInt(pointer);
  }

  /**
   * Writes a scalar field.
   *
   * @param path the field's dotted path
   * @param value the value
   * @return this struct, for chaining
   */
  public NativeStruct set(String path, long value) {
    layout.field(path).set(pointer, value);
    return this;
  }

  /**
   * Reads a NUL-terminated string from a byte-array field.
   *
   * @param path the field's dotted path
   * @return the text
   */
  public String getString(String path) {
    return layout.field(path).getString(pointer);
  }

  /**
   * Writes a string into a byte-array field, NUL-padded.
   *
   * @param path the field's dotted path
   * @param value the text
   * @return this struct, for chaining
   */
  public NativeStruct setString(String path, String value) {
    layout.field(path).setString(pointer, value);
    return this;
  }
}
