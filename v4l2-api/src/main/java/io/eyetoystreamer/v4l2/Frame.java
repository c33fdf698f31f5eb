package io.eyetoystreamer.v4l2;

import com.sun.jna.Memory;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import java.nio.ByteBuffer;

/**
 * A captured frame: a read-only view of one driver buffer plus the metadata the driver gave with
 * it. Handed out by {@link CaptureStream#next(long)}; give it back with {@link #release()} (or
 * {@link #close()}, so try-with-resources works) as soon as the data has been used or copied,
 * because the driver cannot fill the buffer again until then.
 *
 * <p>Buffer ownership: the {@link #data()} buffer is the mapped driver memory itself, not a copy.
 * It is valid only until the frame is released or its stream closes; after that {@link #data()},
 * {@link #copyTo(ByteBuffer)} and {@link #toArray()} throw {@link IllegalStateException}. A buffer
 * kept from before never crashes the JVM, but its bytes are no longer this frame's: the driver
 * refills it after a release, and after the stream's close it reads zeros. To keep the bytes, copy
 * them with {@link #copyTo(ByteBuffer)} or {@link #toArray()}, which check the frame under the
 * stream's lock. Frame objects and their buffers are allocated once per driver buffer and reused.
 *
 * <p>Thread-safety: read a frame on the thread that got it, or hand it over with proper
 * publication. {@link #release()} may be called from any thread and is idempotent.
 */
public final class Frame implements AutoCloseable {
  static final int QUEUED = 0;
  static final int HELD = 1;
  static final int DEAD = 2;

  private final CaptureStream stream;
  private final int index;
  private ByteBuffer view;
  final Memory bufferArg;
  volatile int state = QUEUED;

  private long sequence;
  private long timestampNanos;
  private int bytesUsed;
  private int flags;

  Frame(CaptureStream stream, int index, ByteBuffer view, Memory bufferArg) {
    this.stream = stream;
    this.index = index;
    this.view = view;
    this.bufferArg = bufferArg;
  }

  void fill(long sequence, long timestampNanos, int bytesUsed, int flags) {
    this.sequence = sequence;
    this.timestampNanos = timestampNanos;
    this.bytesUsed = bytesUsed;
    this.flags = flags;
    view.limit(bytesUsed).position(0);
    state = HELD;
  }

  /**
   * Returns the frame data: a read-only buffer over the driver's memory, position 0, limit {@link
   * #bytesUsed()}. The same buffer object is returned for every frame of this driver buffer.
   *
   * @return the data
   * @throws IllegalStateException after the frame was released or its stream closed
   */
  public ByteBuffer data() {
    return checkedView();
  }

  /**
   * Copies the frame's bytes to {@code dst} at its position, which advances by {@link
   * #bytesUsed()}. Safe against a concurrent {@link #release()} or stream close: either the whole
   * frame is copied or it throws.
   *
   * @param dst the destination, with at least {@link #bytesUsed()} bytes remaining
   * @return the number of bytes copied
   * @throws IllegalStateException after the frame was released or its stream closed
   * @throws IllegalArgumentException when {@code dst} has too little room
   */
  public int copyTo(ByteBuffer dst) {
    return stream.copy(this, dst);
  }

  /**
   * Returns a copy of the frame's bytes. Allocates; see {@link #copyTo(ByteBuffer)} to reuse a
   * buffer.
   *
   * @return a new array of {@link #bytesUsed()} bytes
   * @throws IllegalStateException after the frame was released or its stream closed
   */
  public byte[] toArray() {
    return stream.toArray(this);
  }

  ByteBuffer checkedView() {
    ByteBuffer v = view;
    if (state != HELD || v == null) {
      throw new IllegalStateException(
          "frame "
              + sequence
              + (state == DEAD
                  ? " is dead (its stream closed, or the device failed)"
                  : " was released")
              + "; its data is gone (copy it with copyTo or toArray before releasing)");
    }
    return v;
  }

  /** The stream closed: the frame is dead and no longer keeps its buffer's mapping reachable. */
  void kill() {
    state = DEAD;
    view = null;
  }

  /**
   * Returns the driver buffer index this frame lives in.
   *
   * @return 0..bufferCount-1
   */
  public int index() {
    return index;
  }

  /**
   * Returns the driver's frame counter (unsigned 32-bit, it wraps). Gaps mean dropped frames.
   *
   * @return the sequence number
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the kernel timestamp of the frame in nanoseconds. When {@link #timestampMonotonic()} is
   * true it is on the {@code CLOCK_MONOTONIC} clock, the clock of {@link System#nanoTime()} on
   * Linux, so the two can be subtracted to get latency. Precision is a microsecond.
   *
   * @return the timestamp in nanoseconds
   */
  public long timestampNanos() {
    return timestampNanos;
  }

  /**
   * Tells whether the driver declared the timestamp {@code CLOCK_MONOTONIC} ({@code
   * V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC}); otherwise its clock is unknown or copied from elsewhere.
   *
   * @return true for a monotonic-clock timestamp
   */
  public boolean timestampMonotonic() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MASK)
        == V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
  }

  /**
   * Returns the number of bytes of frame data.
   *
   * @return bytes used in the buffer
   */
  public int bytesUsed() {
    return bytesUsed;
  }

  /**
   * Returns the driver's buffer flags.
   *
   * @return {@code V4L2_BUF_FLAG_*} bits
   */
  public int flags() {
    return flags;
  }

  /**
   * Tells whether the caller still holds this frame (it was delivered and not released).
   *
   * @return true while {@link #data()} is valid
   */
  public boolean isHeld() {
    return state == HELD;
  }

  /**
   * Gives the buffer back to the driver ({@code VIDIOC_QBUF}). Does nothing when already released
   * or when the stream is closed.
   *
   * @throws DeviceGoneException when the device went away
   */
  public void release() {
    stream.requeue(this);
  }

  /** Same as {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "Frame[#" + sequence + ", buffer " + index + ", " + bytesUsed + " bytes]";
  }
}
