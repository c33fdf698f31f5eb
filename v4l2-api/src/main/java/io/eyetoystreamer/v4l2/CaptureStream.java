package io.eyetoystreamer.v4l2;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_ERROR;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
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
 * A running memory-mapped capture: call {@link #next(long)} for each frame and {@link
 * Frame#release()} it when done. Started by {@link V4l2Device#startCapture(int)}.
 *
 * <p>Hot path: {@link #next(long)} and {@link Frame#release()} allocate nothing. The frames, their
 * read-only buffer views and the ioctl argument memory are created when the stream starts.
 *
 * <p>Bad frames are never delivered: a buffer the driver flagged {@code V4L2_BUF_FLAG_ERROR}, or
 * one with fewer bytes than the format's {@code sizeimage} (uncompressed formats only), is counted
 * in {@link #stats()}, reported to the {@link #onRejectedFrame(RejectedFrameListener) listener},
 * and queued again; {@link #next(long)} goes on waiting for a good one within its timeout.
 *
 * <p>Errors: an interrupted {@code poll} or ioctl (EINTR) is retried; a spurious wake-up (EAGAIN
 * from {@code VIDIOC_DQBUF}) goes back to waiting. An unplugged device (ENODEV), and a stream the
 * driver has ended for good (EIO from {@code VIDIOC_DQBUF} or {@code VIDIOC_QBUF}: videobuf2's
 * queue error, which drivers raise on a fatal streaming error and, before the node goes away, on an
 * unplug) raise {@link DeviceGoneException}: close the device and open it again. Everything else is
 * a {@link V4l2Exception}.
 *
 * <p>Thread-safety: one thread calls {@link #next(long)}; {@link Frame#release()}, {@link #stats()}
 * and {@link #close()} may be called from any thread. Closing while another thread waits in {@link
 * #next(long)} stops streaming, which wakes it; it then throws {@link IllegalStateException}.
 *
 * <p>Closing stops streaming ({@code VIDIOC_STREAMOFF}), invalidates all frames, detaches every
 * buffer from the device and frees them ({@code VIDIOC_REQBUFS} with count 0); every step is
 * attempted even if one fails, on the error paths of {@link V4l2Device#startCapture(int)} too. The
 * device stays open.
 *
 * <p>Misuse never crashes the JVM. After {@link Frame#release()} or {@link #close()}, {@link
 * Frame#data()}, {@link Frame#copyTo(ByteBuffer)} and {@link #next(long)} throw {@link
 * IllegalStateException}. A {@link Frame#data()} buffer kept past its frame's release reads
 * whatever the driver wrote since; kept past the stream's close it reads zeros (the device memory
 * is replaced by zero pages, see {@link V4l2Native#detach}), and the address range is unmapped only
 * once no such buffer is reachable any more.
 */
public final class CaptureStream implements AutoCloseable {
  private static final long MAX_TIMEOUT_MILLIS = Long.MAX_VALUE / 4_000_000L;

  /** Unmaps a buffer's address range once no view of it is reachable (see {@link #close()}). */
  private static final Cleaner UNMAPPER = Cleaner.create();

  private final DeviceIo io;
  private final Format format;
  private final int minimumBytes;
  private final Object lock = new Object();

  private final Frame[] frames;
  private final long[] addresses;
  private final long[] lengths;
  private final Cleaner.Cleanable[] unmaps;
  private final Memory dequeueArg;
  private final Memory typeArg;
  private final Field bufIndex;
  private final Field bufType;
  private final Field bufMemory;
  private final Field bufFlags;
  private final Field bufBytesUsed;
  private final Field bufSequence;
  private final Field bufSeconds;
  private final Field bufMicros;
  private final Field bufLength;
  private final Field bufOffset;
  private final StructLayout bufferLayout;

  private volatile boolean open = true;
  private boolean streaming;
  private volatile RejectedFrameListener listener;
  private long delivered;
  private long errorFrames;
  private long shortFrames;
  private long sequenceGaps;
  private long lastSequence = -1;

  private CaptureStream(DeviceIo io, Format format, int minimumBytes, int count) {
    this.io = io;
    this.format = format;
    this.minimumBytes = minimumBytes;
    this.bufferLayout = io.layouts.buffer();
    this.bufIndex = bufferLayout.field("index");
    this.bufType = bufferLayout.field("type");
    this.bufMemory = bufferLayout.field("memory");
    this.bufFlags = bufferLayout.field("flags");
    this.bufBytesUsed = bufferLayout.field("bytesused");
    this.bufSequence = bufferLayout.field("sequence");
    this.bufSeconds = bufferLayout.field("timestamp.tv_sec");
    this.bufMicros = bufferLayout.field("timestamp.tv_usec");
    this.bufLength = bufferLayout.field("length");
    this.bufOffset = bufferLayout.field("m.offset");
    this.frames = new Frame[count];
    this.addresses = new long[count];
    this.lengths = new long[count];
    this.unmaps = new Cleaner.Cleanable[count];
    this.dequeueArg = new Memory(bufferLayout.size());
    this.typeArg = new Memory(4);
    typeArg.setInt(0, V4L2_BUF_TYPE_VIDEO_CAPTURE);
  }

  static CaptureStream start(DeviceIo io, Format format, int bufferCount, int minimumBytes) {
    Memory req = requestBuffers(io, bufferCount);
    io.check(V4l2Ioctl.VIDIOC_REQBUFS, req);
    int granted = io.layouts.requestBuffers().field("count").getInt(req);
    CaptureStream s = new CaptureStream(io, format, minimumBytes, Math.max(0, granted));
    try {
      if (granted <= 0) {
        throw new V4l2Exception(io.path, "VIDIOC_REQBUFS", "the driver granted no buffers");
      }
      s.setUp();
      return s;
    } catch (RuntimeException e) {
      try {
        s.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** A {@code v4l2_requestbuffers} asking for {@code count} mmap capture buffers (0 frees). */
  private static Memory requestBuffers(DeviceIo io, int count) {
    StructLayout layout = io.layouts.requestBuffers();
    Memory req = new Memory(layout.size());
    req.clear();
    layout.field("count").set(req, count);
    layout.field("type").set(req, V4L2_BUF_TYPE_VIDEO_CAPTURE);
    layout.field("memory").set(req, V4L2_MEMORY_MMAP);
    return req;
  }

  private void setUp() {
    synchronized (lock) {
      for (int i = 0; i < frames.length; i++) {
        Memory arg = new Memory(bufferLayout.size());
        describe(arg, i);
        io.check(V4l2Ioctl.VIDIOC_QUERYBUF, arg);
        long length = bufLength.get(arg);
        long offset = bufOffset.get(arg);
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
        lengths[i] = length;
        // Every view handed out derives from this buffer and keeps it reachable; the range is
        // unmapped only when none is left (after close() detached it from the device).
        ByteBuffer mapped = new Pointer(address).getByteBuffer(0, length);
        unmaps[i] = UNMAPPER.register(mapped, new Unmap(io.sys, address, length));
        ByteBuffer view = mapped.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
        frames[i] = new Frame(this, i, view, arg);
      }
      for (Frame f : frames) {
        queue(f);
      }
      io.check(V4l2Ioctl.VIDIOC_STREAMON, typeArg);
      streaming = true;
    }
  }

  private void describe(Memory arg, int index) {
    arg.clear();
    bufIndex.set(arg, index);
    bufType.set(arg, V4L2_BUF_TYPE_VIDEO_CAPTURE);
    bufMemory.set(arg, V4L2_MEMORY_MMAP);
  }

  /**
   * Waits for the next good frame.
   *
   * @param timeoutMillis the longest wait in milliseconds; 0 only takes a frame that is ready,
   *     negative waits indefinitely
   * @return the frame, or null when none arrived in time
   * @throws DeviceGoneException when the device was unplugged
   * @throws V4l2Exception when the driver reports another failure
   * @throws IllegalStateException when the stream is closed
   */
  public Frame next(long timeoutMillis) {
    if (timeoutMillis > MAX_TIMEOUT_MILLIS) {
      timeoutMillis = -1; // decades: the same as forever, and no overflow below
    }
    long deadline =
        timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      ensureOpen();
      ensureBufferFree();
      int events = io.sys.poll(io.fd, V4l2Native.POLLIN, remainingMillis(timeoutMillis, deadline));
      if (events == -Errno.EINTR) {
        continue;
      }
      if (events < 0) {
        throw io.error("poll", events);
      }
      if (events == 0) {
        return null;
      }
      if ((events & V4l2Native.POLLNVAL) != 0) {
        throw new V4l2Exception(io.path, "poll", "POLLNVAL: the descriptor is not open");
      }
      synchronized (lock) {
        ensureOpen();
        dequeueArg.clear();
        bufType.set(dequeueArg, V4L2_BUF_TYPE_VIDEO_CAPTURE);
        bufMemory.set(dequeueArg, V4L2_MEMORY_MMAP);
        int r = io.call(V4l2Ioctl.VIDIOC_DQBUF, dequeueArg);
        if (r == -Errno.EAGAIN) {
          if ((events & (V4l2Native.POLLERR | V4l2Native.POLLHUP)) != 0) {
            throw new V4l2Exception(
                io.path, "poll", "POLLERR/POLLHUP: the queue is not streaming or has failed");
          }
          if (timeoutMillis >= 0 && System.nanoTime() - deadline >= 0) {
            return null;
          }
          continue;
        }
        if (r < 0) {
          throw streamError("VIDIOC_DQBUF", r);
        }
        Frame f = accept();
        if (f != null) {
          return f;
        }
      }
    }
  }

  private static int remainingMillis(long timeoutMillis, long deadline) {
    if (timeoutMillis < 0) {
      return -1;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, (left + 999_999L) / 1_000_000L);
  }

  /** Handles a dequeued buffer: returns the frame, or queues it again and returns null. */
  private Frame accept() {
    int index = bufIndex.getInt(dequeueArg);
    if (index < 0 || index >= frames.length) {
      throw new V4l2Exception(
          io.path, "VIDIOC_DQBUF", "the driver returned buffer " + index + " of " + frames.length);
    }
    Frame frame = frames[index];
    int flags = bufFlags.getInt(dequeueArg);
    int bytesUsed = (int) Math.min(bufBytesUsed.get(dequeueArg), lengths[index]);
    long sequence = bufSequence.get(dequeueArg);
    long nanos = bufSeconds.get(dequeueArg) * 1_000_000_000L + bufMicros.get(dequeueArg) * 1_000L;
    if (lastSequence >= 0) {
      // The driver's counter is an unsigned 32-bit number that wraps (vivid's
      // wrap_sequence_number shows it): count the frames skipped modulo 2^32. A step backwards
      // (half the range or more) is a restart, not a gap.
      long step = (sequence - lastSequence) & 0xFFFF_FFFFL;
      if (step > 1 && step < 0x8000_0000L) {
        sequenceGaps += step - 1;
      }
    }
    lastSequence = sequence;
    RejectedFrameListener.Reason rejected = null;
    if ((flags & V4L2_BUF_FLAG_ERROR) != 0) {
      errorFrames++;
      rejected = RejectedFrameListener.Reason.ERROR_FLAG;
    } else if (bytesUsed < minimumBytes) {
      shortFrames++;
      rejected = RejectedFrameListener.Reason.SHORT;
    }
    if (rejected != null) {
      RejectedFrameListener l = listener;
      if (l != null) {
        l.rejected(rejected, index, sequence, bytesUsed, flags);
      }
      queue(frame);
      return null;
    }
    delivered++;
    frame.fill(sequence, nanos, bytesUsed, flags);
    return frame;
  }

  /**
   * The exception for a failed {@code VIDIOC_DQBUF} or {@code VIDIOC_QBUF}: EIO is videobuf2's
   * queue error (the driver ended the stream: a fatal streaming error, or an unplug before the node
   * is gone), which only closing and reopening cures, so it is a {@link DeviceGoneException} like
   * ENODEV.
   */
  private V4l2Exception streamError(String operation, int result) {
    if (result == -Errno.EIO) {
      return new DeviceGoneException(io.path, operation, Errno.EIO);
    }
    return io.error(operation, result);
  }

  /** Queues a frame's buffer to the driver. Caller holds the lock. */
  private void queue(Frame frame) {
    describe(frame.bufferArg, frame.index());
    int r = io.call(V4l2Ioctl.VIDIOC_QBUF, frame.bufferArg);
    if (r < 0) {
      frame.state = Frame.DEAD;
      throw streamError("VIDIOC_QBUF", r);
    }
    frame.state = Frame.QUEUED;
  }

  void requeue(Frame frame) {
    synchronized (lock) {
      if (open && frame.state == Frame.HELD) {
        queue(frame);
      }
    }
  }

  /**
   * Sets the listener told about rejected frames (replacing any previous one).
   *
   * @param listener the listener, or null for none
   */
  public void onRejectedFrame(RejectedFrameListener listener) {
    this.listener = listener;
  }

  /**
   * Returns a snapshot of the counters.
   *
   * @return delivered, rejected and skipped frame counts
   */
  public CaptureStats stats() {
    synchronized (lock) {
      return new CaptureStats(delivered, errorFrames, shortFrames, sequenceGaps);
    }
  }

  /**
   * Returns the format the stream captures in.
   *
   * @return the format read when the stream started
   */
  public Format format() {
    return format;
  }

  /**
   * Returns the number of driver buffers (what the driver granted).
   *
   * @return the buffer count
   */
  public int bufferCount() {
    return frames.length;
  }

  /**
   * Tells whether the stream is open.
   *
   * @return false once {@link #close()} ran
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * Throws when the caller holds every buffer: the driver has nowhere to put a frame, so waiting
   * would only time out.
   */
  private void ensureBufferFree() {
    for (Frame f : frames) {
      if (f.state != Frame.HELD) {
        return;
      }
    }
    throw new IllegalStateException(
        "all "
            + frames.length
            + " buffers of the capture stream on "
            + io.path
            + " are held by the caller: release a frame before calling next()");
  }

  /** Copies a held frame's bytes to {@code dst}'s position, under the lock. */
  int copy(Frame frame, ByteBuffer dst) {
    synchronized (lock) {
      ByteBuffer view = frame.checkedView();
      int n = view.limit();
      if (dst.remaining() < n) {
        throw new IllegalArgumentException(
            "the destination has " + dst.remaining() + " bytes left, the frame needs " + n);
      }
      int at = dst.position();
      dst.put(at, view, 0, n);
      dst.position(at + n);
      return n;
    }
  }

  /** Copies a held frame's bytes into a new array, under the lock. */
  byte[] toArray(Frame frame) {
    synchronized (lock) {
      ByteBuffer view = frame.checkedView();
      byte[] out = new byte[view.limit()];
      view.get(0, out);
      return out;
    }
  }

  private void ensureOpen() {
    if (!open) {
      throw new IllegalStateException("the capture stream on " + io.path + " is closed");
    }
  }

  /**
   * Stops streaming, invalidates the frames, unmaps and frees the buffers. Every step is attempted;
   * the first failure is thrown afterwards with later ones suppressed. A device that is gone
   * (ENODEV) does not count as a failure here. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (!open) {
        return;
      }
      open = false;
      V4l2Exception failure = null;
      if (streaming) {
        streaming = false;
        failure = record(failure, io.call(V4l2Ioctl.VIDIOC_STREAMOFF, typeArg), "VIDIOC_STREAMOFF");
      }
      for (Frame f : frames) {
        if (f != null) {
          f.kill();
        }
      }
      // Not munmap: a caller may still hold a view of a buffer (a data() kept past the close). The
      // device's memory is detached now; the address range goes when no view is reachable.
      for (int i = 0; i < addresses.length; i++) {
        if (addresses[i] > 0) {
          failure = record(failure, io.sys.detach(addresses[i], lengths[i]), "detach");
          addresses[i] = 0;
        }
      }
      int r = io.call(V4l2Ioctl.VIDIOC_REQBUFS, requestBuffers(io, 0));
      if (r != -Errno.EINVAL) {
        failure = record(failure, r, "VIDIOC_REQBUFS");
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private V4l2Exception record(V4l2Exception failure, int result, String operation) {
    if (result >= 0 || result == -Errno.ENODEV) {
      return failure;
    }
    V4l2Exception e = io.error(operation, result);
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

  @Override
  public String toString() {
    return "CaptureStream[" + io.path + ", " + format + ", " + frames.length + " buffers]";
  }
}
