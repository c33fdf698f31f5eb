package io.eyetoystreamer.sharedarea.jcstress;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.Fourcc;
import java.nio.ByteBuffer;

/**
 * Small frames whose every byte is derived from the sequence, so that one read tells whole from
 * torn. Slots are 64 bytes: large enough for a copy to interleave with a write, small enough that
 * jcstress can create many areas.
 */
final class TinyFrames {
  /** Bytes per frame. */
  static final int LENGTH = 64;

  /** Two slots: the writer laps a reader after one more frame. */
  static final AreaGeometry TWO_SLOTS = new AreaGeometry(2, LENGTH, 8, 4, Fourcc.YUYV, 16);

  private TinyFrames() {}

  /** A frame of {@link #LENGTH} bytes all equal to {@code (byte) sequence}. */
  static ByteBuffer frame(int sequence) {
    ByteBuffer b = ByteBuffer.allocateDirect(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      b.put(i, (byte) sequence);
    }
    return b;
  }

  /**
   * Checks a frame read as {@code sequence}: every byte must equal it.
   *
   * @return 1 if whole, 0 if torn or mismatched
   */
  static int wholeAs(ByteBuffer dst, long sequence) {
    if (dst.position() != LENGTH) {
      return 0;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (dst.get(i) != (byte) sequence) {
        return 0;
      }
    }
    return 1;
  }
}
