package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import java.nio.ByteBuffer;

/**
 * A result of a {@link M2mEncoder} (a buffer of its CAPTURE queue): coded bytes in memory-mapped
 * driver memory plus what the driver said of them. Got from {@link M2mEncoder#nextCoded(long)};
 * give it back with {@link #release()} (or {@link #close()}, for try-with-resources) once the bytes
 * are used or copied, because the encoder cannot write into the buffer again until then.
 *
 * <p>Buffer ownership: {@link #data()} is the driver's memory itself, valid until the buffer is
 * released or the session stops; then {@link #data()}, {@link #copyTo(ByteBuffer)} and {@link
 * #toArray()} throw {@link IllegalStateException}. A view kept past that never crashes the JVM but
 * reads whatever the encoder wrote since, or zeros once the session stopped. Objects are allocated
 * once per driver buffer and reused.
 *
 * <p>Thread-safety: read a buffer on the thread that got it, or hand it over with proper
 * publication. {@link #release()} may be called from any thread and is idempotent.
 */
public final class CodedBuffer implements AutoCloseable {
  static final int QUEUED = 0;
  static final int HELD = 1;
  static final int DEAD = 2;

  private final M2mEncoder encoder;
  private final int index;
  private ByteBuffer view;
  volatile int state = QUEUED;

  private int dataOffset;
  private int bytesUsed;
  private int flags;
  private long sequence;
  private long timestampNanos;

  CodedBuffer(M2mEncoder encoder, int index, ByteBuffer view) {
    this.encoder = encoder;
    this.index = index;
    this.view = view;
  }

  void fill(int dataOffset, int end, int flags, long sequence, long timestampNanos) {
    this.dataOffset = dataOffset;
    this.bytesUsed = end - dataOffset;
    this.flags = flags;
    this.sequence = sequence;
    this.timestampNanos = timestampNanos;
    view.limit(end).position(dataOffset);
    state = HELD;
  }

  /**
   * Returns the coded bytes: a read-only view of the driver's buffer from its position (the plane's
   * {@code data_offset}, normally 0) to its limit, {@link #bytesUsed()} bytes. The same object is
   * returned on every call.
   *
   * @return the bytes
   * @throws IllegalStateException after the buffer was released or the session stopped
   */
  public ByteBuffer data() {
    return checkedView();
  }

  /**
   * Copies the bytes to {@code dst} at its position, which advances by {@link #bytesUsed()}. Either
   * the whole buffer is copied or it throws, even against a concurrent release or close.
   *
   * @param dst the destination, with at least {@link #bytesUsed()} bytes remaining
   * @return the number of bytes copied
   * @throws IllegalStateException after the buffer was released or the session stopped
   * @throws IllegalArgumentException when {@code dst} has too little room
   */
  public int copyTo(ByteBuffer dst) {
    return encoder.copy(this, dst);
  }

  /**
   * Returns a copy of the bytes. Allocates; see {@link #copyTo(ByteBuffer)}.
   *
   * @return a new array of {@link #bytesUsed()} bytes
   * @throws IllegalStateException after the buffer was released or the session stopped
   */
  public byte[] toArray() {
    return encoder.toArray(this);
  }

  ByteBuffer checkedView() {
    ByteBuffer v = view;
    if (state != HELD || v == null) {
      throw new IllegalStateException(
          "coded buffer "
              + index
              + (state == DEAD ? " is dead (its session stopped)" : " was released")
              + "; its bytes are gone (copy them with copyTo or toArray before releasing)");
    }
    v.limit(dataOffset + bytesUsed).position(dataOffset);
    return v;
  }

  /** The session stopped: the buffer is dead and no longer keeps its mapping reachable. */
  void kill() {
    state = DEAD;
    view = null;
  }

  /**
   * Returns the driver's index of this buffer.
   *
   * @return 0..count-1
   */
  public int index() {
    return index;
  }

  /**
   * Returns the number of coded bytes; 0 for an empty {@link #last()} buffer or an {@link #error()}
   * one.
   *
   * @return the payload size in bytes
   */
  public int bytesUsed() {
    return bytesUsed;
  }

  /**
   * Returns the timestamp of the raw frame these bytes came from ({@link RawBuffer#queue(int,
   * long)}), to the microsecond.
   *
   * @return nanoseconds
   */
  public long timestampNanos() {
    return timestampNanos;
  }

  /**
   * Returns the driver's counter of CAPTURE buffers (unsigned 32-bit).
   *
   * @return the sequence number
   */
  public long sequence() {
    return sequence;
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
   * Tells whether the bytes hold a key frame ({@code V4L2_BUF_FLAG_KEYFRAME}: for H.264 an IDR
   * picture), decodable on its own.
   *
   * @return true for a key frame
   */
  public boolean keyFrame() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_KEYFRAME) != 0;
  }

  /**
   * Tells whether this is the last buffer of a drain ({@code V4L2_BUF_FLAG_LAST}); it may be empty.
   * After it {@link M2mEncoder#nextCoded(long)} throws until {@link EncoderCommand#START}.
   *
   * @return true for the last buffer
   */
  public boolean last() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_LAST) != 0;
  }

  /**
   * Tells whether the encoder failed to encode this frame ({@code V4L2_BUF_FLAG_ERROR}); the bytes
   * must not be used.
   *
   * @return true when flagged
   */
  public boolean error() {
    return (flags & V4l2Constants.V4L2_BUF_FLAG_ERROR) != 0;
  }

  /**
   * Tells whether the caller holds this buffer.
   *
   * @return true while {@link #data()} is valid
   */
  public boolean isHeld() {
    return state == HELD;
  }

  /**
   * Gives the buffer back to the encoder ({@code VIDIOC_QBUF}). Does nothing when already released
   * or when the session stopped.
   *
   * @throws DeviceGoneException when the device went away or failed for good
   */
  public void release() {
    encoder.releaseCoded(this);
  }

  /** Same as {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "CodedBuffer[#" + sequence + ", buffer " + index + ", " + bytesUsed + " bytes]";
  }
}
