package io.eyetoystreamer.fakeeyetoy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * One driver buffer of the simulated queue: page-aligned native memory (like the driver's vmalloc
 * area) that the application maps, plus videobuf2's bookkeeping. Guarded by the fake's lock.
 *
 * <p>Lifetime: allocated by {@code VIDIOC_REQBUFS}; freed when the queue frees its buffers. A
 * buffer still mapped then is orphaned, as videobuf2 does: its memory stays valid until the last
 * {@code munmap}, and is released then. A detached mapping ({@code detach}) no longer counts as
 * mapped, but its memory too stays valid until its {@code munmap}.
 */
final class Buffer {
  /** The page size the driver aligns buffers and offsets to. */
  static final int PAGE = 4096;

  /** Where a buffer is, in videobuf2's terms. */
  enum State {
    /** Owned by the application. */
    DEQUEUED,
    /** Queued, waiting for a frame. */
    QUEUED,
    /** Being filled: the frame's transfer has not completed yet (slow delivery). */
    ACTIVE,
    /** Filled, waiting to be dequeued. */
    DONE
  }

  final int index;
  final long offset;
  final int length;
  final ByteBuffer view;
  private final Memory block;
  private final long address;

  State state = State.DEQUEUED;
  int mapCount;

  /** Mappings detached from the device whose address range a caller may still read. */
  int detachedCount;

  boolean freed;

  int bytesUsed;
  boolean error;

  /** {@code V4L2_BUF_FLAG_*} a mem2mem buffer is done with (KEYFRAME, PFRAME, LAST, ERROR). */
  int flags;

  long sequence;
  long timestampNanos;
  long readyAtNanos;

  Buffer(int index, int imageBytes) {
    this(index, imageBytes, 0);
  }

  /**
   * A buffer whose {@code mmap} offset is {@code offsetBase + index * length} (a mem2mem device
   * puts its CAPTURE buffers above its OUTPUT ones, as v4l2-mem2mem's {@code DST_QUEUE_OFF_BASE}).
   */
  Buffer(int index, int imageBytes, long offsetBase) {
    this.index = index;
    this.length = pageAlign(imageBytes);
    this.offset = offsetBase + (long) index * length;
    this.block = new Memory(length + (long) PAGE);
    block.clear();
    Pointer aligned = block.align(PAGE);
    this.address = Pointer.nativeValue(aligned);
    this.view = aligned.getByteBuffer(0, length);
  }

  static int pageAlign(int bytes) {
    return (bytes + PAGE - 1) & -PAGE;
  }

  /** The address {@code mmap} returns. */
  long address() {
    return address;
  }

  /** Releases the native memory; the buffer must be neither queued nor mapped any more. */
  void release() {
    block.close();
  }
}
