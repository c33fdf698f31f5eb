package io.eyetoystreamer.fakeeyetoy;

import java.util.HashMap;
import java.util.Map;

/**
 * The buffers the application has mapped, by address. Outlives queues and unplugs: {@code munmap}
 * of an orphaned buffer must still work, and is what finally frees its memory. Guarded by the
 * fake's lock.
 */
final class Mappings {
  private final Map<Long, Buffer> byAddress = new HashMap<>();

  long map(Buffer buffer) {
    buffer.mapCount++;
    byAddress.put(buffer.address(), buffer);
    return buffer.address();
  }

  /** Returns false when nothing is mapped at {@code address}. */
  boolean unmap(long address) {
    Buffer buffer = byAddress.get(address);
    if (buffer == null) {
      return false;
    }
    if (--buffer.mapCount == 0) {
      byAddress.remove(address);
      if (buffer.freed) {
        buffer.release();
      }
    }
    return true;
  }

  int mappedBuffers() {
    return byAddress.size();
  }
}
