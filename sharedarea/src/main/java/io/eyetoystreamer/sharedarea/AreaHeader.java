package io.eyetoystreamer.sharedarea;

import static io.eyetoystreamer.sharedarea.AreaLayout.AREA_BYTES_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.BYTES_PER_LINE_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.DATA_OFFSET_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.DESCRIPTORS;
import static io.eyetoystreamer.sharedarea.AreaLayout.DESCRIPTORS_OFFSET_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.HEARTBEAT_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.HEIGHT_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.MAGIC;
import static io.eyetoystreamer.sharedarea.AreaLayout.MAGIC_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.PIXEL_FORMAT_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_CAPACITY_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_COUNT_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.SLOT_STRIDE_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.STATE_INITIALISING;
import static io.eyetoystreamer.sharedarea.AreaLayout.STATE_WRITING;
import static io.eyetoystreamer.sharedarea.AreaLayout.VERSION;
import static io.eyetoystreamer.sharedarea.AreaLayout.VERSION_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.WIDTH_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.WRITER_PID_OFFSET;
import static io.eyetoystreamer.sharedarea.AreaLayout.WRITER_STATE_OFFSET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a fresh header and checks a found one. */
final class AreaHeader {
  /** Bytes a reader needs before it can judge a header. */
  static final int PREFIX_BYTES = DESCRIPTORS;

  private AreaHeader() {}

  /**
   * Writes the header of a zeroed area and publishes it: every field first, {@link
   * AreaLayout#MAGIC} last with release semantics, so a reader that sees the magic sees the rest.
   */
  static void initialise(AreaMemory memory, AreaGeometry geometry, long writerPid) {
    memory.setInt(VERSION_OFFSET, VERSION);
    memory.setInt(SLOT_COUNT_OFFSET, geometry.slotCount());
    memory.setInt(SLOT_CAPACITY_OFFSET, geometry.slotCapacity());
    memory.setInt(SLOT_STRIDE_OFFSET, AreaLayout.slotStride(geometry.slotCapacity()));
    memory.setInt(WIDTH_OFFSET, geometry.width());
    memory.setInt(HEIGHT_OFFSET, geometry.height());
    memory.setInt(PIXEL_FORMAT_OFFSET, geometry.pixelFormat());
    memory.setInt(BYTES_PER_LINE_OFFSET, geometry.bytesPerLine());
    memory.setLong(AREA_BYTES_OFFSET, AreaLayout.areaBytes(geometry));
    memory.setInt(DESCRIPTORS_OFFSET_OFFSET, DESCRIPTORS);
    memory.setInt(DATA_OFFSET_OFFSET, AreaLayout.dataOffset(geometry.slotCount()));
    claim(memory, writerPid);
    memory.setLongRelease(MAGIC_OFFSET, MAGIC);
  }

  /** Marks the area as owned by a live writer. */
  static void claim(AreaMemory memory, long writerPid) {
    memory.setLong(WRITER_PID_OFFSET, writerPid);
    memory.setLongRelease(HEARTBEAT_OFFSET, System.nanoTime());
    memory.setIntRelease(WRITER_STATE_OFFSET, STATE_WRITING);
  }

  /** The magic of a header prefix (0 while a writer is still initialising it). */
  static long magic(ByteBuffer prefix) {
    return prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(MAGIC_OFFSET);
  }

  /**
   * Checks a complete header against itself and against the file's size, and returns its geometry.
   *
   * @param prefix at least {@link #PREFIX_BYTES} bytes from the start of the area, magic already
   *     checked non-zero
   * @param size the file's size in bytes
   * @param name the file, for messages
   * @throws AreaFormatException naming the field, what was found and what was expected
   */
  static AreaGeometry validate(ByteBuffer prefix, long size, String name)
      throws AreaFormatException {
    ByteBuffer h = prefix.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long magic = h.getLong(MAGIC_OFFSET);
    if (magic != MAGIC) {
      throw new AreaFormatException(
          name
              + " is not a frame area: found magic 0x"
              + Long.toHexString(magic)
              + ", expected 0x"
              + Long.toHexString(MAGIC)
              + " (\"EYETOYSA\"). Check the path, or delete the file if it is left over.");
    }
    int version = h.getInt(VERSION_OFFSET);
    if (version != VERSION) {
      throw new AreaFormatException(
          name
              + " has layout version "
              + version
              + ", this reader knows version "
              + VERSION
              + ". Run a reader and writer of the same eyetoy-streamer release.");
    }
    AreaGeometry geometry;
    try {
      geometry =
          new AreaGeometry(
              h.getInt(SLOT_COUNT_OFFSET),
              h.getInt(SLOT_CAPACITY_OFFSET),
              h.getInt(WIDTH_OFFSET),
              h.getInt(HEIGHT_OFFSET),
              h.getInt(PIXEL_FORMAT_OFFSET),
              h.getInt(BYTES_PER_LINE_OFFSET));
    } catch (IllegalArgumentException e) {
      throw new AreaFormatException(name + " has a corrupt header: " + e.getMessage());
    }
    expect(
        name,
        "slotStride",
        h.getInt(SLOT_STRIDE_OFFSET),
        AreaLayout.slotStride(geometry.slotCapacity()));
    expect(name, "descriptorsOffset", h.getInt(DESCRIPTORS_OFFSET_OFFSET), DESCRIPTORS);
    expect(
        name,
        "dataOffset",
        h.getInt(DATA_OFFSET_OFFSET),
        AreaLayout.dataOffset(geometry.slotCount()));
    long expectedBytes = AreaLayout.areaBytes(geometry);
    expect(name, "areaBytes", h.getLong(AREA_BYTES_OFFSET), expectedBytes);
    if (size < expectedBytes) {
      throw new AreaFormatException(
          name
              + " is truncated: the file has "
              + size
              + " bytes, its header ("
              + geometry
              + ") needs "
              + expectedBytes
              + ". Delete it and restart the writer.");
    }
    int state = h.getInt(WRITER_STATE_OFFSET);
    if (state < STATE_INITIALISING || state > AreaLayout.STATE_CLOSED) {
      throw new AreaFormatException(
          name + " has a corrupt header: writerState " + state + ", expected 0, 1 or 2");
    }
    return geometry;
  }

  private static void expect(String name, String field, long found, long expected)
      throws AreaFormatException {
    if (found != expected) {
      throw new AreaFormatException(
          name
              + " has a corrupt header: "
              + field
              + " is "
              + found
              + ", expected "
              + expected
              + " for the geometry it declares. Delete it and restart the writer.");
    }
  }
}
