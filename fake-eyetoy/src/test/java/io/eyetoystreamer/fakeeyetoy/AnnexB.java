package io.eyetoystreamer.fakeeyetoy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Splits an Annex-B byte stream into NAL units and reads their RBSP back, for tests. */
final class AnnexB {
  /** One NAL unit: its header fields and its RBSP (emulation prevention bytes removed). */
  record Nal(int refIdc, int type, byte[] rbsp, int escapedLength) {}

  private AnnexB() {}

  static List<Nal> split(byte[] stream) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i + 2 < stream.length; i++) {
      if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
        starts.add(i + 3);
        i += 2;
      }
    }
    List<Nal> out = new ArrayList<>();
    for (int n = 0; n < starts.size(); n++) {
      int from = starts.get(n);
      int to = n + 1 < starts.size() ? starts.get(n + 1) - 3 : stream.length;
      while (to > from && stream[to - 1] == 0) {
        to--; // the zero_byte of a 4-byte start code belongs to the next unit
      }
      int header = stream[from] & 0xFF;
      ByteArrayOutputStream rbsp = new ByteArrayOutputStream();
      int zeros = 0;
      for (int i = from + 1; i < to; i++) {
        int b = stream[i] & 0xFF;
        if (zeros >= 2 && b == 3) {
          zeros = 0;
          continue;
        }
        rbsp.write(b);
        zeros = b == 0 ? zeros + 1 : 0;
      }
      out.add(new Nal(header >> 5 & 3, header & 31, rbsp.toByteArray(), to - from - 1));
    }
    return out;
  }

  /** Reads RBSP bits: u(n), ue(v), se(v). */
  static final class BitReader {
    private final byte[] bytes;
    private long bit;

    BitReader(byte[] bytes) {
      this.bytes = bytes;
    }

    int u(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) {
        int b = bytes[(int) (bit >> 3)] >> (7 - (int) (bit & 7)) & 1;
        v = v << 1 | b;
        bit++;
      }
      return v;
    }

    long ue() {
      int zeros = 0;
      while (u(1) == 0) {
        zeros++;
      }
      return (1L << zeros) - 1 + (zeros == 0 ? 0 : u(zeros));
    }

    long se() {
      long k = ue();
      return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    boolean aligned() {
      return (bit & 7) == 0;
    }

    long position() {
      return bit;
    }
  }
}
