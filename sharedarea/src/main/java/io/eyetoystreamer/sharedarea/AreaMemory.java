package io.eyetoystreamer.sharedarea;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Typed, ordered access to the words of an area in a direct or mapped buffer. Atomic access modes
 * on a byte-buffer view need a direct buffer and aligned offsets: every word in {@link AreaLayout}
 * is naturally aligned, and areas start 64-byte aligned.
 */
final class AreaMemory {
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  final ByteBuffer buffer;

  AreaMemory(ByteBuffer buffer) {
    if (!buffer.isDirect()) {
      throw new IllegalArgumentException("an area needs a direct or mapped buffer");
    }
    this.buffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
  }

  long getLong(int offset) {
    return (long) LONG.get(buffer, offset);
  }

  long getLongAcquire(int offset) {
    return (long) LONG.getAcquire(buffer, offset);
  }

  long getLongOpaque(int offset) {
    return (long) LONG.getOpaque(buffer, offset);
  }

  void setLong(int offset, long value) {
    LONG.set(buffer, offset, value);
  }

  void setLongOpaque(int offset, long value) {
    LONG.setOpaque(buffer, offset, value);
  }

  void setLongRelease(int offset, long value) {
    LONG.setRelease(buffer, offset, value);
  }

  int getInt(int offset) {
    return (int) INT.get(buffer, offset);
  }

  int getIntAcquire(int offset) {
    return (int) INT.getAcquire(buffer, offset);
  }

  int getIntOpaque(int offset) {
    return (int) INT.getOpaque(buffer, offset);
  }

  void setInt(int offset, int value) {
    INT.set(buffer, offset, value);
  }

  void setIntRelease(int offset, int value) {
    INT.setRelease(buffer, offset, value);
  }

  int getAndAddInt(int offset, int delta) {
    return (int) INT.getAndAdd(buffer, offset, delta);
  }
}
