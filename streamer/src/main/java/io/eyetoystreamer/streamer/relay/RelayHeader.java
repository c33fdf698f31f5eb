package io.eyetoystreamer.streamer.relay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 32-byte frame header (ARCHITECTURE.md, "The WebSocket frame message") at the start of every
 * relayed frame message, read back by an edge. A header longer than 32 bytes (a later version) is
 * accepted: its {@code headerBytes} says where the frame starts.
 *
 * @param headerBytes where the frame starts in the message
 * @param kind 0 raw, 1 JPEG, 2 H.264
 * @param fourcc the pixel format or codec
 * @param sequence the publisher's frame sequence
 * @param captureTimeNanos the capture time, the publisher's CLOCK_MONOTONIC
 * @param width pixels
 * @param height pixels
 * @param word28 raw: bytes per line; H.264: flags (bit 0: key frame)
 */
public record RelayHeader(
    int headerBytes,
    int kind,
    int fourcc,
    long sequence,
    long captureTimeNanos,
    int width,
    int height,
    int word28) {
  /** Bytes of the version 1 header. */
  public static final int BYTES = 32;

  /** {@code kind} of a raw frame. */
  public static final int RAW = 0;

  /** {@code kind} of a JPEG frame. */
  public static final int JPEG = 1;

  /** {@code kind} of an H.264 access unit. */
  public static final int H264 = 2;

  /**
   * Reads the header at the start of {@code message}.
   *
   * @throws IllegalArgumentException saying what is wrong, if it is not a frame message
   */
  public static RelayHeader read(byte[] message) {
    if (message.length < BYTES) {
      throw new IllegalArgumentException(
          "a frame message of " + message.length + " bytes, shorter than its 32-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    int headerBytes = Short.toUnsignedInt(b.getShort(0));
    int version = Byte.toUnsignedInt(b.get(2));
    if (headerBytes < BYTES || headerBytes > message.length || version < 1) {
      throw new IllegalArgumentException(
          "a frame message whose header says "
              + headerBytes
              + " header bytes, version "
              + version
              + " (expected at least 32 bytes, version 1, within the "
              + message.length
              + "-byte message)");
    }
    return new RelayHeader(
        headerBytes,
        Byte.toUnsignedInt(b.get(3)),
        b.getInt(4),
        b.getLong(8),
        b.getLong(16),
        Short.toUnsignedInt(b.getShort(24)),
        Short.toUnsignedInt(b.getShort(26)),
        b.getInt(28));
  }

  /** Whether an H.264 unit is a key frame (flags bit 0). */
  public boolean keyFrame() {
    return (word28 & 1) != 0;
  }

  /** The frame bytes after the header, as a view of {@code message}. */
  public ByteBuffer body(byte[] message) {
    return ByteBuffer.wrap(message, headerBytes, message.length - headerBytes);
  }
}
