package io.eyetoystreamer.fakeeyetoy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes an H.264 RBSP (raw byte sequence payload) bit by bit, most significant bit first, with the
 * descriptors of ITU-T H.264 7.2: {@code u(n)}, {@code ue(v)}, {@code se(v)}; then packs it into a
 * NAL unit with a start code and emulation prevention bytes ({@link #writeNal}). Reused: {@link
 * #reset()} keeps the array. Not thread-safe.
 */
final class BitWriter {
  private byte[] bytes = new byte[4096];
  private int length;
  private int bits; // bits pending in {@code current}, 0..7
  private int current;

  /** Starts a new RBSP, keeping the memory. */
  void reset() {
    length = 0;
    bits = 0;
    current = 0;
  }

  /** {@code u(n)}: the low {@code n} bits of {@code value}, n in 0..32. */
  void u(int n, long value) {
    for (int i = n - 1; i >= 0; i--) {
      bit((int) (value >>> i) & 1);
    }
  }

  /** {@code u(1)}. */
  void flag(boolean value) {
    bit(value ? 1 : 0);
  }

  /** {@code ue(v)}: Exp-Golomb, {@code codeNum = value} (9.1). */
  void ue(long value) {
    if (value < 0 || value > 0xFFFF_FFFEL) {
      throw new IllegalArgumentException("ue(v) of " + value);
    }
    long codeNum = value + 1;
    int size = 64 - Long.numberOfLeadingZeros(codeNum);
    u(size - 1, 0);
    u(size, codeNum);
  }

  /** {@code se(v)}: signed Exp-Golomb, k > 0 as 2k - 1, k <= 0 as -2k (9.1.1). */
  void se(long value) {
    ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** True when the next bit starts a byte ({@code byte_aligned()}). */
  boolean byteAligned() {
    return bits == 0;
  }

  /** Zero bits up to the next byte boundary ({@code pcm_alignment_zero_bit}, alignment). */
  void alignWithZeros() {
    while (bits != 0) {
      bit(0);
    }
  }

  /** Byte-aligned raw bytes ({@code pcm_sample_luma} and friends at bit depth 8). */
  void bytes(byte[] src, int offset, int count) {
    if (bits != 0) {
      throw new IllegalStateException("not byte aligned");
    }
    ensure(count);
    System.arraycopy(src, offset, bytes, length, count);
    length += count;
  }

  /** {@code rbsp_trailing_bits()}: a stop bit 1, then zeros to the byte boundary (7.3.2.11). */
  void trailingBits() {
    bit(1);
    alignWithZeros();
  }

  private void bit(int b) {
    current = current << 1 | b;
    if (++bits == 8) {
      ensure(1);
      bytes[length++] = (byte) current;
      bits = 0;
      current = 0;
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** The RBSP bytes written so far (byte aligned callers only). */
  int length() {
    return length;
  }

  byte[] array() {
    return bytes;
  }

  /**
   * Writes a NAL unit in Annex-B form: the 4-byte start code {@code 00 00 00 01}, the NAL header
   * ({@code forbidden_zero_bit} 0, {@code nal_ref_idc}, {@code nal_unit_type}), then the RBSP with
   * an {@code emulation_prevention_three_byte} (0x03) inserted wherever two zero bytes would be
   * followed by a byte of 0..3 (7.4.1).
   *
   * @return the bytes written
   * @throws BufferOverflowException when {@code out} has too little room
   */
  int writeNal(ByteBuffer out, int refIdc, int type) {
    if (bits != 0) {
      throw new IllegalStateException("the RBSP does not end on a byte boundary");
    }
    int start = out.position();
    if (out.remaining() < 5 + length) {
      throw new BufferOverflowException();
    }
    out.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 1);
    out.put((byte) (refIdc << 5 | type));
    int zeros = 0;
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xFF;
      if (zeros >= 2 && b <= 3) {
        out.put((byte) 3);
        zeros = 0;
      }
      out.put((byte) b); // throws BufferOverflowException when out is full
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.position() - start;
  }
}
