package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.StampedLock;

/**
 * Baseline: one buffer under a {@link StampedLock}. Readers try an optimistic read first (a seqlock
 * over one slot) and fall back to the read lock when the writer interferes; the writer takes the
 * write lock, so it waits for readers holding the read lock.
 */
final class StampedLockStore implements FrameStore {
  private final ByteBuffer frame;
  private final StampedLock lock = new StampedLock();
  private long sequence;

  StampedLockStore(int frameBytes) {
    frame = ByteBuffer.allocateDirect(frameBytes);
  }

  @Override
  public void publish(ByteBuffer src, long captureTimeNanos) {
    long stamp = lock.writeLock();
    try {
      frame.put(0, src, src.position(), src.remaining());
      sequence++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public Reader newReader() {
    return dst -> {
      long stamp = lock.tryOptimisticRead();
      if (stamp != 0) {
        dst.put(dst.position(), frame, 0, frame.capacity());
        long seq = sequence;
        if (lock.validate(stamp)) {
          return seq;
        }
      }
      stamp = lock.readLock();
      try {
        dst.put(dst.position(), frame, 0, frame.capacity());
        return sequence;
      } finally {
        lock.unlockRead(stamp);
      }
    };
  }

  @Override
  public void close() {}
}
