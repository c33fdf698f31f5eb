package io.eyetoystreamer.streamer.h264;

import java.nio.ByteBuffer;

/**
 * Reads the NAL unit types of an Annex-B access unit (NAL units each after a {@code 00 00 01} or
 * {@code 00 00 00 01} start code), without copying or allocating. What the fan-out needs to know of
 * an encoder's output: is it a key frame, does it carry its parameter sets.
 */
public final class AnnexB {
  /** nal_unit_type of a coded slice of an IDR picture. */
  public static final int IDR = 5;

  /** nal_unit_type of a sequence parameter set. */
  public static final int SPS = 7;

  /** nal_unit_type of a picture parameter set. */
  public static final int PPS = 8;

  /** Bit {@code 1 << type} of {@link #nalTypes} for each NAL type found. */
  public static int bit(int type) {
    return 1 << type;
  }

  private AnnexB() {}

  /**
   * The NAL unit types in {@code unit[from, to)} as a bit set ({@code 1 << nal_unit_type}; types
   * are 0..31). Absolute indexes; the buffer's position and limit are not touched.
   */
  public static int nalTypes(ByteBuffer unit, int from, int to) {
    int types = 0;
    int zeros = 0;
    for (int i = from; i < to; i++) {
      int b = unit.get(i) & 0xff;
      if (b == 0) {
        zeros++;
        continue;
      }
      if (b == 1 && zeros >= 2 && i + 1 < to) {
        types |= 1 << (unit.get(i + 1) & 0x1f);
        i++; // the NAL header cannot start another start code
      }
      zeros = 0;
    }
    return types;
  }

  /**
   * Whether an access unit with these {@link #nalTypes} is a key frame a decoder can start at: an
   * IDR slice with its SPS and PPS.
   */
  public static boolean isKeyFrame(int nalTypes) {
    int needed = bit(IDR) | bit(SPS) | bit(PPS);
    return (nalTypes & needed) == needed;
  }
}
