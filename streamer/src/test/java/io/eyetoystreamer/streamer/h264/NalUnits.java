package io.eyetoystreamer.streamer.h264;

import java.util.ArrayList;
import java.util.List;

/** Splits an Annex-B byte stream into NAL units, as a decoder finds them: by start codes. */
final class NalUnits {
  static final int SLICE = 1;
  static final int IDR = 5;
  static final int SEI = 6;
  static final int SPS = 7;
  static final int PPS = 8;

  /** One NAL unit: its payload from the NAL header byte on, start code excluded. */
  record Nal(byte[] bytes) {
    int type() {
      return bytes[0] & 0x1f;
    }

    int refIdc() {
      return (bytes[0] >> 5) & 3;
    }
  }

  private NalUnits() {}

  /**
   * The NAL units of {@code stream}, which must start with a start code ({@code 00 00 01} or {@code
   * 00 00 00 01}).
   *
   * @throws IllegalArgumentException if it does not, or a NAL unit is empty
   */
  static List<Nal> split(byte[] stream) {
    List<Nal> nals = new ArrayList<>();
    int start = startCodeEnd(stream, 0);
    if (start < 0) {
      throw new IllegalArgumentException("no start code at the beginning");
    }
    while (start < stream.length) {
      int next = start;
      int end = stream.length;
      int following = -1;
      while (next + 2 < stream.length) {
        if (stream[next] == 0 && stream[next + 1] == 0 && stream[next + 2] == 1) {
          end = next > start && stream[next - 1] == 0 ? next - 1 : next;
          following = next + 3;
          break;
        }
        next++;
      }
      if (end <= start) {
        throw new IllegalArgumentException("empty NAL unit at " + start);
      }
      byte[] nal = new byte[end - start];
      System.arraycopy(stream, start, nal, 0, nal.length);
      nals.add(new Nal(nal));
      if (following < 0) {
        break;
      }
      start = following;
    }
    return nals;
  }

  /** The NAL unit types of {@code stream}, in order. */
  static List<Integer> types(byte[] stream) {
    return split(stream).stream().map(Nal::type).toList();
  }

  private static int startCodeEnd(byte[] s, int at) {
    if (s.length >= at + 4 && s[at] == 0 && s[at + 1] == 0 && s[at + 2] == 0 && s[at + 3] == 1) {
      return at + 4;
    }
    if (s.length >= at + 3 && s[at] == 0 && s[at + 1] == 0 && s[at + 2] == 1) {
      return at + 3;
    }
    return -1;
  }
}
