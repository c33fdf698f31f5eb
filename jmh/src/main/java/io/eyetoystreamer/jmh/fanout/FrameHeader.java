package io.eyetoystreamer.jmh.fanout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 32-byte little-endian frame header of the {@code /ws} message (ARCHITECTURE.md), and the
 * raw-mode framing that carries the same header over plain TCP.
 *
 * <p>Raw mode, used by {@link RawBaselineServer}: every message is a u32 little-endian length
 * {@code L}, then {@code L} bytes: the same 32-byte header, then the frame. So the load tool checks
 * and times both servers' frames with one parser.
 */
public final class FrameHeader {
  /** Bytes of the header, version 1. */
  public static final int BYTES = 32;

  /** Bytes of the raw-mode length prefix. */
  public static final int RAW_PREFIX_BYTES = 4;

  /** Header format version. */
  public static final int VERSION = 1;

  /** {@code kind} of a raw YUYV frame. */
  public static final int KIND_RAW = 0;

  /** {@code kind} of a JPEG frame ({@code /ws?format=jpeg}). */
  public static final int KIND_JPEG = 1;

  /** {@code kind} of an H.264 access unit ({@code /ws?format=h264}). */
  public static final int KIND_H264 = 2;

  /** The V4L2 fourcc {@code YUYV}. */
  public static final int YUYV = 0x56595559;

  /** The fourcc {@code JPEG} of JPEG frames. */
  public static final int JPEG = 'J' | 'P' << 8 | 'E' << 16 | 'G' << 24;

  /** The fourcc {@code H264} of H.264 access units. */
  public static final int H264 = 'H' | '2' << 8 | '6' << 16 | '4' << 24;

  /** Bit of an H.264 header's {@code flags} (offset 28): the unit is a key frame. */
  public static final int FLAG_KEY_FRAME = 1;

  /** Frame width of the Eyetoy picture. */
  public static final int WIDTH = 640;

  /** Frame height of the Eyetoy picture. */
  public static final int HEIGHT = 480;

  /** Bytes per row of a 640-wide YUYV frame. */
  public static final int BYTES_PER_LINE = WIDTH * 2;

  /** Bytes of one 640x480 YUYV frame. */
  public static final int FRAME_BYTES = BYTES_PER_LINE * HEIGHT;

  static final int OFFSET_SEQUENCE = 8;
  static final int OFFSET_CAPTURE_TIME = 16;
  static final int OFFSET_FLAGS = 28;

  private FrameHeader() {}

  /**
   * Writes a version-1 header for a 640x480 YUYV frame at absolute index {@code at} of {@code b}, a
   * little-endian buffer. Allocates nothing.
   */
  public static void write(ByteBuffer b, int at, long sequence, long captureTimeNanos) {
    if (b.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalArgumentException("the header is little-endian: order the buffer so");
    }
    b.putShort(at, (short) BYTES);
    b.put(at + 2, (byte) VERSION);
    b.put(at + 3, (byte) KIND_RAW);
    b.putInt(at + 4, YUYV);
    b.putLong(at + OFFSET_SEQUENCE, sequence);
    b.putLong(at + OFFSET_CAPTURE_TIME, captureTimeNanos);
    b.putShort(at + 24, (short) WIDTH);
    b.putShort(at + 26, (short) HEIGHT);
    b.putInt(at + 28, BYTES_PER_LINE);
  }

  /**
   * Reads an unsigned little-endian integer of {@code bytes} bytes from {@code a} at {@code at}.
   */
  static long littleEndian(byte[] a, int at, int bytes) {
    long v = 0;
    for (int i = bytes - 1; i >= 0; i--) {
      v = (v << 8) | (a[at + i] & 0xFF);
    }
    return v;
  }

  /**
   * Checks a received header against the length of its message: version 1, a raw YUYV frame, and
   * exactly {@code headerBytes + height * bytesPerLine} bytes. Returns null if it is good, or what
   * is wrong.
   */
  static String check(byte[] h, long messageBytes) {
    return check(h, messageBytes, KIND_RAW);
  }

  /**
   * Checks a received header against the length of its message and the {@code kind} expected:
   * version 1; a raw YUYV frame of exactly {@code headerBytes + height * bytesPerLine} bytes, or a
   * JPEG ({@code kind} 1, fourcc {@code JPEG}) or H.264 unit ({@code kind} 2, fourcc {@code H264})
   * of at least one byte after the header. Returns null if it is good, or what is wrong.
   */
  static String check(byte[] h, long messageBytes, int expectedKind) {
    int headerBytes = (int) littleEndian(h, 0, 2);
    int version = h[2] & 0xFF;
    int kind = h[3] & 0xFF;
    int fourcc = (int) littleEndian(h, 4, 4);
    int height = (int) littleEndian(h, 26, 2);
    long bytesPerLine = littleEndian(h, 28, 4);
    int expectedFourcc = expectedKind == KIND_JPEG ? JPEG : expectedKind == KIND_H264 ? H264 : YUYV;
    if (headerBytes < BYTES
        || version != VERSION
        || kind != expectedKind
        || fourcc != expectedFourcc) {
      return "unexpected header: headerBytes "
          + headerBytes
          + ", version "
          + version
          + ", kind "
          + kind
          + ", fourcc 0x"
          + Integer.toHexString(fourcc);
    }
    if (expectedKind != KIND_RAW) {
      return messageBytes > headerBytes
          ? null
          : "an empty " + (kind == KIND_JPEG ? "JPEG" : "H.264") + " message";
    }
    long expected = headerBytes + height * bytesPerLine;
    if (expected != messageBytes) {
      return "message of " + messageBytes + " bytes, the header says " + expected;
    }
    return null;
  }
}
