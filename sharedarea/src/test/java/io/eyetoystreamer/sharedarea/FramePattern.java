package io.eyetoystreamer.sharedarea;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Frame contents derived from the sequence number, so that a reader can check a frame is whole. */
final class FramePattern {
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private FramePattern() {}

  /** Length of frame {@code sequence}: varies, so that a torn length shows too. */
  static int lengthOf(long sequence, int capacity) {
    return capacity - 8 * (int) (sequence % 4);
  }

  /** Fills {@code length} bytes from index 0 of {@code slot} for frame {@code sequence}. */
  static void fill(ByteBuffer slot, long sequence, int length) {
    ByteBuffer b = slot.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + Long.BYTES <= length; i += Long.BYTES) {
      b.putLong(i, sequence * MIX + i);
    }
  }

  /**
   * Returns -1 if {@code length} bytes from index 0 of {@code frame} are frame {@code sequence},
   * else the first offset that differs.
   */
  static int firstMismatch(ByteBuffer frame, long sequence, int length) {
    ByteBuffer b = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + Long.BYTES <= length; i += Long.BYTES) {
      if (b.getLong(i) != sequence * MIX + i) {
        return i;
      }
    }
    return -1;
  }
}
