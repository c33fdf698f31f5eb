package io.eyetoystreamer.jmh.area;

import java.nio.ByteBuffer;

/**
 * The limit: one buffer, copied in and out with no coordination at all (reads may be torn). What
 * remains is the cost of moving the bytes, under the same writer traffic as the other stores.
 */
final class PlainCopyStore implements FrameStore {
  private final ByteBuffer frame;
  private volatile long sequence;

  PlainCopyStore(int frameBytes) {
    frame = ByteBuffer.allocateDirect(frameBytes);
  }

  @Override
  public void publish(ByteBuffer src, long captureTimeNanos) {
    frame.put(0, src, src.position(), src.remaining());
    sequence++;
  }

  @Override
  public Reader newReader() {
    return dst -> {
      dst.put(dst.position(), frame, 0, frame.capacity());
      return sequence;
    };
  }

  @Override
  public void close() {}
}
