package io.eyetoystreamer.streamer.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;

/**
 * One H.264 access unit as it goes on the wire, built once and shared by every H.264 viewer, like
 * {@link JpegFrame}: one pooled direct buffer, each viewer a retained duplicate of a region.
 *
 * <p>Buffer layout (offsets in bytes):
 *
 * <pre>
 *  0 .. 10  WebSocket frame header of the /ws?format=h264 message, right-aligned
 * 10 .. 42  the 32-byte frame header of ARCHITECTURE.md: kind 2, fourcc H264, flags at 28
 * 42 ..     the access unit, Annex-B (what /stream.h264 viewers get)
 * </pre>
 *
 * <p>Immutable once built; release after offering.
 */
public final class H264Frame {
  /** {@code kind} of H.264 frames in the /ws header. */
  public static final int KIND_H264 = 2;

  /** fourcc of H.264 frames in the /ws header. */
  public static final int FOURCC_H264 = 'H' | '2' << 8 | '6' << 16 | '4' << 24;

  /** Bit of the header's {@code flags} (offset 28): the unit is a key frame (SPS, PPS, IDR). */
  public static final int FLAG_KEY_FRAME = 1;

  private static final int WS_END = 10;
  private static final int DATA = WS_END + WireFrame.HEADER_BYTES;

  private final ByteBuf buffer;
  private final int length;
  private final int wsStart;
  private final long sequence;
  private final boolean keyFrame;
  private final long index;

  private H264Frame(
      ByteBuf buffer, int length, int wsStart, long sequence, boolean keyFrame, long index) {
    this.index = index;
    this.buffer = buffer;
    this.length = length;
    this.wsStart = wsStart;
    this.sequence = sequence;
    this.keyFrame = keyFrame;
  }

  /**
   * Copies the access unit {@code unit} (position to limit) into a new pooled buffer and frames it.
   */
  static H264Frame copyOf(
      ByteBufAllocator allocator,
      ByteBuffer unit,
      long sequence,
      long captureTimeNanos,
      int width,
      int height,
      boolean keyFrame,
      long index) {
    int length = unit.remaining();
    ByteBuf buffer = allocator.directBuffer(DATA + length, DATA + length);
    buffer.setBytes(DATA, unit);
    buffer.setShortLE(WS_END, WireFrame.HEADER_BYTES);
    buffer.setByte(WS_END + 2, WireFrame.HEADER_VERSION);
    buffer.setByte(WS_END + 3, KIND_H264);
    buffer.setIntLE(WS_END + 4, FOURCC_H264);
    buffer.setLongLE(WS_END + 8, sequence);
    buffer.setLongLE(WS_END + 16, captureTimeNanos);
    buffer.setShortLE(WS_END + 24, width);
    buffer.setShortLE(WS_END + 26, height);
    buffer.setIntLE(WS_END + 28, keyFrame ? FLAG_KEY_FRAME : 0);
    int payload = WireFrame.HEADER_BYTES + length;
    int wsStart = WS_END - WireFrame.writeWsHeader(buffer, WS_END, payload);
    buffer.writerIndex(buffer.capacity());
    return new H264Frame(buffer, length, wsStart, sequence, keyFrame, index);
  }

  /** The whole {@code /ws?format=h264} message. */
  public ByteBuf webSocketMessage() {
    return region(wsStart, DATA + length);
  }

  /** The access unit alone, Annex-B ({@code /stream.h264}). */
  public ByteBuf unit() {
    return region(DATA, DATA + length);
  }

  /**
   * The 32-byte header and the access unit, as a relay message carries them: a new array, one copy.
   */
  public byte[] relayPayload() {
    byte[] out = new byte[DATA - WS_END + length];
    buffer.getBytes(WS_END, out);
    return out;
  }

  /** Bytes of the access unit. */
  public int unitBytes() {
    return length;
  }

  /** Bytes of the whole WebSocket message. */
  public int webSocketBytes() {
    return DATA + length - wsStart;
  }

  /** Whether a decoder can start here: SPS, PPS and an IDR slice. */
  public boolean keyFrame() {
    return keyFrame;
  }

  /** The unit's place in the encoder stage's output: 1, 2, 3, ... without gaps. */
  public long index() {
    return index;
  }

  /** The camera frame's sequence. */
  public long sequence() {
    return sequence;
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
}
