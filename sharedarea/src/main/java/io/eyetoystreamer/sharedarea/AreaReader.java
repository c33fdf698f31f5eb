package io.eyetoystreamer.sharedarea;

import static io.eyetoystreamer.sharedarea.AreaLayout.LATEST_SEQUENCE_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_CAPTURE_TIME;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_LENGTH;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_SEQ_WORD;
import static io.eyetoystreamer.sharedarea.AreaLayout.WAITERS_OFFSET;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the newest whole frame of a {@link FrameArea}: a seqlock read that retries only when the
 * writer laps it, never blocks the writer, and allocates nothing.
 *
 * <p>Not thread-safe: a reader belongs to one thread (it keeps the last frame's metadata and a
 * native timeout for its sleeps). Create one per thread with {@link FrameArea#newReader()}.
 *
 * <p>Results are sequence numbers (1, 2, 3, ...) or one of the negative or zero constants below.
 */
public final class AreaReader {
  /** {@link #readLatest}: no frame newer than the one asked about. */
  public static final long NOTHING_NEWER = 0;

  /** {@link #awaitNewer}: the timeout elapsed, the writer is alive. */
  public static final long TIMED_OUT = -1;

  /** {@link #awaitNewer}: the writer closed the area or its heartbeat went stale. */
  public static final long WRITER_GONE = -2;

  /** Longest single sleep, so that a writer that died without a word is noticed. */
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Park step when the futex is unavailable. */
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private final FrameArea area;
  private final AreaMemory memory;
  private final int slotCount;
  private final int capacity;
  private final int dataOffset;
  private final int stride;
  private final long futexAddress;
  private final Futex.Timeout timeout;
  private long sequence;
  private int length;
  private long captureTimeNanos;
  private long retries;

  AreaReader(FrameArea area, AreaMemory memory, AreaGeometry geometry, long futexAddress) {
    this.area = area;
    this.memory = memory;
    this.slotCount = geometry.slotCount();
    this.capacity = geometry.slotCapacity();
    this.dataOffset = AreaLayout.dataOffset(slotCount);
    this.stride = AreaLayout.slotStride(capacity);
    this.futexAddress = futexAddress;
    this.timeout = futexAddress != 0 ? new Futex.Timeout() : null;
  }

  /**
   * Copies the newest frame into {@code dst} if it is newer than {@code afterSequence}. The bytes
   * go to {@code dst}'s position, which advances by the frame's length; on {@link #NOTHING_NEWER}
   * {@code dst} is untouched.
   *
   * @param dst where the frame goes, from its position
   * @param afterSequence the newest sequence the caller already has; 0 to take any frame
   * @return the frame's sequence, or {@link #NOTHING_NEWER}
   * @throws IllegalArgumentException if {@code dst} has less room than the frame
   * @throws IllegalStateException if the area was closed
   */
  public long readLatest(ByteBuffer dst, long afterSequence) {
    area.ensureOpen();
    while (true) {
      long latest = memory.getLongAcquire(LATEST_SEQUENCE_OFFSET);
      if (latest == 0 || latest <= afterSequence) {
        return NOTHING_NEWER;
      }
      int slot = AreaLayout.slotOf(latest, slotCount);
      int descriptor = AreaLayout.descriptorOffset(slot);
      long word = memory.getLongAcquire(descriptor + SLOT_SEQ_WORD);
      if (word != 2 * latest) {
        // The writer has already lapped the newest frame's slot, or is publishing a newer one.
        retries++;
        Thread.onSpinWait();
        continue;
      }
      int len = memory.getInt(descriptor + SLOT_LENGTH);
      long captured = memory.getLong(descriptor + SLOT_CAPTURE_TIME);
      boolean fits = len >= 0 && len <= capacity && len <= dst.remaining();
      if (fits) {
        dst.put(dst.position(), memory.buffer, dataOffset + slot * stride, len);
      }
      // Every read above must complete before the re-check (StampedLock#validate does the same).
      VarHandle.acquireFence();
      if (memory.getLongOpaque(descriptor + SLOT_SEQ_WORD) != word) {
        retries++;
        continue;
      }
      if (!fits) {
        throw new IllegalArgumentException(
            area.name()
                + ": frame "
                + latest
                + " has "
                + len
                + " bytes, the destination has room for "
                + dst.remaining());
      }
      dst.position(dst.position() + len);
      sequence = latest;
      length = len;
      captureTimeNanos = captured;
      return latest;
    }
  }

  /**
   * Waits until a frame newer than {@code afterSequence} is published, the writer goes, or the
   * timeout elapses. Sleeps in the kernel (a futex on the area's latest-sequence word) and uses no
   * CPU while it waits; a publish wakes it at once, in this or another process.
   *
   * @param afterSequence the newest sequence the caller already has; 0 for any frame
   * @param timeoutNanos the longest wait in nanoseconds
   * @return the newest sequence (greater than {@code afterSequence}), {@link #TIMED_OUT} or {@link
   *     #WRITER_GONE}
   * @throws IllegalStateException if the area was closed
   */
  public long awaitNewer(long afterSequence, long timeoutNanos) {
    area.ensureOpen();
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      long latest = memory.getLongAcquire(LATEST_SEQUENCE_OFFSET);
      if (latest > afterSequence) {
        return latest;
      }
      if (area.writerStatus() != WriterStatus.ALIVE) {
        return WRITER_GONE;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return TIMED_OUT;
      }
      sleep(latest, Math.min(left, MAX_SLEEP_NANOS));
    }
  }

  private void sleep(long seen, long nanos) {
    if (futexAddress == 0) {
      LockSupport.parkNanos(Math.min(nanos, POLL_NANOS));
      return;
    }
    memory.getAndAddInt(WAITERS_OFFSET, 1);
    try {
      // Re-read after announcing ourselves (the writer reads waiters after writing latest); the
      // kernel compares the word again before sleeping, so a publish in between is never missed.
      if (memory.getLongAcquire(LATEST_SEQUENCE_OFFSET) == seen) {
        Futex.await(futexAddress, (int) seen, timeout, nanos);
      }
    } finally {
      memory.getAndAddInt(WAITERS_OFFSET, -1);
    }
  }

  /**
   * The writer's status, as {@link FrameArea#writerStatus()}.
   *
   * @return alive, closed or gone
   */
  public WriterStatus writerStatus() {
    return area.writerStatus();
  }

  /**
   * Sequence of the last frame this reader returned, 0 if none.
   *
   * @return the sequence, or 0
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Length in bytes of the last frame this reader returned.
   *
   * @return the length in bytes
   */
  public int frameLength() {
    return length;
  }

  /**
   * Capture time of the last frame this reader returned, CLOCK_MONOTONIC nanoseconds.
   *
   * @return the capture time in nanoseconds
   */
  public long captureTimeNanos() {
    return captureTimeNanos;
  }

  /**
   * How many times this reader had to retry because the writer lapped it.
   *
   * @return the retry count
   */
  public long retries() {
    return retries;
  }

  /**
   * The area this reader reads.
   *
   * @return the area
   */
  public FrameArea area() {
    return area;
  }
}
