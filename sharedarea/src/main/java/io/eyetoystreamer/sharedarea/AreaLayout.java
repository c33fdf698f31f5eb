package io.eyetoystreamer.sharedarea;

/**
 * The binary layout of a frame area, version {@value #VERSION}: every offset a reader in any
 * language needs. ARCHITECTURE.md describes the same layout in prose; the two must agree.
 *
 * <p>All integers are little-endian. Hot words (heartbeat, latest sequence, waiter count, each
 * slot's sequence word) sit alone in a {@value #BLOCK}-byte block: two 64-byte cache lines, so that
 * neither false sharing nor adjacent-line prefetch couples them.
 *
 * <p>Stateless and thread-safe.
 */
public final class AreaLayout {
  /** The ASCII bytes {@code EYETOYSA} read as a little-endian u64. */
  public static final long MAGIC = 0x4153594F54455945L;

  /** The layout version this code writes and reads. */
  public static final int VERSION = 1;

  /** Size of one isolated block; also the slot descriptor stride. */
  public static final int BLOCK = 128;

  /** Alignment of each slot's data. */
  public static final int DATA_ALIGNMENT = 64;

  /** Fewest slots: with one, every read would race the writer. */
  public static final int MIN_SLOTS = 2;

  /** Most slots. */
  public static final int MAX_SLOTS = 64;

  /** Largest slot: the whole area must fit one Java mapping (2 GiB) with room to spare. */
  public static final int MAX_SLOT_CAPACITY = 1 << 26;

  // Header, block 0: identity and geometry, written once before MAGIC.
  /** u64: {@link #MAGIC}, written last with release semantics; 0 while initialising. */
  public static final int MAGIC_OFFSET = 0;

  /** u32: {@link #VERSION}. */
  public static final int VERSION_OFFSET = 8;

  /** u32: number of slots. */
  public static final int SLOT_COUNT_OFFSET = 12;

  /** u32: bytes a slot can hold. */
  public static final int SLOT_CAPACITY_OFFSET = 16;

  /** u32: bytes from one slot's data to the next. */
  public static final int SLOT_STRIDE_OFFSET = 20;

  /** u32: frame width in pixels. */
  public static final int WIDTH_OFFSET = 24;

  /** u32: frame height in pixels. */
  public static final int HEIGHT_OFFSET = 28;

  /** u32: V4L2 fourcc of the frames. */
  public static final int PIXEL_FORMAT_OFFSET = 32;

  /** u32: bytes per image row. */
  public static final int BYTES_PER_LINE_OFFSET = 36;

  /** u64: total bytes of the area (the file's exact length). */
  public static final int AREA_BYTES_OFFSET = 40;

  /** u32: offset of slot descriptor 0. */
  public static final int DESCRIPTORS_OFFSET_OFFSET = 48;

  /** u32: offset of slot 0's data. */
  public static final int DATA_OFFSET_OFFSET = 52;

  /** u64: process id of the current writer. */
  public static final int WRITER_PID_OFFSET = 56;

  /** u32: {@link #STATE_INITIALISING}, {@link #STATE_WRITING} or {@link #STATE_CLOSED}. */
  public static final int WRITER_STATE_OFFSET = 64;

  /** u64, block 1: the writer's last sign of life, CLOCK_MONOTONIC nanoseconds. */
  public static final int HEARTBEAT_OFFSET = BLOCK;

  /** u64, block 2: sequence of the newest complete frame, 0 for none; low 32 bits: futex word. */
  public static final int LATEST_SEQUENCE_OFFSET = 2 * BLOCK;

  /** u32, block 3: readers asleep (or about to sleep) on the futex word. */
  public static final int WAITERS_OFFSET = 3 * BLOCK;

  /** Offset of slot descriptor 0; descriptor {@code i} is at {@code DESCRIPTORS + BLOCK * i}. */
  public static final int DESCRIPTORS = 4 * BLOCK;

  /** u64 within a descriptor: {@code 2n} complete frame n, {@code 2n-1} writing it, 0 empty. */
  public static final int SLOT_SEQ_WORD = 0;

  /** u64 within a descriptor: capture time, CLOCK_MONOTONIC nanoseconds. */
  public static final int SLOT_CAPTURE_TIME = 8;

  /** u32 within a descriptor: bytes of frame data in the slot. */
  public static final int SLOT_LENGTH = 16;

  /** {@code writerState}: the writer is still writing the header. */
  public static final int STATE_INITIALISING = 0;

  /** {@code writerState}: a writer owns the area. */
  public static final int STATE_WRITING = 1;

  /** {@code writerState}: the writer closed the area; no frame will follow. */
  public static final int STATE_CLOSED = 2;

  private AreaLayout() {}

  /**
   * Offset of slot {@code slot}'s descriptor.
   *
   * @param slot the slot index
   * @return the byte offset
   */
  public static int descriptorOffset(int slot) {
    return DESCRIPTORS + BLOCK * slot;
  }

  /**
   * Offset of slot 0's data for an area with {@code slotCount} slots.
   *
   * @param slotCount the number of slots
   * @return the byte offset, a multiple of 64
   */
  public static int dataOffset(int slotCount) {
    return alignUp(DESCRIPTORS + BLOCK * slotCount, DATA_ALIGNMENT);
  }

  /**
   * Bytes from one slot's data to the next for slots of {@code slotCapacity} bytes.
   *
   * @param slotCapacity bytes one slot holds
   * @return the stride, rounded up to 64
   */
  public static int slotStride(int slotCapacity) {
    return alignUp(slotCapacity, DATA_ALIGNMENT);
  }

  /**
   * Total bytes of an area with this geometry.
   *
   * @param geometry the geometry
   * @return the size of the area file
   */
  public static long areaBytes(AreaGeometry geometry) {
    return dataOffset(geometry.slotCount())
        + (long) slotStride(geometry.slotCapacity()) * geometry.slotCount();
  }

  /**
   * The slot frame {@code sequence} is written to.
   *
   * @param sequence the frame sequence, from 1
   * @param slotCount the number of slots
   * @return {@code sequence % slotCount}
   */
  public static int slotOf(long sequence, int slotCount) {
    return (int) Long.remainderUnsigned(sequence, slotCount);
  }

  private static int alignUp(int value, int alignment) {
    return (value + alignment - 1) & -alignment;
  }
}
