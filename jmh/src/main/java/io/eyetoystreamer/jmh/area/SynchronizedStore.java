package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;

/** Baseline: one buffer guarded by a monitor; the writer waits for every reader in the copy. */
final class SynchronizedStore implements FrameStore {
  private final ByteBuffer frame;
  private long sequence;

  SynchronizedStore(int frameBytes) {
    frame = ByteBuffer.allocateDirect(frameBytes);
  }

  @Override
  public synchronized void publish(ByteBuffer src, long captureTimeNanos) {
    frame.put(0, src, src.position(), src.remaining());
    sequence++;
  }

  @Override
  public Reader newReader() {
    return this::read;
  }

  private synchronized long read(ByteBuffer dst) {
    dst.put(dst.position(), frame, 0, frame.capacity());
    return sequence;
  }

  @Override
  public void close() {}
}
