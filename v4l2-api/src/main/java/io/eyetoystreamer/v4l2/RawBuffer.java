package io.eyetoystreamer.v4l2;

import java.nio.ByteBuffer;

/**
 * An input buffer of a {@link M2mEncoder} (a buffer of its OUTPUT queue): memory-mapped driver
 * memory the caller fills with one raw frame and hands to the encoder with {@link #queue(int,
 * long)}. Got from {@link M2mEncoder#nextRawBuffer(long)}.
 *
 * <p>Buffer ownership: between {@link M2mEncoder#nextRawBuffer(long)} and {@link #queue(int, long)}
 * (or {@link #release()}) the caller holds the buffer and {@link #data()} is valid; after that the
 * encoder owns it and {@link #data()} and {@link #queue(int, long)} throw {@link
 * IllegalStateException}. A {@link #data()} buffer kept past that never crashes the JVM: writes to
 * it reach the driver's buffer while the session runs (corrupting whatever frame is in it) and
 * nothing after the session stopped. Objects are allocated once per driver buffer and reused.
 *
 * <p>Thread-safety: fill a buffer on the thread that got it, or hand it over with proper
 * publication; {@link #queue(int, long)} and {@link #release()} take the encoder's lock.
 */
public final class RawBuffer {
  static final int FREE = 0;
  static final int HELD = 1;
  static final int QUEUED = 2;
  static final int DEAD = 3;

  private final M2mEncoder encoder;
  private final int index;
  private ByteBuffer view;
  volatile int state = FREE;

  RawBuffer(M2mEncoder encoder, int index, ByteBuffer view) {
    this.encoder = encoder;
    this.index = index;
    this.view = view;
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
   * Returns how many bytes the buffer holds: at least the raw format's {@code sizeimage}.
   *
   * @return the capacity in bytes
   */
  public int capacity() {
    ByteBuffer v = view;
    return v == null ? 0 : v.capacity();
  }

  /**
   * Returns the buffer's memory to write the frame into: a writable view of the driver's buffer in
   * native byte order, position 0, limit {@link #capacity()}. The same object is returned on every
   * call (its position and limit reset).
   *
   * @return the memory
   * @throws IllegalStateException when the caller does not hold the buffer
   */
  public ByteBuffer data() {
    ByteBuffer v = view;
    if (state != HELD || v == null) {
      throw new IllegalStateException(
          "raw buffer " + index + " is not held by the caller (queued, released or closed)");
    }
    v.clear();
    return v;
  }

  /**
   * Hands the buffer to the encoder ({@code VIDIOC_QBUF} on the OUTPUT queue). The coded result
   * carries the same timestamp ({@link CodedBuffer#timestampNanos()}), which is how results are
   * matched with frames.
   *
   * @param bytesUsed the bytes of frame data from the start of the buffer, 1..{@link #capacity()}
   * @param timestampNanos the frame's timestamp in nanoseconds; the driver keeps microseconds
   * @throws IllegalStateException when the caller does not hold the buffer or the encoder closed
   * @throws IllegalArgumentException when {@code bytesUsed} is out of range
   * @throws DeviceGoneException when the device went away or failed for good (ENODEV, EIO)
   * @throws V4l2Exception when the driver refuses the buffer; the caller still holds it then
   */
  public void queue(int bytesUsed, long timestampNanos) {
    encoder.queueRaw(this, bytesUsed, timestampNanos);
  }

  /** Gives the buffer back to the encoder unused; does nothing unless the caller holds it. */
  public void release() {
    encoder.releaseRaw(this);
  }

  /**
   * Tells whether the caller holds this buffer.
   *
   * @return true between {@link M2mEncoder#nextRawBuffer(long)} and {@link #queue} or {@link
   *     #release()}
   */
  public boolean isHeld() {
    return state == HELD;
  }

  /** The session stopped: the buffer is dead and no longer keeps its mapping reachable. */
  void kill() {
    state = DEAD;
    view = null;
  }

  @Override
  public String toString() {
    return "RawBuffer[" + index + ", " + capacity() + " bytes]";
  }
}
