package io.eyetoystreamer.v4l2.abi;

/**
 * Constants from {@code linux/videodev2.h} this library and simulated devices use. They are the
 * same on every ABI. Named as in C so they can be looked up in the kernel documentation.
 */
public final class V4l2Constants {
  private V4l2Constants() {}

  // enum v4l2_buf_type, enum v4l2_memory
  /** {@code V4L2_BUF_TYPE_VIDEO_CAPTURE}. */
  public static final int V4L2_BUF_TYPE_VIDEO_CAPTURE = 1;

  /** {@code V4L2_BUF_TYPE_VIDEO_OUTPUT}: frames into the device (a mem2mem device's input). */
  public static final int V4L2_BUF_TYPE_VIDEO_OUTPUT = 2;

  /** {@code V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE}: capture with {@code struct v4l2_plane}s. */
  public static final int V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE = 9;

  /** {@code V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE}: output with {@code struct v4l2_plane}s. */
  public static final int V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE = 10;

  /** {@code VIDEO_MAX_PLANES}: the most planes a multi-planar buffer or format has. */
  public static final int VIDEO_MAX_PLANES = 8;

  /** {@code V4L2_MEMORY_MMAP}. */
  public static final int V4L2_MEMORY_MMAP = 1;

  // enum v4l2_field
  /** {@code V4L2_FIELD_ANY}: the driver chooses. */
  public static final int V4L2_FIELD_ANY = 0;

  /** {@code V4L2_FIELD_NONE}: progressive. */
  public static final int V4L2_FIELD_NONE = 1;

  // struct v4l2_capability capabilities / device_caps
  /** {@code V4L2_CAP_VIDEO_CAPTURE}. */
  public static final int V4L2_CAP_VIDEO_CAPTURE = 0x00000001;

  /** {@code V4L2_CAP_VIDEO_OUTPUT}. */
  public static final int V4L2_CAP_VIDEO_OUTPUT = 0x00000002;

  /** {@code V4L2_CAP_VIDEO_OVERLAY}. */
  public static final int V4L2_CAP_VIDEO_OVERLAY = 0x00000004;

  /** {@code V4L2_CAP_VBI_CAPTURE}. */
  public static final int V4L2_CAP_VBI_CAPTURE = 0x00000010;

  /** {@code V4L2_CAP_VBI_OUTPUT}. */
  public static final int V4L2_CAP_VBI_OUTPUT = 0x00000020;

  /** {@code V4L2_CAP_SLICED_VBI_CAPTURE}. */
  public static final int V4L2_CAP_SLICED_VBI_CAPTURE = 0x00000040;

  /** {@code V4L2_CAP_SLICED_VBI_OUTPUT}. */
  public static final int V4L2_CAP_SLICED_VBI_OUTPUT = 0x00000080;

  /** {@code V4L2_CAP_RDS_CAPTURE}. */
  public static final int V4L2_CAP_RDS_CAPTURE = 0x00000100;

  /** {@code V4L2_CAP_VIDEO_OUTPUT_OVERLAY}. */
  public static final int V4L2_CAP_VIDEO_OUTPUT_OVERLAY = 0x00000200;

  /** {@code V4L2_CAP_HW_FREQ_SEEK}. */
  public static final int V4L2_CAP_HW_FREQ_SEEK = 0x00000400;

  /** {@code V4L2_CAP_RDS_OUTPUT}. */
  public static final int V4L2_CAP_RDS_OUTPUT = 0x00000800;

  /** {@code V4L2_CAP_VIDEO_CAPTURE_MPLANE}. */
  public static final int V4L2_CAP_VIDEO_CAPTURE_MPLANE = 0x00001000;

  /** {@code V4L2_CAP_VIDEO_OUTPUT_MPLANE}. */
  public static final int V4L2_CAP_VIDEO_OUTPUT_MPLANE = 0x00002000;

  /** {@code V4L2_CAP_VIDEO_M2M_MPLANE}: a memory-to-memory device (codec, scaler). */
  public static final int V4L2_CAP_VIDEO_M2M_MPLANE = 0x00004000;

  /** {@code V4L2_CAP_VIDEO_M2M}: a memory-to-memory device (codec, scaler). */
  public static final int V4L2_CAP_VIDEO_M2M = 0x00008000;

  /** {@code V4L2_CAP_TUNER}. */
  public static final int V4L2_CAP_TUNER = 0x00010000;

  /** {@code V4L2_CAP_AUDIO}. */
  public static final int V4L2_CAP_AUDIO = 0x00020000;

  /** {@code V4L2_CAP_RADIO}. */
  public static final int V4L2_CAP_RADIO = 0x00040000;

  /** {@code V4L2_CAP_MODULATOR}. */
  public static final int V4L2_CAP_MODULATOR = 0x00080000;

  /** {@code V4L2_CAP_SDR_CAPTURE}. */
  public static final int V4L2_CAP_SDR_CAPTURE = 0x00100000;

  /** {@code V4L2_CAP_EXT_PIX_FORMAT}. */
  public static final int V4L2_CAP_EXT_PIX_FORMAT = 0x00200000;

  /** {@code V4L2_CAP_SDR_OUTPUT}. */
  public static final int V4L2_CAP_SDR_OUTPUT = 0x00400000;

  /** {@code V4L2_CAP_META_CAPTURE}: a metadata node, not video. */
  public static final int V4L2_CAP_META_CAPTURE = 0x00800000;

  /** {@code V4L2_CAP_READWRITE}. */
  public static final int V4L2_CAP_READWRITE = 0x01000000;

  /** {@code V4L2_CAP_STREAMING}. */
  public static final int V4L2_CAP_STREAMING = 0x04000000;

  /** {@code V4L2_CAP_META_OUTPUT}. */
  public static final int V4L2_CAP_META_OUTPUT = 0x08000000;

  /** {@code V4L2_CAP_TOUCH}. */
  public static final int V4L2_CAP_TOUCH = 0x10000000;

  /** {@code V4L2_CAP_IO_MC}. */
  public static final int V4L2_CAP_IO_MC = 0x20000000;

  /** {@code V4L2_CAP_DEVICE_CAPS}: the {@code device_caps} field is valid. */
  public static final int V4L2_CAP_DEVICE_CAPS = 0x80000000;

  // struct v4l2_fmtdesc flags
  /** {@code V4L2_FMT_FLAG_COMPRESSED}: frames vary in size (MJPEG, H.264). */
  public static final int V4L2_FMT_FLAG_COMPRESSED = 0x0001;

  /** {@code V4L2_FMT_FLAG_EMULATED}: converted in software (libv4l). */
  public static final int V4L2_FMT_FLAG_EMULATED = 0x0002;

  // enum v4l2_frmsizetypes, enum v4l2_frmivaltypes
  /** {@code V4L2_FRMSIZE_TYPE_DISCRETE} and {@code V4L2_FRMIVAL_TYPE_DISCRETE}. */
  public static final int V4L2_FRMSIZE_TYPE_DISCRETE = 1;

  /** {@code V4L2_FRMSIZE_TYPE_CONTINUOUS} and {@code V4L2_FRMIVAL_TYPE_CONTINUOUS}. */
  public static final int V4L2_FRMSIZE_TYPE_CONTINUOUS = 2;

  /** {@code V4L2_FRMSIZE_TYPE_STEPWISE} and {@code V4L2_FRMIVAL_TYPE_STEPWISE}. */
  public static final int V4L2_FRMSIZE_TYPE_STEPWISE = 3;

  // struct v4l2_captureparm capability
  /** {@code V4L2_CAP_TIMEPERFRAME}: the frame interval can be set. */
  public static final int V4L2_CAP_TIMEPERFRAME = 0x1000;

  // struct v4l2_buffer flags
  /** {@code V4L2_BUF_FLAG_MAPPED}. */
  public static final int V4L2_BUF_FLAG_MAPPED = 0x00000001;

  /** {@code V4L2_BUF_FLAG_QUEUED}. */
  public static final int V4L2_BUF_FLAG_QUEUED = 0x00000002;

  /** {@code V4L2_BUF_FLAG_DONE}. */
  public static final int V4L2_BUF_FLAG_DONE = 0x00000004;

  /** {@code V4L2_BUF_FLAG_KEYFRAME}. */
  public static final int V4L2_BUF_FLAG_KEYFRAME = 0x00000008;

  /** {@code V4L2_BUF_FLAG_PFRAME}: a coded buffer holds a predicted frame. */
  public static final int V4L2_BUF_FLAG_PFRAME = 0x00000010;

  /** {@code V4L2_BUF_FLAG_BFRAME}: a coded buffer holds a bi-directionally predicted frame. */
  public static final int V4L2_BUF_FLAG_BFRAME = 0x00000020;

  /** {@code V4L2_BUF_FLAG_ERROR}: the data may be corrupt. */
  public static final int V4L2_BUF_FLAG_ERROR = 0x00000040;

  /** {@code V4L2_BUF_FLAG_LAST}: the last buffer of a drained mem2mem stream. */
  public static final int V4L2_BUF_FLAG_LAST = 0x00100000;

  /** {@code V4L2_BUF_FLAG_TIMESTAMP_MASK}. */
  public static final int V4L2_BUF_FLAG_TIMESTAMP_MASK = 0x0000e000;

  /** {@code V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN}. */
  public static final int V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN = 0x00000000;

  /** {@code V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC}: the timestamp is {@code CLOCK_MONOTONIC}. */
  public static final int V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC = 0x00002000;

  /** {@code V4L2_BUF_FLAG_TIMESTAMP_COPY}. */
  public static final int V4L2_BUF_FLAG_TIMESTAMP_COPY = 0x00004000;

  /** {@code V4L2_BUF_FLAG_TSTAMP_SRC_SOE}: timestamp taken at start of exposure. */
  public static final int V4L2_BUF_FLAG_TSTAMP_SRC_SOE = 0x00010000;

  // enum v4l2_ctrl_type
  /** {@code V4L2_CTRL_TYPE_INTEGER}. */
  public static final int V4L2_CTRL_TYPE_INTEGER = 1;

  /** {@code V4L2_CTRL_TYPE_BOOLEAN}. */
  public static final int V4L2_CTRL_TYPE_BOOLEAN = 2;

  /** {@code V4L2_CTRL_TYPE_MENU}. */
  public static final int V4L2_CTRL_TYPE_MENU = 3;

  /** {@code V4L2_CTRL_TYPE_BUTTON}. */
  public static final int V4L2_CTRL_TYPE_BUTTON = 4;

  /** {@code V4L2_CTRL_TYPE_INTEGER64}. */
  public static final int V4L2_CTRL_TYPE_INTEGER64 = 5;

  /** {@code V4L2_CTRL_TYPE_CTRL_CLASS}. */
  public static final int V4L2_CTRL_TYPE_CTRL_CLASS = 6;

  /** {@code V4L2_CTRL_TYPE_STRING}. */
  public static final int V4L2_CTRL_TYPE_STRING = 7;

  /** {@code V4L2_CTRL_TYPE_BITMASK}. */
  public static final int V4L2_CTRL_TYPE_BITMASK = 8;

  /** {@code V4L2_CTRL_TYPE_INTEGER_MENU}. */
  public static final int V4L2_CTRL_TYPE_INTEGER_MENU = 9;

  // control flags
  /** {@code V4L2_CTRL_FLAG_DISABLED}. */
  public static final int V4L2_CTRL_FLAG_DISABLED = 0x0001;

  /** {@code V4L2_CTRL_FLAG_GRABBED}. */
  public static final int V4L2_CTRL_FLAG_GRABBED = 0x0002;

  /** {@code V4L2_CTRL_FLAG_READ_ONLY}. */
  public static final int V4L2_CTRL_FLAG_READ_ONLY = 0x0004;

  /** {@code V4L2_CTRL_FLAG_UPDATE}. */
  public static final int V4L2_CTRL_FLAG_UPDATE = 0x0008;

  /** {@code V4L2_CTRL_FLAG_INACTIVE}. */
  public static final int V4L2_CTRL_FLAG_INACTIVE = 0x0010;

  /** {@code V4L2_CTRL_FLAG_SLIDER}. */
  public static final int V4L2_CTRL_FLAG_SLIDER = 0x0020;

  /** {@code V4L2_CTRL_FLAG_WRITE_ONLY}. */
  public static final int V4L2_CTRL_FLAG_WRITE_ONLY = 0x0040;

  /** {@code V4L2_CTRL_FLAG_VOLATILE}. */
  public static final int V4L2_CTRL_FLAG_VOLATILE = 0x0080;

  /** {@code V4L2_CTRL_FLAG_HAS_PAYLOAD}. */
  public static final int V4L2_CTRL_FLAG_HAS_PAYLOAD = 0x0100;

  /** {@code V4L2_CTRL_FLAG_EXECUTE_ON_WRITE}. */
  public static final int V4L2_CTRL_FLAG_EXECUTE_ON_WRITE = 0x0200;

  /** {@code V4L2_CTRL_FLAG_MODIFY_LAYOUT}. */
  public static final int V4L2_CTRL_FLAG_MODIFY_LAYOUT = 0x0400;

  /** {@code V4L2_CTRL_FLAG_NEXT_CTRL}: OR into an id to query the next control. */
  public static final int V4L2_CTRL_FLAG_NEXT_CTRL = 0x80000000;

  /** {@code V4L2_CTRL_FLAG_NEXT_COMPOUND}. */
  public static final int V4L2_CTRL_FLAG_NEXT_COMPOUND = 0x40000000;

  /** {@code V4L2_CTRL_WHICH_CUR_VAL}: get or set current values. */
  public static final int V4L2_CTRL_WHICH_CUR_VAL = 0;

  /** {@code V4L2_CID_BASE}: the first user control ({@code brightness}). */
  public static final int V4L2_CID_BASE = 0x00980900;

  // enum v4l2_input type and status
  /** {@code V4L2_INPUT_TYPE_TUNER}. */
  public static final int V4L2_INPUT_TYPE_TUNER = 1;

  /** {@code V4L2_INPUT_TYPE_CAMERA}. */
  public static final int V4L2_INPUT_TYPE_CAMERA = 2;

  /** {@code V4L2_IN_ST_NO_POWER}. */
  public static final int V4L2_IN_ST_NO_POWER = 0x00000001;

  /** {@code V4L2_IN_ST_NO_SIGNAL}. */
  public static final int V4L2_IN_ST_NO_SIGNAL = 0x00000002;

  /** {@code V4L2_IN_ST_NO_COLOR}. */
  public static final int V4L2_IN_ST_NO_COLOR = 0x00000004;

  // encoder commands (struct v4l2_encoder_cmd)
  /** {@code V4L2_ENC_CMD_START}: resume encoding after a drain. */
  public static final int V4L2_ENC_CMD_START = 0;

  /** {@code V4L2_ENC_CMD_STOP}: drain, then stop. */
  public static final int V4L2_ENC_CMD_STOP = 1;

  /** {@code V4L2_ENC_CMD_PAUSE}. */
  public static final int V4L2_ENC_CMD_PAUSE = 2;

  /** {@code V4L2_ENC_CMD_RESUME}. */
  public static final int V4L2_ENC_CMD_RESUME = 3;

  /** {@code V4L2_ENC_CMD_STOP_AT_GOP_END}: a flag of {@code V4L2_ENC_CMD_STOP}. */
  public static final int V4L2_ENC_CMD_STOP_AT_GOP_END = 1;

  // events
  /** {@code V4L2_EVENT_ALL}: with VIDIOC_UNSUBSCRIBE_EVENT, every subscription. */
  public static final int V4L2_EVENT_ALL = 0;

  /** {@code V4L2_EVENT_EOS}: the last buffer of a drain is ready. */
  public static final int V4L2_EVENT_EOS = 2;

  /** {@code V4L2_EVENT_CTRL}: a control changed. */
  public static final int V4L2_EVENT_CTRL = 3;

  /** {@code V4L2_EVENT_SOURCE_CHANGE}: the source (a decoder's stream) changed resolution. */
  public static final int V4L2_EVENT_SOURCE_CHANGE = 5;

  /** {@code V4L2_EVENT_SRC_CH_RESOLUTION}: a bit of {@code src_change.changes}. */
  public static final int V4L2_EVENT_SRC_CH_RESOLUTION = 1;

  /** {@code V4L2_EVENT_SUB_FL_SEND_INITIAL}. */
  public static final int V4L2_EVENT_SUB_FL_SEND_INITIAL = 1;

  /** {@code V4L2_EVENT_SUB_FL_ALLOW_FEEDBACK}. */
  public static final int V4L2_EVENT_SUB_FL_ALLOW_FEEDBACK = 2;

  // codec controls (linux/v4l2-controls.h)
  /** {@code V4L2_CTRL_CLASS_CODEC}: the class of stateful codec controls. */
  public static final int V4L2_CTRL_CLASS_CODEC = 0x00990000;

  /** {@code V4L2_CID_CODEC_CLASS}: the class heading "Codec Controls". */
  public static final int V4L2_CID_CODEC_CLASS = 0x00990001;

  /** {@code V4L2_CID_CODEC_BASE}: the first codec control id. */
  public static final int V4L2_CID_CODEC_BASE = 0x00990900;

  /** {@code V4L2_CID_MPEG_VIDEO_GOP_SIZE} ("Video GOP Size"). */
  public static final int V4L2_CID_MPEG_VIDEO_GOP_SIZE = V4L2_CID_CODEC_BASE + 203;

  /** {@code V4L2_CID_MPEG_VIDEO_BITRATE_MODE} ("Video Bitrate Mode"). */
  public static final int V4L2_CID_MPEG_VIDEO_BITRATE_MODE = V4L2_CID_CODEC_BASE + 206;

  /** {@code V4L2_CID_MPEG_VIDEO_BITRATE} ("Video Bitrate"), bits per second. */
  public static final int V4L2_CID_MPEG_VIDEO_BITRATE = V4L2_CID_CODEC_BASE + 207;

  /** {@code V4L2_CID_MPEG_VIDEO_HEADER_MODE} ("Sequence Header Mode"). */
  public static final int V4L2_CID_MPEG_VIDEO_HEADER_MODE = V4L2_CID_CODEC_BASE + 216;

  /** {@code V4L2_CID_MPEG_VIDEO_REPEAT_SEQ_HEADER} ("Repeat Sequence Header"). */
  public static final int V4L2_CID_MPEG_VIDEO_REPEAT_SEQ_HEADER = V4L2_CID_CODEC_BASE + 226;

  /** {@code V4L2_CID_MPEG_VIDEO_FORCE_KEY_FRAME} ("Force Key Frame"), a button. */
  public static final int V4L2_CID_MPEG_VIDEO_FORCE_KEY_FRAME = V4L2_CID_CODEC_BASE + 229;

  /** {@code V4L2_CID_MPEG_VIDEO_H264_I_PERIOD} ("H264 I-Frame Period"), frames. */
  public static final int V4L2_CID_MPEG_VIDEO_H264_I_PERIOD = V4L2_CID_CODEC_BASE + 358;

  /** {@code V4L2_CID_MPEG_VIDEO_H264_LEVEL} ("H264 Level"), a menu. */
  public static final int V4L2_CID_MPEG_VIDEO_H264_LEVEL = V4L2_CID_CODEC_BASE + 359;

  /** {@code V4L2_CID_MPEG_VIDEO_H264_PROFILE} ("H264 Profile"), a menu. */
  public static final int V4L2_CID_MPEG_VIDEO_H264_PROFILE = V4L2_CID_CODEC_BASE + 363;

  /** {@code V4L2_MPEG_VIDEO_H264_PROFILE_BASELINE}. */
  public static final int V4L2_MPEG_VIDEO_H264_PROFILE_BASELINE = 0;

  /** {@code V4L2_MPEG_VIDEO_H264_PROFILE_CONSTRAINED_BASELINE}. */
  public static final int V4L2_MPEG_VIDEO_H264_PROFILE_CONSTRAINED_BASELINE = 1;

  /** {@code V4L2_CID_MIN_BUFFERS_FOR_OUTPUT} ("Min Number of Output Buffers"). */
  public static final int V4L2_CID_MIN_BUFFERS_FOR_OUTPUT = V4L2_CID_BASE + 40;
}
