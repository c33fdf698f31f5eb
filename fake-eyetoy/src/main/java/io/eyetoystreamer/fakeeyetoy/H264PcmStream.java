package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_KEYFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_PFRAME;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * The simulated encoder's H.264 bitstream: real, decodable H.264 (ITU-T H.264, 7.3) of the simplest
 * correct kind. Profile {@code profile_idc} 66 (Baseline; {@code constraint_set1_flag} too for
 * Constrained Baseline), CAVLC, one slice per picture, every picture a reference picture, no
 * deblocking ({@code disable_deblocking_filter_idc} 1), {@code pic_order_cnt_type} 2 (output order
 * is decoding order), one reference frame.
 *
 * <ul>
 *   <li>An IDR picture (NAL type 5) or any picture that differs from the one before it is an I
 *       slice of I_PCM macroblocks only ({@code mb_type} 25: the samples as they are, so the coding
 *       is lossless), IDR or non-IDR (NAL type 1).
 *   <li>A picture equal to the one before it is a P slice whose macroblocks are all P_Skip ({@code
 *       mb_skip_run} = every macroblock): a few bytes that repeat the previous picture.
 * </ul>
 *
 * <p>The first picture of a stream, a forced one, and every {@code idrPeriod}-th (when not 0) is an
 * IDR picture; its SPS and PPS go in front of it when it is the stream's first or when headers
 * repeat. Sizes that are not a multiple of 16 are coded in whole macroblocks (padded) and cropped
 * back in the SPS ({@code frame_cropping_flag}). The SPS carries a VUI: BT.601 limited range
 * (video_format 5, primaries, transfer and matrix 6), the frame rate, and a bitstream restriction
 * saying frames are never reordered ({@code max_num_reorder_frames} 0, {@code
 * max_dec_frame_buffering} 1), so a decoder can show each picture at once. Not thread-safe.
 */
final class H264PcmStream {
  /** {@code level_idc} for each {@code V4L2_MPEG_VIDEO_H264_LEVEL_*} menu index (1b is 11). */
  static final int[] LEVEL_IDC = {
    10, 11, 11, 12, 13, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62
  };

  /** Menu index of {@code V4L2_MPEG_VIDEO_H264_LEVEL_1B}, signalled with constraint_set3_flag. */
  static final int LEVEL_1B = 1;

  /** NAL unit types (Table 7-1). */
  static final int NAL_SLICE = 1;

  static final int NAL_IDR = 5;
  static final int NAL_SPS = 7;
  static final int NAL_PPS = 8;

  /** {@code mb_type} of I_PCM in an I slice (Table 7-11). */
  static final int MB_TYPE_I_PCM = 25;

  /** {@code slice_type} 5 and 7: P and I, every slice of the picture the same (Table 7-6). */
  static final int SLICE_P = 5;

  static final int SLICE_I = 7;

  /** {@code log2_max_frame_num_minus4} 0: frame_num has 4 bits and wraps at 16. */
  private static final int MAX_FRAME_NUM = 16;

  /** What the stream is told for the next picture. */
  record Settings(
      boolean constrained,
      int levelIndex,
      boolean repeatHeaders,
      int idrPeriod,
      int fpsNum,
      int fpsDen) {}

  /** What {@link #encode} wrote: its size and the {@code V4L2_BUF_FLAG_*} of the picture. */
  record Coded(int bytes, int flags) {}

  private final BitWriter rbsp = new BitWriter();
  private Yuv420Picture previous;
  private boolean headersSent;
  private int frameNum;
  private int idrPicId;
  private long sinceIdr;

  /** Starts a new, independent stream: the next picture is an IDR with SPS and PPS. */
  void reset() {
    previous = null;
    headersSent = false;
    frameNum = 0;
    sinceIdr = 0;
  }

  /**
   * The most bytes one access unit of a {@code width} x {@code height} picture can take: the
   * headers, and every macroblock as I_PCM with emulation prevention at its worst (one 0x03 for
   * every two bytes of zeros).
   */
  static int maxAccessUnitBytes(int width, int height) {
    long mbs = (long) ((width + 15) / 16) * ((height + 15) / 16);
    long slice = 32 + mbs * (2 + 384);
    long worst = 256 + slice + (slice + 1) / 2;
    return (int) Math.min(Integer.MAX_VALUE, worst);
  }

  /**
   * Codes one picture as one access unit in Annex-B form.
   *
   * @param picture the picture
   * @param forceIdr make it an IDR picture (a key frame) whatever the period says
   * @param settings the controls in force
   * @param out receives the access unit at its position
   * @return its size and flags ({@code KEYFRAME} for IDR, {@code PFRAME} for P, none for non-IDR I)
   * @throws java.nio.BufferOverflowException when {@code out} is too small
   */
  Coded encode(Yuv420Picture picture, boolean forceIdr, Settings settings, ByteBuffer out) {
    int start = out.position();
    boolean changedSize =
        previous != null && (previous.width != picture.width || previous.height != picture.height);
    boolean idr =
        previous == null
            || changedSize
            || forceIdr
            || (settings.idrPeriod() > 0 && sinceIdr >= settings.idrPeriod());
    boolean headers = idr && (!headersSent || settings.repeatHeaders() || changedSize);
    int num = idr ? 0 : (frameNum + 1) % MAX_FRAME_NUM;
    int flags;
    try {
      if (idr) {
        if (headers) {
          writeSps(picture, settings);
          rbsp.writeNal(out, 3, NAL_SPS);
          writePps();
          rbsp.writeNal(out, 3, NAL_PPS);
        }
        writeIntraSlice(picture, true, num);
        rbsp.writeNal(out, 3, NAL_IDR);
        flags = V4L2_BUF_FLAG_KEYFRAME;
      } else {
        if (picture.sameAs(previous)) {
          writeSkipSlice(picture, num);
          flags = V4L2_BUF_FLAG_PFRAME;
        } else {
          writeIntraSlice(picture, false, num);
          flags = 0;
        }
        rbsp.writeNal(out, 2, NAL_SLICE);
      }
    } catch (BufferOverflowException e) {
      out.position(start); // nothing of the picture counts: the stream's state is unchanged
      throw e;
    }
    if (headers) {
      headersSent = true;
    }
    if (idr) {
      idrPicId = (idrPicId + 1) % 65536; // consecutive IDR pictures differ in idr_pic_id
      sinceIdr = 0;
    }
    frameNum = num;
    sinceIdr++;
    previous = picture;
    return new Coded(out.position() - start, flags);
  }

  /** {@code seq_parameter_set_rbsp()} (7.3.2.1.1) with {@code vui_parameters()} (E.1.1). */
  private void writeSps(Yuv420Picture p, Settings s) {
    rbsp.reset();
    rbsp.u(8, 66); // profile_idc: Baseline
    rbsp.flag(true); // constraint_set0_flag: obeys Baseline's constraints
    rbsp.flag(s.constrained()); // constraint_set1_flag: and Main's (Constrained Baseline)
    rbsp.flag(false); // constraint_set2_flag
    rbsp.flag(s.levelIndex() == LEVEL_1B); // constraint_set3_flag: level 1b with level_idc 11
    rbsp.flag(false); // constraint_set4_flag
    rbsp.flag(false); // constraint_set5_flag
    rbsp.u(2, 0); // reserved_zero_2bits
    rbsp.u(8, LEVEL_IDC[s.levelIndex()]); // level_idc
    rbsp.ue(0); // seq_parameter_set_id
    rbsp.ue(0); // log2_max_frame_num_minus4
    rbsp.ue(2); // pic_order_cnt_type
    rbsp.ue(1); // max_num_ref_frames
    rbsp.flag(false); // gaps_in_frame_num_value_allowed_flag
    rbsp.ue(p.mbWidth - 1); // pic_width_in_mbs_minus1
    rbsp.ue(p.mbHeight - 1); // pic_height_in_map_units_minus1
    rbsp.flag(true); // frame_mbs_only_flag
    rbsp.flag(true); // direct_8x8_inference_flag
    int cropRight = (p.mbWidth * 16 - p.width) / 2; // CropUnitX = 2 for 4:2:0
    int cropBottom = (p.mbHeight * 16 - p.height) / 2; // CropUnitY = 2 for frames
    boolean crop = cropRight != 0 || cropBottom != 0;
    rbsp.flag(crop); // frame_cropping_flag
    if (crop) {
      rbsp.ue(0); // frame_crop_left_offset
      rbsp.ue(cropRight); // frame_crop_right_offset
      rbsp.ue(0); // frame_crop_top_offset
      rbsp.ue(cropBottom); // frame_crop_bottom_offset
    }
    rbsp.flag(true); // vui_parameters_present_flag
    rbsp.flag(false); // aspect_ratio_info_present_flag
    rbsp.flag(false); // overscan_info_present_flag
    rbsp.flag(true); // video_signal_type_present_flag
    rbsp.u(3, 5); // video_format: unspecified
    rbsp.flag(false); // video_full_range_flag: 16..235 luma
    rbsp.flag(true); // colour_description_present_flag
    rbsp.u(8, 6); // colour_primaries: SMPTE 170M (BT.601 525)
    rbsp.u(8, 6); // transfer_characteristics: SMPTE 170M
    rbsp.u(8, 6); // matrix_coefficients: SMPTE 170M (BT.601)
    rbsp.flag(false); // chroma_loc_info_present_flag
    rbsp.flag(true); // timing_info_present_flag
    rbsp.u(32, s.fpsNum()); // num_units_in_tick: a frame is two ticks (E.2.1)
    rbsp.u(32, 2L * s.fpsDen()); // time_scale
    rbsp.flag(false); // fixed_frame_rate_flag
    rbsp.flag(false); // nal_hrd_parameters_present_flag
    rbsp.flag(false); // vcl_hrd_parameters_present_flag
    rbsp.flag(false); // pic_struct_present_flag
    rbsp.flag(true); // bitstream_restriction_flag
    rbsp.flag(true); // motion_vectors_over_pic_boundaries_flag
    rbsp.ue(0); // max_bytes_per_pic_denom: no limit
    rbsp.ue(0); // max_bits_per_mb_denom: no limit
    rbsp.ue(15); // log2_max_mv_length_horizontal
    rbsp.ue(15); // log2_max_mv_length_vertical
    rbsp.ue(0); // max_num_reorder_frames
    rbsp.ue(1); // max_dec_frame_buffering
    rbsp.trailingBits();
  }

  /** {@code pic_parameter_set_rbsp()} (7.3.2.2). */
  private void writePps() {
    rbsp.reset();
    rbsp.ue(0); // pic_parameter_set_id
    rbsp.ue(0); // seq_parameter_set_id
    rbsp.flag(false); // entropy_coding_mode_flag: CAVLC
    rbsp.flag(false); // bottom_field_pic_order_in_frame_present_flag
    rbsp.ue(0); // num_slice_groups_minus1
    rbsp.ue(0); // num_ref_idx_l0_default_active_minus1
    rbsp.ue(0); // num_ref_idx_l1_default_active_minus1
    rbsp.flag(false); // weighted_pred_flag
    rbsp.u(2, 0); // weighted_bipred_idc
    rbsp.se(0); // pic_init_qp_minus26
    rbsp.se(0); // pic_init_qs_minus26
    rbsp.se(0); // chroma_qp_index_offset
    rbsp.flag(true); // deblocking_filter_control_present_flag
    rbsp.flag(false); // constrained_intra_pred_flag
    rbsp.flag(false); // redundant_pic_cnt_present_flag
    rbsp.trailingBits();
  }

  /**
   * {@code slice_header()} (7.3.3) for this stream's SPS and PPS: no field or POC syntax (frames
   * only, {@code pic_order_cnt_type} 2), no weighted prediction, CAVLC.
   */
  private void writeSliceHeader(int sliceType, boolean idr, int num) {
    rbsp.ue(0); // first_mb_in_slice
    rbsp.ue(sliceType); // slice_type
    rbsp.ue(0); // pic_parameter_set_id
    rbsp.u(4, num); // frame_num: log2_max_frame_num = 4 bits
    if (idr) {
      rbsp.ue(idrPicId); // idr_pic_id
    }
    if (sliceType == SLICE_P) {
      rbsp.flag(false); // num_ref_idx_active_override_flag
      rbsp.flag(false); // ref_pic_list_modification_flag_l0
    }
    // dec_ref_pic_marking(): nal_ref_idc is never 0 here
    if (idr) {
      rbsp.flag(false); // no_output_of_prior_pics_flag
      rbsp.flag(false); // long_term_reference_flag
    } else {
      rbsp.flag(false); // adaptive_ref_pic_marking_mode_flag: sliding window
    }
    rbsp.se(0); // slice_qp_delta
    rbsp.ue(1); // disable_deblocking_filter_idc: off
  }

  /**
   * An I slice of I_PCM macroblocks (7.3.4, 7.3.5): per macroblock {@code mb_type} ue(v) = 25,
   * {@code pcm_alignment_zero_bit}s, 256 luma samples, then 64 Cb and 64 Cr, each block in raster
   * order.
   */
  private void writeIntraSlice(Yuv420Picture p, boolean idr, int num) {
    rbsp.reset();
    writeSliceHeader(SLICE_I, idr, num);
    byte[] samples = new byte[384];
    int ls = p.lumaStride();
    int cs = p.chromaStride();
    for (int mby = 0; mby < p.mbHeight; mby++) {
      for (int mbx = 0; mbx < p.mbWidth; mbx++) {
        rbsp.ue(MB_TYPE_I_PCM);
        rbsp.alignWithZeros();
        for (int y = 0; y < 16; y++) {
          System.arraycopy(p.luma, (mby * 16 + y) * ls + mbx * 16, samples, y * 16, 16);
        }
        for (int y = 0; y < 8; y++) {
          System.arraycopy(p.cb, (mby * 8 + y) * cs + mbx * 8, samples, 256 + y * 8, 8);
          System.arraycopy(p.cr, (mby * 8 + y) * cs + mbx * 8, samples, 320 + y * 8, 8);
        }
        rbsp.bytes(samples, 0, 384);
      }
    }
    // more_rbsp_data() is false after the last macroblock: the trailing bits follow.
    rbsp.trailingBits();
  }

  /** A P slice whose every macroblock is skipped: {@code mb_skip_run} = PicSizeInMbs (7.3.4). */
  private void writeSkipSlice(Yuv420Picture p, int num) {
    rbsp.reset();
    writeSliceHeader(SLICE_P, false, num);
    rbsp.ue((long) p.mbWidth * p.mbHeight); // mb_skip_run
    rbsp.trailingBits();
  }
}
