package io.eyetoystreamer.sharedarea;

import static io.eyetoystreamer.sharedarea.AreaLayout.HEARTBEAT_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.LATEST_SEQUENCE_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_CAPTURE_TIME;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_LENGTH;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_SEQ_WORD;
import static io.eyetoystreamer.sharedarea.AreaLayout.WAITERS_OFFSET;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The one writer of a {@link FrameArea}. Frame {@code n} (1, 2, 3, ...) goes into slot {@code n %
 * slotCount} under that slot's sequence word; publishing never waits for readers, takes no lock and
 * allocates nothing.
 *
 * <p>Not thread-safe: one thread writes. Two ways to write a frame:
 *
 * <ul>
 *   <li>{@link #publish(ByteBuffer, long)} copies a frame in;
 *   <li>{@link #claim()} lends the next slot's memory to fill in place (zero-copy, e.g. straight
 *       from a camera buffer), then {@link #commit(int, long)} publishes it or {@link #abort()}
 *       drops it.
 * </ul>
 *
 * <p>Timestamps are {@code System.nanoTime()} nanoseconds (CLOCK_MONOTONIC on Linux, the clock of
 * V4L2 timestamps), comparable across processes on one machine.
 */
public final class AreaWriter implements AutoCloseable {
  private final FrameArea area;
  private final AreaMemory memory;
  private final int slotCount;
  private final int capacity;
  private final ByteBuffer[] slots;
  private final long futexAddress;
  private long lastSequence;
  private int claimedSlot = -1;
  private boolean closed;

  AreaWriter(FrameArea area, AreaMemory memory, AreaGeometry geometry, long futexAddress) {
    this.area = area;
    this.memory = memory;
    this.slotCount = geometry.slotCount();
    this.capacity = geometry.slotCapacity();
    this.futexAddress = futexAddress;
    this.slots = new ByteBuffer[slotCount];
    int data = AreaLayout.dataOffset(slotCount);
    int stride = AreaLayout.slotStride(capacity);
    for (int i = 0; i < slotCount; i++) {
      slots[i] = memory.buffer.slice(data + i * stride, capacity);
    }
    // A writer taking over a file continues its sequence, so readers never see it go back.
    this.lastSequence = memory.getLongAcquire(LATEST_SEQUENCE_OFFSET);
  }

  /**
   * Copies {@code frame}'s remaining bytes into the next slot and publishes them. The frame's
   * position and limit are not changed.
   *
   * @param frame the frame bytes, from position to limit
   * @param captureTimeNanos the capture time, CLOCK_MONOTONIC nanoseconds
   * @return the new frame's sequence number
   * @throws FrameTooLargeException if the frame does not fit a slot; nothing is published
   */
  public long publish(ByteBuffer frame, long captureTimeNanos) {
    int length = frame.remaining();
    checkFits(length);
    ByteBuffer slot = claim();
    slot.put(0, frame, frame.position(), length);
    return commit(length, captureTimeNanos);
  }

  /**
   * Marks the next slot as being written and returns its memory (position 0, limit the slot
   * capacity). Readers will not return this slot's old frame from now on. Fill it, then call {@link
   * #commit(int, long)} or {@link #abort()}. The buffer is valid until then; do not keep it.
   *
   * @return the slot memory
   * @throws IllegalStateException if a claim is already open or the writer is closed
   */
  public ByteBuffer claim() {
    if (closed) {
      throw new IllegalStateException(area.name() + ": the writer is closed");
    }
    if (claimedSlot >= 0) {
      throw new IllegalStateException(
          area.name() + ": claim() called twice; commit() or abort() the open claim first");
    }
    long sequence = lastSequence + 1;
    int slot = AreaLayout.slotOf(sequence, slotCount);
    memory.setLongOpaque(AreaLayout.descriptorOffset(slot) + SLOT_SEQ_WORD, 2 * sequence - 1);
    // The odd word must be visible before any byte of the new frame: a reader that sees a new byte
    // then sees the odd (or a later) word on its re-check and retries.
    VarHandle.storeStoreFence();
    claimedSlot = slot;
    return slots[slot].clear();
  }

  /**
   * Publishes the claimed slot's first {@code length} bytes as the newest frame and wakes sleeping
   * readers.
   *
   * @param length bytes of the frame
   * @param captureTimeNanos the capture time, CLOCK_MONOTONIC nanoseconds
   * @return the new frame's sequence number
   * @throws FrameTooLargeException if {@code length} exceeds the slot; the claim is aborted
   * @throws IllegalStateException if nothing is claimed
   */
  public long commit(int length, long captureTimeNanos) {
    if (claimedSlot < 0) {
      throw new IllegalStateException(area.name() + ": commit() without claim()");
    }
    if (length < 0 || length > capacity) {
      abort();
      checkFits(length);
    }
    long sequence = lastSequence + 1;
    int descriptor = AreaLayout.descriptorOffset(claimedSlot);
    memory.setInt(descriptor + SLOT_LENGTH, length);
    memory.setLong(descriptor + SLOT_CAPTURE_TIME, captureTimeNanos);
    memory.setLongRelease(descriptor + SLOT_SEQ_WORD, 2 * sequence);
    memory.setLongRelease(LATEST_SEQUENCE_OFFSET, sequence);
    memory.setLongOpaque(HEARTBEAT_OFFSET, System.nanoTime());
    lastSequence = sequence;
    claimedSlot = -1;
    wakeReaders();
    return sequence;
  }

  /**
   * Drops the open claim. The slot is left empty (its old frame was already withdrawn by {@link
   * #claim()}); the newest frame stays what it was.
   */
  public void abort() {
    if (claimedSlot >= 0) {
      memory.setLongRelease(AreaLayout.descriptorOffset(claimedSlot) + SLOT_SEQ_WORD, 0);
      claimedSlot = -1;
    }
  }

  /**
   * Tells readers the writer is alive while no frames come (a stalled camera). Call at least once a
   * second; {@link #commit(int, long)} does it too.
   */
  public void heartbeat() {
    memory.setLongOpaque(HEARTBEAT_OFFSET, System.nanoTime());
  }

  /**
   * The sequence of the last frame this writer (or the one it took over from) published.
   *
   * @return the sequence, or 0
   */
  public long lastSequence() {
    return lastSequence;
  }

  /**
   * The bytes one slot can hold.
   *
   * @return bytes per slot
   */
  public int slotCapacity() {
    return capacity;
  }

  /** Marks the area closed and wakes every reader, so that they stop waiting for frames. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    abort();
    closed = true;
    area.markClosed();
  }

  private void wakeReaders() {
    // Dekker with the reader: it increments waiters and then re-reads the latest sequence; we wrote
    // the sequence and then read waiters. The full fence keeps the two sides from both missing.
    VarHandle.fullFence();
    if (futexAddress != 0 && memory.getIntOpaque(WAITERS_OFFSET) != 0) {
      Futex.wakeAll(futexAddress);
    }
  }

  private void checkFits(int length) {
    if (length > capacity || length < 0) {
      throw new FrameTooLargeException(
          area.name()
              + ": a frame of "
              + length
              + " bytes does not fit a slot of "
              + capacity
              + " bytes ("
              + area.geometry()
              + "); create the area for the camera's format");
    }
  }
}
