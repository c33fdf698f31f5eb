package io.eyetoystreamer.streamer.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One frame as it goes on the wire, built once and shared by every viewer: the fan-out copies the
 * frame from the area once into one pooled direct buffer, frames it for both WebSocket endpoints,
 * and each viewer gets a retained duplicate of a region of that one buffer. No per-viewer copy, no
 * heap buffer for Netty to copy again per channel, and no WebSocket encoder work per viewer.
 *
 * <p>Buffer layout (offsets in bytes):
 *
 * <pre>
 *  0 .. 10   WebSocket frame header of the bare frame (/eyetoy), right-aligned
 * 10 .. 20   WebSocket frame header of the headed frame (/ws), right-aligned
 * 20 .. 52   the 32-byte frame header of ARCHITECTURE.md
 * 52 ..      the frame
 * </pre>
 *
 * <p>Server-to-client WebSocket frames are unmasked, so the wire bytes are the same for every
 * viewer. The fan-out reuses a few instances in turn (no allocation per frame): it fills one with
 * {@link #frame}, holding it, and each event loop that will write it takes a hold ({@link
 * #acquire()}) until done ({@link #release()}); when the last hold goes the buffer is released and
 * the instance is idle again. Viewers only ever see retained duplicates of the buffer.
 */
public final class WireFrame {
  /** Bytes of the frame header sent on {@code /ws}. */
  public static final int HEADER_BYTES = 32;

  /** Format version of that header. */
  public static final int HEADER_VERSION = 1;

  /** {@code kind} of a raw (YUYV) frame. */
  public static final int KIND_RAW = 0;

  private static final int BARE_WS_END = 10;
  private static final int HEADED_WS_END = 20;
  private static final int DATA = HEADED_WS_END + HEADER_BYTES;
  private static final int OPCODE_BINARY_FINAL = 0x82;

  private final AtomicInteger holds = new AtomicInteger();
  private ByteBuf own;
  private ByteBuf buffer;
  private int length;
  private int headedStart;
  private int bareStart;
  private long sequence;
  private long captureTimeNanos;
  private int width;
  private int height;
  private int fourcc;
  private int bytesPerLine;

  /**
   * A direct buffer with room for a frame of up to {@code frameCapacity} bytes, for this instance's
   * next frame: its own buffer, kept from frame to frame, when no viewer still holds a duplicate of
   * it; otherwise a fresh one from {@code allocator} (a stalled viewer keeps the old one). Reusing
   * one buffer spares the pool from freeing and mapping chunks as frames come and go. Call on an
   * idle instance only.
   *
   * @throws OutOfMemoryError if direct memory is exhausted
   */
  public ByteBuf nextBuffer(ByteBufAllocator allocator, int frameCapacity) {
    int capacity = DATA + frameCapacity;
    if (own == null) {
      own = allocator.directBuffer(capacity, capacity);
    }
    if (own.refCnt() == 1 && own.capacity() != capacity) {
      // The area's geometry changed (a new capture process): a buffer of the new size from now on.
      own.release();
      own = allocator.directBuffer(capacity, capacity);
    }
    if (own.refCnt() == 1) {
      return own.retain();
    }
    return allocator.directBuffer(capacity, capacity);
  }

  /** Gives up the instance's own buffer (at shutdown); duplicates still out keep it alive. */
  void dispose() {
    if (own != null) {
      own.release();
      own = null;
    }
  }

  /** Where the frame bytes go in {@code buffer}: position and limit set, reused, no allocation. */
  public static ByteBuffer frameRegion(ByteBuf buffer) {
    return buffer.internalNioBuffer(DATA, buffer.capacity() - DATA);
  }

  /**
   * Frames a buffer whose frame region holds {@code length} bytes of frame {@code sequence},
   * writing both WebSocket headers and the frame header. Takes over the caller's reference to
   * {@code buffer}, released by {@link #release()}.
   */
  public void frame(
      ByteBuf buffer,
      int length,
      long sequence,
      long captureTimeNanos,
      int width,
      int height,
      int fourcc,
      int bytesPerLine) {
    buffer.setShortLE(HEADED_WS_END, HEADER_BYTES);
    buffer.setByte(HEADED_WS_END + 2, HEADER_VERSION);
    buffer.setByte(HEADED_WS_END + 3, KIND_RAW);
    buffer.setIntLE(HEADED_WS_END + 4, fourcc);
    buffer.setLongLE(HEADED_WS_END + 8, sequence);
    buffer.setLongLE(HEADED_WS_END + 16, captureTimeNanos);
    buffer.setShortLE(HEADED_WS_END + 24, width);
    buffer.setShortLE(HEADED_WS_END + 26, height);
    buffer.setIntLE(HEADED_WS_END + 28, bytesPerLine);
    this.buffer = buffer;
    this.length = length;
    this.sequence = sequence;
    this.captureTimeNanos = captureTimeNanos;
    this.width = width;
    this.height = height;
    this.fourcc = fourcc;
    this.bytesPerLine = bytesPerLine;
    this.headedStart = HEADED_WS_END - writeWsHeader(buffer, HEADED_WS_END, HEADER_BYTES + length);
    this.bareStart = BARE_WS_END - writeWsHeader(buffer, BARE_WS_END, length);
    holds.set(1);
  }

  /** Whether nobody holds this instance: the fan-out may fill it with the next frame. */
  boolean idle() {
    return holds.get() == 0;
  }

  /** Takes a hold for one more user (an event loop about to write it). */
  void acquire() {
    holds.incrementAndGet();
  }

  /**
   * The whole WebSocket message for {@code /ws}: a retained duplicate the caller must write or
   * release.
   */
  public ByteBuf headed() {
    return region(headedStart, DATA + length);
  }

  /**
   * The WebSocket header of the bare {@code /eyetoy} message; write {@link #bareBody()} after it.
   */
  public ByteBuf bareHeader() {
    return region(bareStart, BARE_WS_END);
  }

  /** The frame bytes alone, the payload of the bare {@code /eyetoy} message. */
  public ByteBuf bareBody() {
    return region(DATA, DATA + length);
  }

  /** The frame bytes, for the JPEG encoder: a retained duplicate the caller must release. */
  public ByteBuf rawFrame() {
    return bareBody();
  }

  /**
   * The 32-byte header and the frame, as a relay message carries them: a new array, filled with one
   * copy (for a client library that takes arrays).
   */
  public byte[] relayPayload() {
    byte[] out = new byte[HEADER_BYTES + length];
    buffer.getBytes(HEADED_WS_END, out);
    return out;
  }

  /** Bytes on the wire of the {@code /ws} message. */
  public int headedWireBytes() {
    return DATA + length - headedStart;
  }

  /** Bytes on the wire of the {@code /eyetoy} message. */
  public int bareWireBytes() {
    return BARE_WS_END - bareStart + length;
  }

  /** The frame's sequence. */
  public long sequence() {
    return sequence;
  }

  /** When the frame was captured, {@code System.nanoTime()} (CLOCK_MONOTONIC) nanoseconds. */
  public long captureTimeNanos() {
    return captureTimeNanos;
  }

  /** Pixels per row. */
  public int width() {
    return width;
  }

  /** Rows. */
  public int height() {
    return height;
  }

  /** The pixel format, a V4L2 fourcc ({@code YUYV}). */
  public int fourcc() {
    return fourcc;
  }

  /** Bytes per row of the frame. */
  public int bytesPerLine() {
    return bytesPerLine;
  }

  /**
   * The frame bytes as a new view (the caller only reads it), for an encoder on another thread;
   * valid while a hold on this instance is kept.
   */
  ByteBuffer frameView() {
    return buffer.nioBuffer(DATA, length);
  }

  /**
   * Drops one hold; the last one releases the buffer (viewers' duplicates keep the memory until
   * written) and makes the instance idle.
   */
  public void release() {
    while (true) {
      int h = holds.get();
      if (h == 1) {
        // The last hold: mark the instance busy (-1) while its buffer goes, idle (0) only after,
        // so the fan-out never refills it under a releasing thread.
        if (holds.compareAndSet(1, -1)) {
          ByteBuf b = buffer;
          buffer = null;
          b.release();
          holds.set(0);
          return;
        }
      } else if (holds.compareAndSet(h, h - 1)) {
        return;
      }
    }
  }

  private ByteBuf region(int from, int to) {
    ByteBuf d = buffer.retainedDuplicate();
    d.setIndex(from, to);
    return d;
  }

  /** Writes a server (unmasked) binary frame header ending at {@code end}; returns its size. */
  static int writeWsHeader(ByteBuf b, int end, int payload) {
    if (payload < 126) {
      b.setByte(end - 2, OPCODE_BINARY_FINAL);
      b.setByte(end - 1, payload);
      return 2;
    }
    if (payload < 65536) {
      b.setByte(end - 4, OPCODE_BINARY_FINAL);
      b.setByte(end - 3, 126);
      b.setShort(end - 2, payload);
      return 4;
    }
    b.setByte(end - 10, OPCODE_BINARY_FINAL);
    b.setByte(end - 9, 127);
    b.setLong(end - 8, payload);
    return 10;
  }
}
