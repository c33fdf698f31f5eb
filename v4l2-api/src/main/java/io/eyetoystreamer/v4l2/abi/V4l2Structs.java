package io.eyetoystreamer.v4l2.abi;

import static io.eyetoystreamer.v4l2.abi.Scalar.LONG;
import static io.eyetoystreamer.v4l2.abi.Scalar.POINTER;
import static io.eyetoystreamer.v4l2.abi.Scalar.S32;
import static io.eyetoystreamer.v4l2.abi.Scalar.S64;
import static io.eyetoystreamer.v4l2.abi.Scalar.SUSECONDS_T;
import static io.eyetoystreamer.v4l2.abi.Scalar.TIME_T;
import static io.eyetoystreamer.v4l2.abi.Scalar.U16;
import static io.eyetoystreamer.v4l2.abi.Scalar.U32;
import static io.eyetoystreamer.v4l2.abi.Scalar.U64;
import static io.eyetoystreamer.v4l2.abi.Scalar.U8;
import static io.eyetoystreamer.v4l2.abi.Scalar.ULONG;

import java.util.List;

/**
 * The V4L2 structs this library uses, declared member by member as in the kernel's {@code
 * include/uapi/linux/videodev2.h} (names and order kept, so a field's path here is the C member
 * designator). ABI-independent: get a layout with {@link V4l2Layouts#of(Abi)}.
 *
 * <p>Union alternatives the library never reads are left out when they cannot change the union's
 * size or alignment (e.g. {@code vbi} inside {@code v4l2_format.fmt}, which is smaller than {@code
 * raw_data[200]}), and are declared {@link CStruct#hidden hidden} when they can ({@code win} holds
 * pointers, so it makes {@code fmt} 8-byte aligned on 64-bit ABIs; {@code ctrl} in {@code
 * v4l2_event.u} holds an {@code __s64}, so it makes {@code u} 8-byte aligned everywhere).
 * Immutable.
 */
final class V4l2Structs {
  private V4l2Structs() {}

  /** {@code struct v4l2_capability} (VIDIOC_QUERYCAP). */
  public static final CStruct CAPABILITY =
      CStruct.struct("v4l2_capability")
          .array("driver", U8, 16)
          .array("card", U8, 32)
          .array("bus_info", U8, 32)
          .field("version", U32)
          .field("capabilities", U32)
          .field("device_caps", U32)
          .array("reserved", U32, 3);

  /** {@code struct v4l2_fmtdesc} (VIDIOC_ENUM_FMT). */
  public static final CStruct FMTDESC =
      CStruct.struct("v4l2_fmtdesc")
          .field("index", U32)
          .field("type", U32)
          .field("flags", U32)
          .array("description", U8, 32)
          .field("pixelformat", U32)
          .field("mbus_code", U32)
          .array("reserved", U32, 3);

  /** {@code struct v4l2_pix_format}, the single-planar image format. */
  public static final CStruct PIX_FORMAT =
      CStruct.struct("v4l2_pix_format")
          .field("width", U32)
          .field("height", U32)
          .field("pixelformat", U32)
          .field("field", U32)
          .field("bytesperline", U32)
          .field("sizeimage", U32)
          .field("colorspace", U32)
          .field("priv", U32)
          .field("flags", U32)
          .anonymous(CStruct.union("enc").field("ycbcr_enc", U32).field("hsv_enc", U32))
          .field("quantization", U32)
          .field("xfer_func", U32);

  /** {@code struct v4l2_rect}. */
  public static final CStruct RECT =
      CStruct.struct("v4l2_rect")
          .field("left", S32)
          .field("top", S32)
          .field("width", U32)
          .field("height", U32);

  /** {@code struct v4l2_window} (overlay format; only its pointers matter here, for alignment). */
  public static final CStruct WINDOW =
      CStruct.struct("v4l2_window")
          .field("w", RECT)
          .field("field", U32)
          .field("chromakey", U32)
          .field("clips", POINTER)
          .field("clipcount", U32)
          .field("bitmap", POINTER)
          .field("global_alpha", U8);

  /** {@code struct v4l2_plane_pix_format}, packed: one plane of a multi-planar format. */
  public static final CStruct PLANE_PIX_FORMAT =
      CStruct.struct("v4l2_plane_pix_format")
          .field("sizeimage", U32)
          .field("bytesperline", U32)
          .array("reserved", U16, 6)
          .packed();

  /** {@code struct v4l2_pix_format_mplane}, packed: the multi-planar image format, 192 bytes. */
  public static final CStruct PIX_FORMAT_MPLANE =
      CStruct.struct("v4l2_pix_format_mplane")
          .field("width", U32)
          .field("height", U32)
          .field("pixelformat", U32)
          .field("field", U32)
          .field("colorspace", U32)
          .field("plane_fmt", new CArray(PLANE_PIX_FORMAT, 8))
          .field("num_planes", U8)
          .field("flags", U8)
          .anonymous(CStruct.union("enc").field("ycbcr_enc", U8).field("hsv_enc", U8))
          .field("quantization", U8)
          .field("xfer_func", U8)
          .array("reserved", U8, 7)
          .packed();

  /** {@code struct v4l2_format} (VIDIOC_G_FMT, S_FMT, TRY_FMT). */
  public static final CStruct FORMAT =
      CStruct.struct("v4l2_format")
          .field("type", U32)
          .field(
              "fmt",
              CStruct.union("fmt")
                  .field("pix", PIX_FORMAT)
                  .field("pix_mp", PIX_FORMAT_MPLANE)
                  .hidden("win", WINDOW)
                  .array("raw_data", U8, 200));

  /** {@code struct v4l2_requestbuffers} (VIDIOC_REQBUFS). */
  public static final CStruct REQUESTBUFFERS =
      CStruct.struct("v4l2_requestbuffers")
          .field("count", U32)
          .field("type", U32)
          .field("memory", U32)
          .field("capabilities", U32)
          .field("flags", U8)
          .array("reserved", U8, 3);

  /** {@code struct timeval} as the C library of the ABI defines it. */
  public static final CStruct TIMEVAL =
      CStruct.struct("timeval").field("tv_sec", TIME_T).field("tv_usec", SUSECONDS_T);

  /** {@code struct v4l2_timecode}. */
  public static final CStruct TIMECODE =
      CStruct.struct("v4l2_timecode")
          .field("type", U32)
          .field("flags", U32)
          .field("frames", U8)
          .field("seconds", U8)
          .field("minutes", U8)
          .field("hours", U8)
          .array("userbits", U8, 4);

  /** {@code struct v4l2_buffer} (VIDIOC_QUERYBUF, QBUF, DQBUF): 88 / 68 / 80 bytes. */
  public static final CStruct BUFFER =
      CStruct.struct("v4l2_buffer")
          .field("index", U32)
          .field("type", U32)
          .field("bytesused", U32)
          .field("flags", U32)
          .field("field", U32)
          .field("timestamp", TIMEVAL)
          .field("timecode", TIMECODE)
          .field("sequence", U32)
          .field("memory", U32)
          .field(
              "m",
              CStruct.union("m")
                  .field("offset", U32)
                  .field("userptr", ULONG)
                  .field("planes", POINTER)
                  .field("fd", S32))
          .field("length", U32)
          .field("reserved2", U32)
          .anonymous(CStruct.union("request").field("request_fd", S32).field("reserved", U32));

  /**
   * {@code struct v4l2_plane}: one plane of a multi-planar buffer, in the array {@code
   * v4l2_buffer.m.planes} points to (64 bytes on 64-bit ABIs, 60 on armhf).
   */
  public static final CStruct PLANE =
      CStruct.struct("v4l2_plane")
          .field("bytesused", U32)
          .field("length", U32)
          .field(
              "m",
              CStruct.union("m").field("mem_offset", U32).field("userptr", ULONG).field("fd", S32))
          .field("data_offset", U32)
          .array("reserved", U32, 11);

  /** {@code struct v4l2_fract}. */
  public static final CStruct FRACT =
      CStruct.struct("v4l2_fract").field("numerator", U32).field("denominator", U32);

  /** {@code struct v4l2_captureparm}. */
  public static final CStruct CAPTUREPARM =
      CStruct.struct("v4l2_captureparm")
          .field("capability", U32)
          .field("capturemode", U32)
          .field("timeperframe", FRACT)
          .field("extendedmode", U32)
          .field("readbuffers", U32)
          .array("reserved", U32, 4);

  /** {@code struct v4l2_outputparm}: the frame interval of an output (e.g. an encoder's input). */
  public static final CStruct OUTPUTPARM =
      CStruct.struct("v4l2_outputparm")
          .field("capability", U32)
          .field("outputmode", U32)
          .field("timeperframe", FRACT)
          .field("extendedmode", U32)
          .field("writebuffers", U32)
          .array("reserved", U32, 4);

  /** {@code struct v4l2_streamparm} (VIDIOC_G_PARM, S_PARM). */
  public static final CStruct STREAMPARM =
      CStruct.struct("v4l2_streamparm")
          .field("type", U32)
          .field(
              "parm",
              CStruct.union("parm")
                  .field("capture", CAPTUREPARM)
                  .field("output", OUTPUTPARM)
                  .array("raw_data", U8, 200));

  /** {@code struct v4l2_input} (VIDIOC_ENUMINPUT). */
  public static final CStruct INPUT =
      CStruct.struct("v4l2_input")
          .field("index", U32)
          .array("name", U8, 32)
          .field("type", U32)
          .field("audioset", U32)
          .field("tuner", U32)
          .field("std", U64)
          .field("status", U32)
          .field("capabilities", U32)
          .array("reserved", U32, 3);

  /** {@code struct v4l2_control} (VIDIOC_G_CTRL, S_CTRL). */
  public static final CStruct CONTROL =
      CStruct.struct("v4l2_control").field("id", U32).field("value", S32);

  /** {@code struct v4l2_queryctrl} (VIDIOC_QUERYCTRL). */
  public static final CStruct QUERYCTRL =
      CStruct.struct("v4l2_queryctrl")
          .field("id", U32)
          .field("type", U32)
          .array("name", U8, 32)
          .field("minimum", S32)
          .field("maximum", S32)
          .field("step", S32)
          .field("default_value", S32)
          .field("flags", U32)
          .array("reserved", U32, 2);

  /** {@code struct v4l2_query_ext_ctrl} (VIDIOC_QUERY_EXT_CTRL). */
  public static final CStruct QUERY_EXT_CTRL =
      CStruct.struct("v4l2_query_ext_ctrl")
          .field("id", U32)
          .field("type", U32)
          .array("name", U8, 32)
          .field("minimum", S64)
          .field("maximum", S64)
          .field("step", U64)
          .field("default_value", S64)
          .field("flags", U32)
          .field("elem_size", U32)
          .field("elems", U32)
          .field("nr_of_dims", U32)
          .array("dims", U32, 4)
          .array("reserved", U32, 32);

  /** {@code struct v4l2_querymenu} (VIDIOC_QUERYMENU), packed: 44 bytes everywhere. */
  public static final CStruct QUERYMENU =
      CStruct.struct("v4l2_querymenu")
          .field("id", U32)
          .field("index", U32)
          .anonymous(CStruct.union("item").array("name", U8, 32).field("value", S64))
          .field("reserved", U32)
          .packed();

  /** {@code struct v4l2_ext_control}, packed: 20 bytes everywhere. */
  public static final CStruct EXT_CONTROL =
      CStruct.struct("v4l2_ext_control")
          .field("id", U32)
          .field("size", U32)
          .array("reserved2", U32, 1)
          .anonymous(
              CStruct.union("value")
                  .field("value", S32)
                  .field("value64", S64)
                  .field("string", POINTER)
                  .field("ptr", POINTER))
          .packed();

  /** {@code struct v4l2_ext_controls} (VIDIOC_G_EXT_CTRLS, S_EXT_CTRLS, TRY_EXT_CTRLS). */
  public static final CStruct EXT_CONTROLS =
      CStruct.struct("v4l2_ext_controls")
          .anonymous(CStruct.union("which").field("ctrl_class", U32).field("which", U32))
          .field("count", U32)
          .field("error_idx", U32)
          .field("request_fd", S32)
          .array("reserved", U32, 1)
          .field("controls", POINTER);

  /** {@code struct v4l2_frmsizeenum} (VIDIOC_ENUM_FRAMESIZES). */
  public static final CStruct FRMSIZEENUM =
      CStruct.struct("v4l2_frmsizeenum")
          .field("index", U32)
          .field("pixel_format", U32)
          .field("type", U32)
          .anonymous(
              CStruct.union("size")
                  .field(
                      "discrete",
                      CStruct.struct("v4l2_frmsize_discrete")
                          .field("width", U32)
                          .field("height", U32))
                  .field(
                      "stepwise",
                      CStruct.struct("v4l2_frmsize_stepwise")
                          .field("min_width", U32)
                          .field("max_width", U32)
                          .field("step_width", U32)
                          .field("min_height", U32)
                          .field("max_height", U32)
                          .field("step_height", U32)))
          .array("reserved", U32, 2);

  /** {@code struct v4l2_frmivalenum} (VIDIOC_ENUM_FRAMEINTERVALS). */
  public static final CStruct FRMIVALENUM =
      CStruct.struct("v4l2_frmivalenum")
          .field("index", U32)
          .field("pixel_format", U32)
          .field("width", U32)
          .field("height", U32)
          .field("type", U32)
          .anonymous(
              CStruct.union("interval")
                  .field("discrete", FRACT)
                  .field(
                      "stepwise",
                      CStruct.struct("v4l2_frmival_stepwise")
                          .field("min", FRACT)
                          .field("max", FRACT)
                          .field("step", FRACT)))
          .array("reserved", U32, 2);

  /** {@code struct v4l2_encoder_cmd} (VIDIOC_ENCODER_CMD, TRY_ENCODER_CMD): 40 bytes everywhere. */
  public static final CStruct ENCODER_CMD =
      CStruct.struct("v4l2_encoder_cmd")
          .field("cmd", U32)
          .field("flags", U32)
          .anonymous(CStruct.union("u").field("raw", CStruct.struct("raw").array("data", U32, 8)));

  /** {@code struct v4l2_event_subscription} (VIDIOC_SUBSCRIBE_EVENT, UNSUBSCRIBE_EVENT). */
  public static final CStruct EVENT_SUBSCRIPTION =
      CStruct.struct("v4l2_event_subscription")
          .field("type", U32)
          .field("id", U32)
          .field("flags", U32)
          .array("reserved", U32, 5);

  /**
   * {@code struct timespec} as the C library of the ABI defines it: {@code tv_nsec} is a {@code
   * long}, and with {@code _TIME_BITS=64} on armhf a 4-byte {@code int} followed by 4 bytes of
   * padding, which {@code LONG} (4 bytes there) and the struct's 8-byte alignment reproduce.
   */
  public static final CStruct TIMESPEC =
      CStruct.struct("timespec").field("tv_sec", TIME_T).field("tv_nsec", LONG);

  /** {@code struct v4l2_event_ctrl}: only its {@code __s64} matters here (it aligns the union). */
  public static final CStruct EVENT_CTRL =
      CStruct.struct("v4l2_event_ctrl")
          .field("changes", U32)
          .field("type", U32)
          .anonymous(CStruct.union("value").field("value", S32).field("value64", S64))
          .field("flags", U32)
          .field("minimum", S32)
          .field("maximum", S32)
          .field("step", S32)
          .field("default_value", S32);

  /**
   * {@code struct v4l2_event} (VIDIOC_DQEVENT): 136 bytes on the 64-bit ABIs and armhf with a
   * 64-bit {@code time_t}, 128 on armhf with a 32-bit one (its {@code timespec} is 8 bytes).
   */
  public static final CStruct EVENT =
      CStruct.struct("v4l2_event")
          .field("type", U32)
          .field(
              "u",
              CStruct.union("u")
                  .hidden("ctrl", EVENT_CTRL)
                  .field(
                      "src_change", CStruct.struct("v4l2_event_src_change").field("changes", U32))
                  .array("data", U8, 64))
          .field("pending", U32)
          .field("sequence", U32)
          .field("timestamp", TIMESPEC)
          .field("id", U32)
          .array("reserved", U32, 8);

  /**
   * Returns every top-level struct declared here (the argument types of {@link V4l2Ioctl}), in a
   * stable order.
   *
   * @return an unmodifiable list
   */
  public static List<CStruct> all() {
    return List.of(
        CAPABILITY,
        FMTDESC,
        FORMAT,
        REQUESTBUFFERS,
        BUFFER,
        STREAMPARM,
        INPUT,
        CONTROL,
        QUERYCTRL,
        QUERY_EXT_CTRL,
        QUERYMENU,
        EXT_CONTROL,
        EXT_CONTROLS,
        FRMSIZEENUM,
        FRMIVALENUM,
        PLANE,
        ENCODER_CMD,
        EVENT_SUBSCRIPTION,
        EVENT);
  }
}
