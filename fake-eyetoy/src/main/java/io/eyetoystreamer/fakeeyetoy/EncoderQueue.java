package io.eyetoystreamer.fakeeyetoy;

import java.util.ArrayDeque;

/**
 * One queue of a simulated encoder context, OUTPUT (raw frames in) or CAPTURE (coded bytes out),
 * with videobuf2's bookkeeping: memory-mapped buffers, the queued ones in order, the done ones in
 * order, streaming or not. Buffers still mapped when freed are orphaned (their memory stays until
 * the last {@code munmap}). Guarded by the encoder's lock.
 */
final class EncoderQueue {
  /** Where v4l2-mem2mem puts CAPTURE buffers' mmap offsets ({@code DST_QUEUE_OFF_BASE}). */
  static final long CAPTURE_OFFSETS = 1L << 30;

  /** The most buffers {@code VIDIOC_REQBUFS} allocates. */
  static final int MAX_BUFFERS = 32;

  final boolean output;
  private final long offsetBase;
  Buffer[] buffers = new Buffer[0];
  final ArrayDeque<Buffer> queued = new ArrayDeque<>();
  final ArrayDeque<Buffer> done = new ArrayDeque<>();
  boolean streaming;
  long sequence;

  EncoderQueue(boolean output) {
    this.output = output;
    this.offsetBase = output ? 0 : CAPTURE_OFFSETS;
  }

  /** Frees the buffers and allocates {@code count} (1..32, 0 frees) of {@code bytes} each. */
  int allocate(long count, int bytes) {
    free();
    int granted = (int) Math.min(MAX_BUFFERS, Math.max(0, count));
    buffers = new Buffer[granted];
    for (int i = 0; i < granted; i++) {
      buffers[i] = new Buffer(i, bytes, offsetBase);
    }
    return granted;
  }

  /** Stops streaming and gives every buffer back to the application (videobuf2's cancel). */
  void cancel() {
    streaming = false;
    queued.clear();
    done.clear();
    for (Buffer b : buffers) {
      b.state = Buffer.State.DEQUEUED;
    }
  }

  /** Stops and frees every buffer; mapped ones are orphaned until their munmap. */
  void free() {
    cancel();
    for (Buffer b : buffers) {
      b.freed = true;
      if (b.mapCount == 0 && b.detachedCount == 0) {
        b.release();
      }
    }
    buffers = new Buffer[0];
    sequence = 0;
  }

  /** True when no buffer is queued or done (v4l2-mem2mem's empty {@code queued_list}). */
  boolean idle() {
    for (Buffer b : buffers) {
      if (b.state != Buffer.State.DEQUEUED) {
        return false;
      }
    }
    return true;
  }

  Buffer byOffset(long offset) {
    for (Buffer b : buffers) {
      if (b.offset == offset) {
        return b;
      }
    }
    return null;
  }

  /** Marks a buffer done, in order. */
  void finish(Buffer b) {
    b.state = Buffer.State.DONE;
    b.sequence = sequence++;
    done.add(b);
  }
}
