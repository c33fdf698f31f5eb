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
  private final Map<Long, Buffer> detached = new HashMap<>();

  long map(Buffer buffer) {
    buffer.mapCount++;
    byAddress.put(buffer.address(), buffer);
    return buffer.address();
  }

  /** Returns false when nothing is mapped (or detached) at {@code address}. */
  boolean unmap(long address) {
    Buffer buffer = byAddress.get(address);
    if (buffer != null) {
      if (--buffer.mapCount == 0) {
        byAddress.remove(address);
      }
    } else {
      buffer = detached.get(address);
      if (buffer == null) {
        return false;
      }
      if (--buffer.detachedCount == 0) {
        detached.remove(address);
      }
    }
    if (buffer.freed && buffer.mapCount == 0 && buffer.detachedCount == 0) {
      buffer.release();
    }
    return true;
  }

  /**
   * Detaches one mapping at {@code address} from the device: it no longer counts as mapped, but the
   * memory stays until its {@code munmap}. Returns false when nothing is mapped there.
   */
  boolean detach(long address) {
    Buffer buffer = byAddress.get(address);
    if (buffer == null) {
      return false;
    }
    if (--buffer.mapCount == 0) {
      byAddress.remove(address);
    }
    buffer.detachedCount++;
    detached.put(address, buffer);
    return true;
  }

  int mappedBuffers() {
    return byAddress.size();
  }
}
