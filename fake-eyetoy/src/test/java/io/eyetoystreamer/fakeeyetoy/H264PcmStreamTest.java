package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_KEYFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_PFRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.FourCc;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access units the simulated encoder writes, read back NAL by NAL and field by field. */
class H264PcmStreamTest {
  private static final H264PcmStream.Settings DEFAULTS =
      new H264PcmStream.Settings(true, EncoderControls.DEFAULT_LEVEL, false, 0, 1, 30);

  private static Yuv420Picture picture(int width, int height, int seed) {
    ByteBuffer yuyv = ByteBuffer.allocate(width * height * 2);
    for (int i = 0; i < yuyv.capacity(); i++) {
      yuyv.put(i, (byte) (seed + i * 7));
    }
    return Yuv420Picture.of(FourCc.YUYV, yuyv, width, height, width * 2);
  }

  private static byte[] encode(
      H264PcmStream s,
      Yuv420Picture p,
      boolean force,
      H264PcmStream.Settings settings,
      int[] flags) {
    ByteBuffer out = ByteBuffer.allocate(H264PcmStream.maxAccessUnitBytes(p.width, p.height));
    H264PcmStream.Coded c = s.encode(p, force, settings, out);
    flags[0] = c.flags();
    byte[] bytes = new byte[c.bytes()];
    out.get(0, bytes);
    return bytes;
  }

  private static List<Integer> types(byte[] au) {
    return AnnexB.split(au).stream().map(AnnexB.Nal::type).toList();
  }

  @Test
  void theFirstAccessUnitIsSpsPpsAndAnIdrPicture() {
    int[] flags = new int[1];
    byte[] au = encode(new H264PcmStream(), picture(32, 32, 1), false, DEFAULTS, flags);
    assertEquals(List.of(7, 8, 5), types(au));
    assertEquals(V4L2_BUF_FLAG_KEYFRAME, flags[0]);
    assertEquals(List.of(0, 0, 0, 1), List.of((int) au[0], (int) au[1], (int) au[2], (int) au[3]));
  }

  @Test
  void theSpsSaysConstrainedBaselineTheLevelAndTheSize() {
    byte[] au = encode(new H264PcmStream(), picture(90, 66, 1), false, DEFAULTS, new int[1]);
    AnnexB.BitReader r = new AnnexB.BitReader(AnnexB.split(au).get(0).rbsp());
    assertEquals(66, r.u(8), "profile_idc");
    assertEquals(0b110000, r.u(6), "constraint_set0 and set1");
    assertEquals(0, r.u(2));
    assertEquals(51, r.u(8), "level_idc");
    assertEquals(0, r.ue(), "seq_parameter_set_id");
    assertEquals(0, r.ue(), "log2_max_frame_num_minus4");
    assertEquals(2, r.ue(), "pic_order_cnt_type");
    assertEquals(1, r.ue(), "max_num_ref_frames");
    assertEquals(0, r.u(1), "gaps_in_frame_num_value_allowed_flag");
    assertEquals(5, r.ue(), "pic_width_in_mbs_minus1: 90 pixels are 6 macroblocks");
    assertEquals(4, r.ue(), "pic_height_in_map_units_minus1: 66 rows are 5 macroblocks");
    assertEquals(1, r.u(1), "frame_mbs_only_flag");
    assertEquals(1, r.u(1), "direct_8x8_inference_flag");
    assertEquals(1, r.u(1), "frame_cropping_flag");
    assertEquals(List.of(0L, 3L, 0L, 7L), List.of(r.ue(), r.ue(), r.ue(), r.ue()), "crop 96x80");
  }

  @Test
  void everyMacroblockOfAnIdrPictureIsIpcm() {
    byte[] au = encode(new H264PcmStream(), picture(32, 16, 3), false, DEFAULTS, new int[1]);
    AnnexB.Nal idr = AnnexB.split(au).get(2);
    AnnexB.BitReader r = new AnnexB.BitReader(idr.rbsp());
    assertEquals(0, r.ue(), "first_mb_in_slice");
    assertEquals(7, r.ue(), "slice_type I");
    assertEquals(0, r.ue(), "pic_parameter_set_id");
    assertEquals(0, r.u(4), "frame_num");
    r.ue(); // idr_pic_id
    assertEquals(0, r.u(2), "no_output_of_prior_pics_flag, long_term_reference_flag");
    assertEquals(0, r.se(), "slice_qp_delta");
    assertEquals(1, r.ue(), "disable_deblocking_filter_idc");
    for (int mb = 0; mb < 2; mb++) {
      assertEquals(25, r.ue(), "mb_type I_PCM of macroblock " + mb);
      while (!r.aligned()) {
        assertEquals(0, r.u(1), "pcm_alignment_zero_bit");
      }
      for (int i = 0; i < 384; i++) {
        r.u(8);
      }
    }
    assertEquals(0x80, r.u(8), "rbsp_trailing_bits");
    assertEquals(idr.rbsp().length * 8L, r.position(), "nothing after the trailing bits");
  }

  @Test
  void anUnchangedPictureIsAPSliceOfSkippedMacroblocks() {
    H264PcmStream s = new H264PcmStream();
    Yuv420Picture p = picture(64, 48, 5);
    encode(s, p, false, DEFAULTS, new int[1]);
    int[] flags = new int[1];
    byte[] au = encode(s, p, false, DEFAULTS, flags);
    assertEquals(List.of(1), types(au));
    assertEquals(V4L2_BUF_FLAG_PFRAME, flags[0]);
    AnnexB.BitReader r = new AnnexB.BitReader(AnnexB.split(au).get(0).rbsp());
    assertEquals(0, r.ue());
    assertEquals(5, r.ue(), "slice_type P");
    assertEquals(0, r.ue());
    assertEquals(1, r.u(4), "frame_num follows the IDR's 0");
    assertEquals(0, r.u(1), "num_ref_idx_active_override_flag");
    assertEquals(0, r.u(1), "ref_pic_list_modification_flag_l0");
    assertEquals(0, r.u(1), "adaptive_ref_pic_marking_mode_flag");
    assertEquals(0, r.se());
    assertEquals(1, r.ue());
    assertEquals(12, r.ue(), "mb_skip_run: all 4 x 3 macroblocks");
    assertEquals(1, r.u(1), "rbsp_stop_one_bit");
  }

  @Test
  void aChangedPictureIsANonIdrIntraPicture() {
    H264PcmStream s = new H264PcmStream();
    encode(s, picture(32, 32, 1), false, DEFAULTS, new int[1]);
    int[] flags = new int[1];
    byte[] au = encode(s, picture(32, 32, 2), false, DEFAULTS, flags);
    assertEquals(List.of(1), types(au));
    assertEquals(0, flags[0]);
    assertEquals(2, AnnexB.split(au).get(0).refIdc(), "a reference picture");
  }

  @Test
  void theIdrPeriodMakesEveryNthPictureAKeyFrame() {
    H264PcmStream s = new H264PcmStream();
    H264PcmStream.Settings every3 = new H264PcmStream.Settings(true, 15, false, 3, 1, 30);
    int[] flags = new int[1];
    StringBuilder kinds = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      encode(s, picture(16, 16, i), false, every3, flags);
      kinds.append(flags[0] == V4L2_BUF_FLAG_KEYFRAME ? 'K' : '.');
    }
    assertEquals("K..K..K", kinds.toString());
  }

  @Test
  void aForcedKeyFrameIsAnIdrPictureWithoutHeadersUnlessTheyRepeat() {
    H264PcmStream s = new H264PcmStream();
    Yuv420Picture p = picture(16, 16, 1);
    encode(s, p, false, DEFAULTS, new int[1]);
    assertEquals(List.of(5), types(encode(s, p, true, DEFAULTS, new int[1])));
    H264PcmStream.Settings repeat = new H264PcmStream.Settings(true, 15, true, 0, 1, 30);
    assertEquals(List.of(7, 8, 5), types(encode(s, p, true, repeat, new int[1])));
  }

  @Test
  void consecutiveIdrPicturesHaveDifferentIds() {
    H264PcmStream s = new H264PcmStream();
    Yuv420Picture p = picture(16, 16, 1);
    long[] ids = new long[2];
    for (int i = 0; i < 2; i++) {
      List<AnnexB.Nal> nals = AnnexB.split(encode(s, p, true, DEFAULTS, new int[1]));
      AnnexB.BitReader r = new AnnexB.BitReader(nals.get(nals.size() - 1).rbsp());
      r.ue();
      r.ue();
      r.ue();
      r.u(4);
      ids[i] = r.ue();
    }
    assertTrue(ids[0] != ids[1], "idr_pic_id " + ids[0] + " twice");
  }

  @Test
  void frameNumWrapsAtSixteen() {
    H264PcmStream s = new H264PcmStream();
    int last = -1;
    for (int i = 0; i < 18; i++) {
      byte[] au = encode(s, picture(16, 16, i), false, DEFAULTS, new int[1]);
      List<AnnexB.Nal> nals = AnnexB.split(au);
      AnnexB.BitReader r = new AnnexB.BitReader(nals.get(nals.size() - 1).rbsp());
      r.ue();
      r.ue();
      r.ue();
      last = r.u(4);
    }
    assertEquals(17 % 16, last);
  }

  @Test
  void aResetStartsAnIndependentStream() {
    H264PcmStream s = new H264PcmStream();
    Yuv420Picture p = picture(16, 16, 1);
    encode(s, p, false, DEFAULTS, new int[1]);
    s.reset();
    assertEquals(List.of(7, 8, 5), types(encode(s, p, false, DEFAULTS, new int[1])));
  }

  @Test
  void anAccessUnitThatDoesNotFitLeavesTheStreamAsItWas() {
    H264PcmStream s = new H264PcmStream();
    Yuv420Picture p = picture(32, 32, 1);
    ByteBuffer small = ByteBuffer.allocate(100);
    assertThrows(BufferOverflowException.class, () -> s.encode(p, false, DEFAULTS, small));
    assertEquals(0, small.position());
    assertEquals(List.of(7, 8, 5), types(encode(s, p, false, DEFAULTS, new int[1])));
  }

  @Test
  void level1bIsLevelIdc11WithConstraintSet3() {
    H264PcmStream.Settings l1b =
        new H264PcmStream.Settings(false, H264PcmStream.LEVEL_1B, false, 0, 1, 30);
    byte[] au = encode(new H264PcmStream(), picture(16, 16, 1), false, l1b, new int[1]);
    AnnexB.BitReader r = new AnnexB.BitReader(AnnexB.split(au).get(0).rbsp());
    r.u(8);
    assertEquals(0b100100, r.u(6), "constraint_set0 and set3, not set1 (plain Baseline)");
    r.u(2);
    assertEquals(11, r.u(8));
  }
}
