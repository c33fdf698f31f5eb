package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_DONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_ERROR;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_MAPPED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_QUEUED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MEMORY_MMAP;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Field;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.util.ArrayDeque;

/**
 * The capture queue, with videobuf2's rules as gspca sets it up: memory-mapped buffers only, at
 * least {@value #MIN_ALLOCATION} allocated, streaming starts once {@value #MIN_QUEUED} are queued;
 * one owner (the descriptor that allocated the buffers) and {@code EBUSY} for every other; {@code
 * EINVAL} for a buffer queued twice, a dequeue while not streaming, or a bad index, type or memory;
 * {@code EBUSY} for {@code REQBUFS} while streaming; buffers still mapped when freed are orphaned,
 * not refused. Guarded by the fake's lock.
 */
final class BufferQueue {
  /** Buffers gspca wants queued before the camera starts ({@code min_queued_buffers}). */
  static final int MIN_QUEUED = 2;

  /** The fewest buffers {@code VIDIOC_REQBUFS} allocates (videobuf2: min_queued_buffers + 1). */
  static final int MIN_ALLOCATION = MIN_QUEUED + 1;

  /** The most buffers {@code VIDIOC_REQBUFS} allocates. */
  static final int MAX_BUFFERS = 32;

  /** {@code V4L2_BUF_CAP_SUPPORTS_MMAP}. */
  static final int CAP_SUPPORTS_MMAP = 0x01;

  /** {@code V4L2_BUF_CAP_SUPPORTS_ORPHANED_BUFS}. */
  static final int CAP_SUPPORTS_ORPHANED_BUFS = 0x10;

  private final V4l2Layouts layouts;
  private final Field index;
  private final Field type;
  private final Field bytesUsed;
  private final Field flags;
  private final Field field;
  private final Field seconds;
  private final Field micros;
  private final Field sequence;
  private final Field memory;
  private final Field offset;
  private final Field length;
  private final StructLayout bufferLayout;

  private Buffer[] buffers = new Buffer[0];
  private final ArrayDeque<Buffer> queued = new ArrayDeque<>();
  private final ArrayDeque<Buffer> active = new ArrayDeque<>();
  private final ArrayDeque<Buffer> done = new ArrayDeque<>();
  private OpenFile owner;
  private boolean streaming;
  private boolean waitingForBuffers = true;

  BufferQueue(V4l2Layouts layouts) {
    this.layouts = layouts;
    this.bufferLayout = layouts.buffer();
    this.index = bufferLayout.field("index");
    this.type = bufferLayout.field("type");
    this.bytesUsed = bufferLayout.field("bytesused");
    this.flags = bufferLayout.field("flags");
    this.field = bufferLayout.field("field");
    this.seconds = bufferLayout.field("timestamp.tv_sec");
    this.micros = bufferLayout.field("timestamp.tv_usec");
    this.sequence = bufferLayout.field("sequence");
    this.memory = bufferLayout.field("memory");
    this.offset = bufferLayout.field("m.offset");
    this.length = bufferLayout.field("length");
  }

  // ---- state the camera and the sensor look at --------------------------------------------

  boolean busy() {
    return buffers.length > 0;
  }

  boolean streaming() {
    return streaming;
  }

  int allocated() {
    return buffers.length;
  }

  int queuedCount() {
    return queued.size();
  }

  boolean isOwnedByOther(OpenFile file) {
    return owner != null && owner != file;
  }

  /** The poll mask videobuf2 reports for this queue (POLLIN, POLLERR or nothing). */
  int pollMask() {
    if (!streaming || waitingForBuffers) {
      return FakeEyetoy.POLLERR;
    }
    return done.isEmpty() ? 0 : FakeEyetoy.POLLIN;
  }

  Buffer byOffset(long mapOffset) {
    for (Buffer b : buffers) {
      if (b.offset == mapOffset) {
        return b;
      }
    }
    return null;
  }

  /** Takes the oldest queued buffer for the next frame, or null when none is queued. */
  Buffer takeQueued() {
    return queued.poll();
  }

  /** Hands a filled buffer back: done at once, or in flight until {@code readyAtNanos}. */
  void filled(Buffer b, long readyAtNanos, long now) {
    b.readyAtNanos = readyAtNanos;
    if (readyAtNanos - now <= 0) {
      b.state = Buffer.State.DONE;
      done.add(b);
    } else {
      b.state = Buffer.State.ACTIVE;
      active.add(b);
    }
  }

  /** Completes the in-flight buffers whose transfer has finished by {@code now}. */
  void complete(long now) {
    while (!active.isEmpty() && active.peek().readyAtNanos - now <= 0) {
      Buffer b = active.poll();
      b.state = Buffer.State.DONE;
      done.add(b);
    }
  }

  /** When the next in-flight buffer completes, or {@link Long#MAX_VALUE}. */
  long nextCompletionNanos() {
    return active.isEmpty() ? Long.MAX_VALUE : active.peek().readyAtNanos;
  }

  /** True when every filled buffer has been dequeued. */
  boolean drained() {
    return active.isEmpty() && done.isEmpty();
  }

  // ---- ioctls ----------------------------------------------------------------------------

  /** Frees the buffers and allocates {@code count} new ones of {@code imageBytes} each. */
  int reqbufs(OpenFile file, Pointer arg, int imageBytes) {
    NativeStruct req = NativeStruct.wrap(layouts.requestBuffers(), arg);
    if (req.getInt("type") != V4L2_BUF_TYPE_VIDEO_CAPTURE
        || req.getInt("memory") != V4L2_MEMORY_MMAP) {
      return -Errno.EINVAL;
    }
    if (isOwnedByOther(file) || streaming) {
      return -Errno.EBUSY;
    }
    long count = req.get("count");
    free();
    int granted = count == 0 ? 0 : (int) Math.max(MIN_ALLOCATION, Math.min(MAX_BUFFERS, count));
    buffers = new Buffer[granted];
    for (int i = 0; i < granted; i++) {
      buffers[i] = new Buffer(i, imageBytes);
    }
    owner = granted == 0 ? null : file;
    req.set("count", granted)
        .set("capabilities", CAP_SUPPORTS_MMAP | CAP_SUPPORTS_ORPHANED_BUFS)
        .set("flags", 0);
    return 0;
  }

  int querybuf(Pointer arg) {
    Buffer b = lookup(arg, false);
    if (b == null) {
      return -Errno.EINVAL;
    }
    describe(arg, b);
    return 0;
  }

  int qbuf(OpenFile file, Pointer arg) {
    if (isOwnedByOther(file)) {
      return -Errno.EBUSY;
    }
    Buffer b = lookup(arg, true);
    if (b == null || b.state != Buffer.State.DEQUEUED) {
      return -Errno.EINVAL;
    }
    b.state = Buffer.State.QUEUED;
    queued.add(b);
    waitingForBuffers = false;
    describe(arg, b);
    return 0;
  }

  /** Dequeues the oldest done buffer; {@code -EAGAIN} when none is done yet. */
  int dqbuf(OpenFile file, Pointer arg) {
    if (isOwnedByOther(file)) {
      return -Errno.EBUSY;
    }
    if (type.getInt(arg) != V4L2_BUF_TYPE_VIDEO_CAPTURE || memory.getInt(arg) != V4L2_MEMORY_MMAP) {
      return -Errno.EINVAL;
    }
    if (!streaming) {
      return -Errno.EINVAL;
    }
    Buffer b = done.poll();
    if (b == null) {
      return -Errno.EAGAIN;
    }
    describe(arg, b);
    // vb2_dqbuf clears DONE on the buffer it hands out; ERROR stays (seen on vivid: a dequeued
    // buffer is MAPPED, or MAPPED | ERROR). QUERYBUF of a filled buffer still says DONE.
    flags.set(arg, flags.get(arg) & ~V4L2_BUF_FLAG_DONE);
    b.state = Buffer.State.DEQUEUED;
    return 0;
  }

  int streamon(OpenFile file, Pointer arg) {
    if (isOwnedByOther(file)) {
      return -Errno.EBUSY;
    }
    if (arg.getInt(0) != V4L2_BUF_TYPE_VIDEO_CAPTURE || buffers.length == 0) {
      return -Errno.EINVAL;
    }
    streaming = true;
    return 0;
  }

  int streamoff(OpenFile file, Pointer arg) {
    if (isOwnedByOther(file)) {
      return -Errno.EBUSY;
    }
    if (arg.getInt(0) != V4L2_BUF_TYPE_VIDEO_CAPTURE) {
      return -Errno.EINVAL;
    }
    cancel();
    return 0;
  }

  /** Stops streaming and gives every buffer back to the application (videobuf2's cancel). */
  void cancel() {
    streaming = false;
    waitingForBuffers = true;
    queued.clear();
    active.clear();
    done.clear();
    for (Buffer b : buffers) {
      b.state = Buffer.State.DEQUEUED;
    }
  }

  /** The owner closed its descriptor: stop and free everything, as videobuf2's release does. */
  void release(OpenFile file) {
    if (owner == file) {
      free();
    }
  }

  /** Stops streaming and frees every buffer; mapped ones are orphaned until their munmap. */
  void free() {
    cancel();
    for (Buffer b : buffers) {
      b.freed = true;
      if (b.mapCount == 0 && b.detachedCount == 0) {
        b.release();
      }
    }
    buffers = new Buffer[0];
    owner = null;
  }

  private Buffer lookup(Pointer arg, boolean checkMemory) {
    long i = index.get(arg);
    if (type.getInt(arg) != V4L2_BUF_TYPE_VIDEO_CAPTURE
        || (checkMemory && memory.getInt(arg) != V4L2_MEMORY_MMAP)
        || i < 0
        || i >= buffers.length) {
      return null;
    }
    return buffers[(int) i];
  }

  /** Fills a {@code v4l2_buffer} the way videobuf2 reports a buffer. */
  private void describe(Pointer arg, Buffer b) {
    arg.setMemory(0, bufferLayout.size(), (byte) 0);
    int bits = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
    if (b.mapCount > 0) {
      bits |= V4L2_BUF_FLAG_MAPPED;
    }
    switch (b.state) {
      case QUEUED, ACTIVE -> bits |= V4L2_BUF_FLAG_QUEUED;
      case DONE -> bits |= V4L2_BUF_FLAG_DONE | (b.error ? V4L2_BUF_FLAG_ERROR : 0);
      default -> {}
    }
    index.set(arg, b.index);
    type.set(arg, V4L2_BUF_TYPE_VIDEO_CAPTURE);
    bytesUsed.set(arg, b.bytesUsed);
    flags.set(arg, bits & 0xFFFF_FFFFL);
    field.set(arg, V4L2_FIELD_NONE);
    seconds.set(arg, Math.floorDiv(b.timestampNanos, 1_000_000_000L));
    micros.set(arg, Math.floorMod(b.timestampNanos, 1_000_000_000L) / 1_000L);
    sequence.set(arg, b.sequence & 0xFFFF_FFFFL);
    memory.set(arg, V4L2_MEMORY_MMAP);
    offset.set(arg, b.offset);
    length.set(arg, b.length);
  }
}
