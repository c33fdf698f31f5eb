package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;

/**
 * One frame store for the area benchmarks: the lock-free area and the locked baselines it is
 * compared with, behind one interface so that the benchmark code is the same for all.
 *
 * <p>One thread publishes; each reading thread uses its own {@link Reader}.
 */
public interface FrameStore extends AutoCloseable {
  /** Copies {@code frame}'s remaining bytes in as the newest frame. */
  void publish(ByteBuffer frame, long captureTimeNanos);

  /** A reader for one thread. */
  Reader newReader();

  @Override
  void close();

  /** Reads the newest frame. */
  interface Reader {
    /** Copies the newest frame to {@code dst}'s position; returns its sequence (0 if none). */
    long readLatest(ByteBuffer dst);
  }

  /** Creates the store named by the benchmark parameter. */
  static FrameStore named(String name, int frameBytes) {
    switch (name) {
      case "seqlock":
        return new SeqlockStore(frameBytes);
      case "plainCopy":
        return new PlainCopyStore(frameBytes);
      case "synchronized":
        return new SynchronizedStore(frameBytes);
      case "rwlock":
        return new ReadWriteLockStore(frameBytes);
      case "stamped":
        return new StampedLockStore(frameBytes);
      default:
        throw new IllegalArgumentException("unknown store " + name);
    }
  }
}
