package io.eyetoystreamer.sharedarea;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A frame area: {@code slotCount} frame slots in one direct buffer (same JVM) or one file mapped
 * from {@code /dev/shm} (other processes, other languages), with the layout of {@link AreaLayout}.
 * One {@link AreaWriter} publishes frames; any number of {@link AreaReader}s, one per thread, read
 * the newest whole frame. The writer never waits for a reader and a reader never sees a torn frame.
 *
 * <p>This class is thread-safe. Closing it closes its writer (readers then see {@link
 * WriterStatus#CLOSED}) and releases the file and its lock; the mapping itself lives until the
 * buffer is collected, so a reader racing a close never faults.
 */
public final class FrameArea implements AutoCloseable {
  /** How old the writer's heartbeat may be before readers call it gone, unless told otherwise. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(3);

  private static final int ZERO_CHUNK = 1 << 16;

  private final AreaMemory memory;
  private final AreaGeometry geometry;
  private final String name;
  private final FileChannel channel;
  private final FileLock writerLock;
  private final boolean writerSide;
  private final long staleAfterNanos;
  private final long futexAddress;
  private final AtomicBoolean writerTaken = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile AreaWriter writer;

  private FrameArea(
      ByteBuffer buffer,
      AreaGeometry geometry,
      String name,
      FileChannel channel,
      FileLock writerLock,
      boolean writerSide,
      Duration staleAfter) {
    this.memory = new AreaMemory(buffer);
    this.geometry = geometry;
    this.name = name;
    this.channel = channel;
    this.writerLock = writerLock;
    this.writerSide = writerSide;
    this.staleAfterNanos = staleAfter.toNanos();
    this.futexAddress =
        Futex.AVAILABLE ? Futex.address(memory.buffer, AreaLayout.LATEST_SEQUENCE_OFFSET) : 0;
  }

  /**
   * Creates an area in a direct buffer, for a writer and readers in this JVM.
   *
   * @param geometry the geometry
   * @return the area, open for writing and reading
   */
  public static FrameArea inMemory(AreaGeometry geometry) {
    long bytes = AreaLayout.areaBytes(geometry);
    if (bytes > Integer.MAX_VALUE - AreaLayout.DATA_ALIGNMENT) {
      throw new IllegalArgumentException(
          "an area of " + bytes + " bytes is too large: " + geometry);
    }
    ByteBuffer buffer =
        ByteBuffer.allocateDirect((int) bytes + AreaLayout.DATA_ALIGNMENT)
            .alignedSlice(AreaLayout.DATA_ALIGNMENT);
    AreaMemory fresh = new AreaMemory(buffer);
    AreaHeader.initialise(fresh, geometry, ProcessHandle.current().pid());
    return new FrameArea(buffer, geometry, "in-memory area", null, null, true, DEFAULT_STALE_AFTER);
  }

  /**
   * Creates (or takes over) the area file at {@code path} for writing, sized fully before its
   * header is written. An existing area of the same geometry is taken over in place, so readers
   * attached to it keep reading; an area of another geometry is unlinked (readers keep their old
   * mapping and see the old writer gone) and created anew. Holds an exclusive lock on the file
   * until closed.
   *
   * @param path the area file, e.g. under {@code /dev/shm}
   * @param geometry the geometry
   * @return the area, open for writing
   * @throws AreaBusyException if another writer holds the area
   * @throws AreaFormatException if {@code path} holds something that is not an area (it is left
   *     alone)
   * @throws IOException if the file cannot be created or sized (a full {@code /dev/shm}, say)
   */
  public static FrameArea createFile(Path path, AreaGeometry geometry) throws IOException {
    long bytes = AreaLayout.areaBytes(geometry);
    FileChannel channel = openForWriting(path, StandardOpenOption.CREATE);
    boolean done = false;
    try {
      FileLock lock = lockOrRefuse(channel, path);
      long size = channel.size();
      if (size != 0 && !isArea(channel, size)) {
        throw new AreaFormatException(
            path
                + " exists and is not a frame area ("
                + size
                + " bytes, no valid header); refusing to overwrite it. Delete it or choose another"
                + " path.");
      }
      FrameArea area;
      if (size == bytes && geometry.equals(geometryOf(channel, size, path))) {
        area = map(channel, lock, path, geometry, bytes);
        AreaHeader.claim(area.memory, ProcessHandle.current().pid());
      } else if (size == 0) {
        area = initialiseNew(channel, lock, path, geometry, bytes);
      } else {
        // An area of another geometry, or a broken one. Unlink it rather than resize it: readers
        // that have it mapped keep valid pages (no SIGBUS) and see its writer gone.
        Files.delete(path);
        lock.release();
        channel.close();
        try {
          channel = openForWriting(path, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
          throw new AreaBusyException(
              path
                  + " was re-created by another writer while this one replaced it; one writer"
                  + " per area.");
        }
        area = initialiseNew(channel, lockOrRefuse(channel, path), path, geometry, bytes);
      }
      done = true;
      return area;
    } finally {
      if (!done) {
        channel.close();
      }
    }
  }

  /**
   * Opens the area file at {@code path} for reading, waiting up to {@code waitForWriter} for a
   * writer to create and initialise it. Readers call the writer gone when its heartbeat is older
   * than {@link #DEFAULT_STALE_AFTER}.
   *
   * @param path the area file
   * @param waitForWriter how long to wait for a writer to initialise it
   * @return the area, open for reading
   * @throws AreaNotReadyException if no writer initialised it in time
   * @throws AreaFormatException if the file is not an area, of a newer layout, truncated or corrupt
   * @throws IOException if the file cannot be read or mapped
   */
  public static FrameArea openFile(Path path, Duration waitForWriter) throws IOException {
    return openFile(path, waitForWriter, DEFAULT_STALE_AFTER);
  }

  /**
   * Opens the area file at {@code path} for reading; see {@link #openFile(Path, Duration)}.
   *
   * @param path the area file
   * @param waitForWriter how long to wait for a writer to initialise it
   * @param staleAfter how old the writer's heartbeat may be before readers call it gone
   * @return the area, open for reading
   * @throws IOException if the file cannot be read or mapped
   */
  public static FrameArea openFile(Path path, Duration waitForWriter, Duration staleAfter)
      throws IOException {
    long deadline = System.nanoTime() + waitForWriter.toNanos();
    while (true) {
      String notReady;
      FileChannel channel = null;
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        ByteBuffer prefix = readPrefix(channel, size);
        if (size < Long.BYTES || AreaHeader.magic(prefix) == 0) {
          notReady = size == 0 ? "the file is empty" : "its header is not written yet";
        } else {
          if (size < AreaHeader.PREFIX_BYTES) {
            throw new AreaFormatException(
                path + " is truncated: " + size + " bytes, shorter than the area header");
          }
          AreaGeometry geometry = AreaHeader.validate(prefix, size, path.toString());
          ByteBuffer mapped =
              channel.map(FileChannel.MapMode.READ_WRITE, 0, AreaLayout.areaBytes(geometry));
          FrameArea area =
              new FrameArea(mapped, geometry, path.toString(), channel, null, false, staleAfter);
          channel = null;
          return area;
        }
      } catch (NoSuchFileException e) {
        notReady = "the file does not exist";
      } catch (AccessDeniedException e) {
        throw new IOException(
            path
                + ": permission denied. A reader maps the area read-write (it counts sleeping"
                + " readers in it): run as the writer's user or give your user write access.",
            e);
      } finally {
        if (channel != null) {
          channel.close();
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AreaNotReadyException(
            path
                + " is not ready after waiting "
                + waitForWriter.toMillis()
                + " ms: "
                + notReady
                + ". Start the writer (eyetoy-streamer capture) first, or check the path.");
      }
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
  }

  /**
   * Returns the area's single writer.
   *
   * @return the writer
   * @throws IllegalStateException if this area was opened for reading, or its writer was taken, or
   *     the area was closed
   */
  public AreaWriter writer() {
    ensureOpen();
    if (!writerSide) {
      throw new IllegalStateException(
          name + " was opened for reading; only the process that created it may write");
    }
    if (!writerTaken.compareAndSet(false, true)) {
      throw new IllegalStateException(name + " already has a writer; an area has one writer");
    }
    AreaWriter w = new AreaWriter(this, memory, geometry, futexAddress);
    writer = w;
    return w;
  }

  /**
   * Returns a new reader. A reader belongs to one thread; create one per thread.
   *
   * @return a reader for the calling thread
   * @throws IllegalStateException if the area was closed
   */
  public AreaReader newReader() {
    ensureOpen();
    return new AreaReader(this, memory, geometry, futexAddress);
  }

  /**
   * The geometry the area was created with.
   *
   * @return the geometry
   */
  public AreaGeometry geometry() {
    return geometry;
  }

  /**
   * The file path, or "in-memory area".
   *
   * @return the path or "in-memory area"
   */
  public String name() {
    return name;
  }

  /**
   * The sequence of the newest complete frame, 0 if none yet.
   *
   * @return the sequence, or 0
   */
  public long latestSequence() {
    return memory.getLongAcquire(AreaLayout.LATEST_SEQUENCE_OFFSET);
  }

  /**
   * The process id of the writer that owns (or last owned) the area.
   *
   * @return the process id, 0 for an in-memory area
   */
  public long writerPid() {
    return memory.getLongOpaque(AreaLayout.WRITER_PID_OFFSET);
  }

  /**
   * Readers asleep on the area right now, in every process. A reader process killed in its sleep
   * stays counted; the only cost is a needless wake call per frame.
   *
   * @return the number of sleeping readers
   */
  public int sleepingReaders() {
    return memory.getIntOpaque(AreaLayout.WAITERS_OFFSET);
  }

  /**
   * Whether the writer is alive, closed, or gone (stale heartbeat).
   *
   * @return alive, closed or gone
   */
  public WriterStatus writerStatus() {
    if (memory.getIntAcquire(AreaLayout.WRITER_STATE_OFFSET) == AreaLayout.STATE_CLOSED) {
      return WriterStatus.CLOSED;
    }
    long age = System.nanoTime() - memory.getLongOpaque(AreaLayout.HEARTBEAT_OFFSET);
    return age > staleAfterNanos ? WriterStatus.GONE : WriterStatus.ALIVE;
  }

  /** Throws {@link IllegalStateException} once the area is closed. */
  void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(name + " is closed");
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    AreaWriter w = writer;
    if (w != null) {
      w.close();
    } else if (writerSide) {
      markClosed();
    }
    if (writerLock != null && writerLock.isValid()) {
      writerLock.release();
    }
    if (channel != null) {
      channel.close();
    }
  }

  /** Tells readers, in every process, that no frame will follow. */
  void markClosed() {
    memory.setIntRelease(AreaLayout.WRITER_STATE_OFFSET, AreaLayout.STATE_CLOSED);
    VarHandle.fullFence();
    if (futexAddress != 0) {
      Futex.wakeAll(futexAddress);
    }
  }

  @Override
  public String toString() {
    return name + " (" + geometry + ")";
  }

  private static FileChannel openForWriting(Path path, StandardOpenOption create)
      throws IOException {
    return FileChannel.open(path, create, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  private static FileLock lockOrRefuse(FileChannel channel, Path path) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      long size = channel.size();
      String owner = "another process";
      if (size >= AreaHeader.PREFIX_BYTES && isArea(channel, size)) {
        owner = "pid " + readPrefix(channel, size).getLong(AreaLayout.WRITER_PID_OFFSET);
      }
      throw new AreaBusyException(
          path
              + " is already being written by "
              + owner
              + ". An area has one writer: stop that writer, or give this one another path.");
    }
    return lock;
  }

  private static FrameArea initialiseNew(
      FileChannel channel, FileLock lock, Path path, AreaGeometry geometry, long bytes)
      throws IOException {
    // Write every byte, so that tmpfs allocates the pages now: a full /dev/shm fails here, with an
    // IOException, instead of faulting a reader or the writer later.
    ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
    for (long position = 0; position < bytes; position += ZERO_CHUNK) {
      zeros.clear().limit((int) Math.min(ZERO_CHUNK, bytes - position));
      while (zeros.hasRemaining()) {
        channel.write(zeros, position + zeros.position());
      }
    }
    FrameArea area = map(channel, lock, path, geometry, bytes);
    AreaHeader.initialise(area.memory, geometry, ProcessHandle.current().pid());
    return area;
  }

  private static FrameArea map(
      FileChannel channel, FileLock lock, Path path, AreaGeometry geometry, long bytes)
      throws IOException {
    MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
    return new FrameArea(
        mapped, geometry, path.toString(), channel, lock, true, DEFAULT_STALE_AFTER);
  }

  private static boolean isArea(FileChannel channel, long size) throws IOException {
    return size >= Long.BYTES && AreaHeader.magic(readPrefix(channel, size)) == AreaLayout.MAGIC;
  }

  private static AreaGeometry geometryOf(FileChannel channel, long size, Path path)
      throws IOException {
    try {
      return AreaHeader.validate(readPrefix(channel, size), size, path.toString());
    } catch (AreaFormatException e) {
      return null;
    }
  }

  private static ByteBuffer readPrefix(FileChannel channel, long size) throws IOException {
    ByteBuffer prefix = ByteBuffer.allocate(AreaHeader.PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    long want = Math.min(size, AreaHeader.PREFIX_BYTES);
    while (prefix.position() < want) {
      if (channel.read(prefix, prefix.position()) < 0) {
        break;
      }
    }
    return prefix.clear();
  }
}
