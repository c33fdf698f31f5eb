package io.eyetoystreamer.streamer.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One encoded JPEG as it goes on the wire, built once and shared by every JPEG viewer, like the raw
 * frames' {@code WireFrame}: one pooled direct buffer, each viewer a retained duplicate of a
 * region.
 *
 * <p>Buffer layout (offsets in bytes):
 *
 * <pre>
 *   .. 128   MJPEG part header (Content-Type, Content-Length, X-Timestamp), right-aligned
 * 128 .. 138 WebSocket frame header of the /ws?format=jpeg message, right-aligned
 * 138 .. 170 the 32-byte frame header of ARCHITECTURE.md, kind 1 (JPEG)
 * 170 ..     the JPEG, then "\r\n--BOUNDARY\r\n" and the next part's "Content-Type: image/jpeg\r\n\r\n"
 * </pre>
 *
 * <p>MJPEG viewers get the part header and the JPEG with the short suffix; viewers with advance
 * headers (Chrome, which draws a part only when the next one starts) get the JPEG with the long
 * suffix, which already opens the next part. Immutable once built; release after offering.
 */
public final class JpegFrame {
  /** The multipart boundary of {@code /stream.mjpg}. */
  public static final String BOUNDARY = "eyetoystreamerframe";

  /** fourcc of JPEG frames in the /ws header. */
  public static final int FOURCC_JPEG = 'J' | 'P' << 8 | 'E' << 16 | 'G' << 24;

  private static final int PART_END = 128;
  private static final int WS_END = PART_END + 10;
  private static final int DATA = WS_END + 32;
  private static final byte[] SHORT_SUFFIX =
      ("\r\n--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LONG_SUFFIX =
      ("\r\n--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final ByteBuf buffer;
  private final int length;
  private final int partStart;
  private final int wsStart;
  private final long sequence;

  private JpegFrame(ByteBuf buffer, int length, int partStart, int wsStart, long sequence) {
    this.buffer = buffer;
    this.length = length;
    this.partStart = partStart;
    this.wsStart = wsStart;
    this.sequence = sequence;
  }

  /** A buffer with room for a JPEG of up to {@code maxJpeg} bytes. */
  static ByteBuf allocate(ByteBufAllocator allocator, int maxJpeg) {
    int capacity = DATA + maxJpeg + LONG_SUFFIX.length;
    return allocator.directBuffer(capacity, capacity);
  }

  /** Where the encoder writes the JPEG. */
  static ByteBuffer jpegRegion(ByteBuf buffer) {
    return buffer.internalNioBuffer(DATA, buffer.capacity() - DATA - LONG_SUFFIX.length);
  }

  /** Frames the {@code length} JPEG bytes already in {@code buffer}; takes over its reference. */
  static JpegFrame frame(
      ByteBuf buffer, int length, long sequence, long captureTimeNanos, int width, int height) {
    buffer.setBytes(DATA + length, LONG_SUFFIX);
    buffer.setShortLE(WS_END, 32);
    buffer.setByte(WS_END + 2, 1);
    buffer.setByte(WS_END + 3, 1);
    buffer.setIntLE(WS_END + 4, FOURCC_JPEG);
    buffer.setLongLE(WS_END + 8, sequence);
    buffer.setLongLE(WS_END + 16, captureTimeNanos);
    buffer.setShortLE(WS_END + 24, width);
    buffer.setShortLE(WS_END + 26, height);
    buffer.setIntLE(WS_END + 28, 0);
    int payload = 32 + length;
    int wsStart;
    if (payload < 65536) {
      wsStart = WS_END - 4;
      buffer.setByte(wsStart, 0x82);
      buffer.setByte(wsStart + 1, 126);
      buffer.setShort(wsStart + 2, payload);
    } else {
      wsStart = WS_END - 10;
      buffer.setByte(wsStart, 0x82);
      buffer.setByte(wsStart + 1, 127);
      buffer.setLong(wsStart + 2, payload);
    }
    long wallMicros =
        System.currentTimeMillis() * 1000 - (System.nanoTime() - captureTimeNanos) / 1000;
    byte[] part =
        ("Content-Type: image/jpeg\r\nContent-Length: "
                + length
                + "\r\nX-Timestamp: "
                + wallMicros / 1_000_000
                + "."
                + String.format("%06d", wallMicros % 1_000_000)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int partStart = PART_END - part.length;
    buffer.setBytes(partStart, part);
    return new JpegFrame(buffer, length, partStart, wsStart, sequence);
  }

  /** The whole {@code /ws?format=jpeg} message. */
  public ByteBuf webSocketMessage() {
    return region(wsStart, DATA + length);
  }

  /** The MJPEG part header (with Content-Length); write {@link #partBody()} after it. */
  public ByteBuf partHeader() {
    return region(partStart, PART_END);
  }

  /** The JPEG and the next boundary. */
  public ByteBuf partBody() {
    return region(DATA, DATA + length + SHORT_SUFFIX.length);
  }

  /** The JPEG, the next boundary and the next part's header (advance headers). */
  public ByteBuf advancedPartBody() {
    return region(DATA, DATA + length + LONG_SUFFIX.length);
  }

  /** The 32-byte header and the JPEG, as a relay message carries them: a new array, one copy. */
  public byte[] relayPayload() {
    byte[] out = new byte[DATA - WS_END + length];
    buffer.getBytes(WS_END, out);
    return out;
  }

  /** Bytes of the JPEG alone. */
  public int jpegBytes() {
    return length;
  }

  /** The frame's sequence. */
  public long sequence() {
    return sequence;
  }

  /** The JPEG bytes, a retained duplicate the caller must release (for snapshots and tests). */
  public ByteBuf jpeg() {
    return region(DATA, DATA + length);
  }

  /** Takes one more reference, for an event loop about to write this frame. */
  void retain() {
    buffer.retain();
  }

  /** Drops this reference; viewers' duplicates keep the memory until written. */
  public void release() {
    buffer.release();
  }

  private ByteBuf region(int from, int to) {
    ByteBuf d = buffer.retainedDuplicate();
    d.setIndex(from, to);
    return d;
  }

  /** The start of an MJPEG stream, before the first part: the first boundary. */
  public static byte[] preamble(boolean advance) {
    String s = "--" + BOUNDARY + "\r\n" + (advance ? "Content-Type: image/jpeg\r\n\r\n" : "");
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
