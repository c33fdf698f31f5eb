package io.eyetoystreamer.v4l2;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MEMORY_MMAP;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Field;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One buffer queue of a mem2mem device (its OUTPUT or its CAPTURE side), single- or multi-planar,
 * with memory-mapped buffers of one plane each: {@code VIDIOC_REQBUFS}, {@code VIDIOC_QUERYBUF} and
 * {@code mmap}, {@code VIDIOC_QBUF} and {@code VIDIOC_DQBUF}, {@code VIDIOC_STREAMON} and {@code
 * OFF}. Multi-planar calls pass a one-element {@code v4l2_plane} array through {@code m.planes}.
 * Package-private plumbing of {@link M2mEncoder}; the caller holds the encoder's lock for every
 * call. The ioctl arguments are allocated once, so queueing and dequeueing allocate nothing.
 *
 * <p>Freeing follows {@link CaptureStream}: the device memory is detached ({@link
 * V4l2Native#detach}) and the address range unmapped only once no view of it is reachable, so a
 * buffer view kept past the end never crashes the JVM.
 */
final class M2mQueue {
  /** Unmaps a buffer's address range once no view of it is reachable. */
  private static final Cleaner UNMAPPER = Cleaner.create();

  /** {@link #dequeue()}: no buffer is done yet. */
  static final int NONE = -1;

  /** {@link #dequeue()}: the driver answered EPIPE, the last buffer of a drain was dequeued. */
  static final int ENDED = -2;

  final DeviceIo io;
  final int type;
  final boolean multiplanar;
  final String side;

  private final StructLayout bufferLayout;
  private final Field bufIndex;
  private final Field bufType;
  private final Field bufMemory;
  private final Field bufFlags;
  private final Field bufField;
  private final Field bufBytesUsed;
  private final Field bufSequence;
  private final Field bufSeconds;
  private final Field bufMicros;
  private final Field bufLength;
  private final Field bufOffset;
  private final Field bufPlanes;
  private final StructLayout planeLayout;
  private final Field planeBytesUsed;
  private final Field planeLength;
  private final Field planeOffset;
  private final Field planeDataOffset;
  private final Memory arg;
  private final Memory planes;
  private final Memory typeArg;

  private long[] addresses = new long[0];
  private int[] lengths = new int[0];
  private ByteBuffer[] mapped = new ByteBuffer[0];
  private boolean requested;
  private boolean streaming;

  /** What the last successful {@link #dequeue()} reported. */
  int doneFlags;

  int doneBytesUsed;
  int doneDataOffset;
  long doneSequence;
  long doneTimestampNanos;

  M2mQueue(DeviceIo io, int type, boolean multiplanar, String side) {
    this.io = io;
    this.type = type;
    this.multiplanar = multiplanar;
    this.side = side;
    this.bufferLayout = io.layouts.buffer();
    this.bufIndex = bufferLayout.field("index");
    this.bufType = bufferLayout.field("type");
    this.bufMemory = bufferLayout.field("memory");
    this.bufFlags = bufferLayout.field("flags");
    this.bufField = bufferLayout.field("field");
    this.bufBytesUsed = bufferLayout.field("bytesused");
    this.bufSequence = bufferLayout.field("sequence");
    this.bufSeconds = bufferLayout.field("timestamp.tv_sec");
    this.bufMicros = bufferLayout.field("timestamp.tv_usec");
    this.bufLength = bufferLayout.field("length");
    this.bufOffset = bufferLayout.field("m.offset");
    this.bufPlanes = bufferLayout.field("m.planes");
    this.planeLayout = io.layouts.plane();
    this.planeBytesUsed = planeLayout.field("bytesused");
    this.planeLength = planeLayout.field("length");
    this.planeOffset = planeLayout.field("m.mem_offset");
    this.planeDataOffset = planeLayout.field("data_offset");
    this.arg = new Memory(bufferLayout.size());
    this.planes = new Memory(planeLayout.size());
    this.typeArg = new Memory(4);
    typeArg.setInt(0, type);
  }

  /** The buffers mapped, 0 before {@link #allocate} and after {@link #free}. */
  int count() {
    return mapped.length;
  }

  /** The whole mapped buffer {@code index}, native byte order, position 0, limit its length. */
  ByteBuffer mapped(int index) {
    return mapped[index];
  }

  /** The length of buffer {@code index} as the driver reported it. */
  int length(int index) {
    return lengths[index];
  }

  /**
   * Asks for {@code wanted} buffers and maps each. On a failure what was done is undone before the
   * exception propagates.
   *
   * @return the number the driver granted, at least 1
   */
  int allocate(int wanted) {
    requested = true;
    int granted = requestBuffers(wanted);
    if (granted <= 0) {
      throw new V4l2Exception(
          io.path, "VIDIOC_REQBUFS", "the driver granted no " + side + " buffers");
    }
    addresses = new long[granted];
    lengths = new int[granted];
    mapped = new ByteBuffer[granted];
    for (int i = 0; i < granted; i++) {
      describe(i);
      io.check(V4l2Ioctl.VIDIOC_QUERYBUF, arg);
      long length = multiplanar ? planeLength.get(planes) : bufLength.get(arg);
      long offset = multiplanar ? planeOffset.get(planes) : bufOffset.get(arg);
      if (length <= 0 || length > Integer.MAX_VALUE) {
        throw new V4l2Exception(
            io.path, "VIDIOC_QUERYBUF", side + " buffer " + i + " has length " + length);
      }
      long address =
          io.sys.mmap(
              length,
              V4l2Native.PROT_READ | V4l2Native.PROT_WRITE,
              V4l2Native.MAP_SHARED,
              io.fd,
              offset);
      if (address < 0) {
        throw V4l2Exception.of(io.path, "mmap", (int) -address);
      }
      addresses[i] = address;
      lengths[i] = (int) length;
      // Every view handed out derives from this buffer and keeps it reachable; the range is
      // unmapped only when none is left (after free() detached it from the device).
      ByteBuffer whole =
          new Pointer(address).getByteBuffer(0, length).order(ByteOrder.nativeOrder());
      UNMAPPER.register(whole, new Unmap(io.sys, address, length));
      mapped[i] = whole;
    }
    return granted;
  }

  private int requestBuffers(int count) {
    StructLayout layout = io.layouts.requestBuffers();
    Memory req = new Memory(layout.size());
    req.clear();
    layout.field("count").set(req, count);
    layout.field("type").set(req, type);
    layout.field("memory").set(req, V4L2_MEMORY_MMAP);
    io.check(V4l2Ioctl.VIDIOC_REQBUFS, req);
    return layout.field("count").getInt(req);
  }

  /** Fills {@link #arg} (and the plane) to name buffer {@code index} of this queue. */
  private void describe(int index) {
    arg.clear();
    bufIndex.set(arg, index);
    bufType.set(arg, type);
    bufMemory.set(arg, V4L2_MEMORY_MMAP);
    if (multiplanar) {
      planes.clear();
      bufLength.set(arg, 1);
      bufPlanes.set(arg, Pointer.nativeValue(planes));
    }
  }

  /**
   * Queues buffer {@code index}: an OUTPUT buffer with {@code bytesUsed} bytes of frame and its
   * timestamp, a CAPTURE buffer empty (both 0).
   */
  void queue(int index, int bytesUsed, long timestampNanos) {
    describe(index);
    if (type == V4L2_BUF_TYPE_VIDEO_OUTPUT || type == V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE) {
      // Drivers check an OUTPUT buffer's field (vicodec refuses all but NONE; ANY it turns into
      // NONE): say it.
      bufField.set(arg, V4L2_FIELD_NONE);
    }
    bufSeconds.set(arg, Math.floorDiv(timestampNanos, 1_000_000_000L));
    bufMicros.set(arg, Math.floorMod(timestampNanos, 1_000_000_000L) / 1_000L);
    if (multiplanar) {
      planeBytesUsed.set(planes, bytesUsed);
      planeLength.set(planes, lengths[index]);
    } else {
      bufBytesUsed.set(arg, bytesUsed);
    }
    int r = io.call(V4l2Ioctl.VIDIOC_QBUF, arg);
    if (r < 0) {
      throw streamError("VIDIOC_QBUF", r);
    }
  }

  /**
   * Dequeues a done buffer.
   *
   * @return its index, with the {@code done*} fields filled; {@link #NONE} when none is done; or
   *     {@link #ENDED} when the driver answers EPIPE (the last buffer of a drain was dequeued)
   */
  int dequeue() {
    arg.clear();
    bufType.set(arg, type);
    bufMemory.set(arg, V4L2_MEMORY_MMAP);
    if (multiplanar) {
      planes.clear();
      bufLength.set(arg, 1);
      bufPlanes.set(arg, Pointer.nativeValue(planes));
    }
    int r = io.call(V4l2Ioctl.VIDIOC_DQBUF, arg);
    if (r == -Errno.EAGAIN) {
      return NONE;
    }
    if (r == -Errno.EPIPE) {
      return ENDED;
    }
    if (r < 0) {
      throw streamError("VIDIOC_DQBUF", r);
    }
    int index = bufIndex.getInt(arg);
    if (index < 0 || index >= mapped.length) {
      throw new V4l2Exception(
          io.path,
          "VIDIOC_DQBUF",
          "the driver returned " + side + " buffer " + index + " of " + mapped.length);
    }
    long used = multiplanar ? planeBytesUsed.get(planes) : bufBytesUsed.get(arg);
    long offset = multiplanar ? planeDataOffset.get(planes) : 0;
    doneBytesUsed = (int) Math.max(0, Math.min(used, lengths[index]));
    doneDataOffset = (int) Math.max(0, Math.min(offset, doneBytesUsed));
    doneFlags = bufFlags.getInt(arg);
    doneSequence = bufSequence.get(arg);
    doneTimestampNanos = bufSeconds.get(arg) * 1_000_000_000L + bufMicros.get(arg) * 1_000L;
    return index;
  }

  void streamOn() {
    io.check(V4l2Ioctl.VIDIOC_STREAMON, typeArg);
    streaming = true;
  }

  /** Stops streaming and keeps the buffers: every one is the caller's again, none queued. */
  void streamOff() {
    int r = io.call(V4l2Ioctl.VIDIOC_STREAMOFF, typeArg);
    if (r < 0) {
      throw streamError("VIDIOC_STREAMOFF", r);
    }
    streaming = false;
  }

  boolean streaming() {
    return streaming;
  }

  /**
   * Stops streaming, detaches every mapping and frees the buffers; every step is attempted. A
   * device that is gone (ENODEV) or failed for good (EIO) does not count as a failure. Idempotent.
   *
   * @param failure the failure so far, or null
   * @return the first failure, later ones suppressed, or null
   */
  V4l2Exception free(V4l2Exception failure) {
    if (streaming) {
      streaming = false;
      failure = record(failure, io.call(V4l2Ioctl.VIDIOC_STREAMOFF, typeArg), "VIDIOC_STREAMOFF");
    }
    // Not munmap: the caller may still hold a view. The device's memory is detached now; the
    // address range goes when no view is reachable.
    for (int i = 0; i < addresses.length; i++) {
      if (addresses[i] > 0) {
        failure = record(failure, io.sys.detach(addresses[i], lengths[i]), "detach");
        addresses[i] = 0;
      }
    }
    mapped = new ByteBuffer[0];
    if (requested) {
      requested = false;
      StructLayout layout = io.layouts.requestBuffers();
      Memory req = new Memory(layout.size());
      req.clear();
      layout.field("type").set(req, type);
      layout.field("memory").set(req, V4L2_MEMORY_MMAP);
      int r = io.call(V4l2Ioctl.VIDIOC_REQBUFS, req);
      if (r != -Errno.EINVAL) {
        failure = record(failure, r, "VIDIOC_REQBUFS");
      }
    }
    return failure;
  }

  /**
   * The exception for a failed queue or dequeue: EIO is videobuf2's queue error, and for a codec
   * the interface's "fatal failure" (every further call fails), which only closing and reopening
   * cures, so it is a {@link DeviceGoneException} like ENODEV.
   */
  private V4l2Exception streamError(String operation, int result) {
    if (result == -Errno.EIO) {
      return new DeviceGoneException(io.path, operation + " (" + side + ")", Errno.EIO);
    }
    return io.error(operation + " (" + side + ")", result);
  }

  private V4l2Exception record(V4l2Exception failure, int result, String operation) {
    // A device gone (ENODEV) or failed for good (EIO) was reported as DeviceGoneException
    // already; freeing it must still succeed.
    if (result >= 0 || result == -Errno.ENODEV || result == -Errno.EIO) {
      return failure;
    }
    V4l2Exception e = io.error(operation + " (" + side + ")", result);
    if (failure == null) {
      return e;
    }
    failure.addSuppressed(e);
    return failure;
  }

  /** The cleaning action of one buffer: unmaps its address range. Holds no view. */
  private static final class Unmap implements Runnable {
    private final V4l2Native sys;
    private final long address;
    private final long length;

    Unmap(V4l2Native sys, long address, long length) {
      this.sys = sys;
      this.address = address;
      this.length = length;
    }

    @Override
    public void run() {
      sys.munmap(address, length);
    }
  }
}
