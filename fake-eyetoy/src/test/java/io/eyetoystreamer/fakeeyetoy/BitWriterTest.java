package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BitWriterTest {
  private static byte[] bits(BitWriter w) {
    w.trailingBits();
    byte[] out = new byte[w.length()];
    System.arraycopy(w.array(), 0, out, 0, out.length);
    return out;
  }

  @Test
  void expGolombCodesAreTheSpecsTable() {
    // 9.1: 0 -> 1, 1 -> 010, 2 -> 011, 25 -> 000011010; then the stop bit and zeros.
    BitWriter w = new BitWriter();
    w.ue(0);
    w.ue(1);
    w.ue(2);
    assertArrayEquals(new byte[] {(byte) 0b1010_0111}, bits(w));
    w.reset();
    w.ue(25);
    assertArrayEquals(new byte[] {(byte) 0b0000_1101, (byte) 0b0100_0000}, bits(w));
  }

  @Test
  void signedExpGolombMapsPositiveToOddCodes() {
    // 9.1.1: se 1 -> codeNum 1 (010), se -1 -> codeNum 2 (011), se 0 -> 1.
    BitWriter w = new BitWriter();
    w.se(1);
    w.se(-1);
    w.se(0);
    assertArrayEquals(new byte[] {(byte) 0b0100_1111}, bits(w));
  }

  @Test
  void emulationPreventionGuardsEveryZeroZeroSmallByte() {
    BitWriter w = new BitWriter();
    byte[] rbsp = {0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, (byte) 0x80};
    w.bytes(rbsp, 0, rbsp.length);
    ByteBuffer out = ByteBuffer.allocate(64);
    int n = w.writeNal(out, 3, 5);
    byte[] expected = {
      0, 0, 0, 1, 0x65, 0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 3, 2, 0, 0, 3, 3, 0, 0, 4, (byte) 0x80
    };
    assertEquals(expected.length, n);
    byte[] written = new byte[n];
    out.get(0, written);
    assertArrayEquals(expected, written);
  }

  @Test
  void aNalThatDoesNotFitOverflows() {
    BitWriter w = new BitWriter();
    w.bytes(new byte[100], 0, 100);
    assertThrows(BufferOverflowException.class, () -> w.writeNal(ByteBuffer.allocate(120), 3, 5));
  }
}
