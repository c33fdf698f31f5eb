package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Baseline, the original system's design: one buffer under a reader-writer lock. Readers copy in
 * parallel; the writer waits for all of them.
 */
final class ReadWriteLockStore implements FrameStore {
  private final ByteBuffer frame;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long sequence;

  ReadWriteLockStore(int frameBytes) {
    frame = ByteBuffer.allocateDirect(frameBytes);
  }

  @Override
  public void publish(ByteBuffer src, long captureTimeNanos) {
    lock.writeLock().lock();
    try {
      frame.put(0, src, src.position(), src.remaining());
      sequence++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Reader newReader() {
    return dst -> {
      lock.readLock().lock();
      try {
        dst.put(dst.position(), frame, 0, frame.capacity());
        return sequence;
      } finally {
        lock.readLock().unlock();
      }
    };
  }

  @Override
  public void close() {}
}
