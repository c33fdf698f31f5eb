/*
 * Layout probe for io.eyetoystreamer.v4l2.abi, compiled against the real <linux/videodev2.h>.
 *
 * Every value the Java library computes (struct sizes, field offsets and sizes, ioctl request
 * numbers) is emitted twice from one list:
 *   - as a global constant "const unsigned int probe_<name> = value;", so that a cross compiler run
 *     with -S yields assembly in which each label "probe_<name>:" is followed by one
 *     .long / .word directive (or .zero / .space for 0). Nothing foreign has to run.
 *   - printed by main() as "<name> <value>" lines when the probe is built for the host and run.
 *
 * Names: sizeof__<struct>, off__<struct>__<path>, size__<struct>__<path> (path dots become "__",
 * an array element's "[i]" becomes "_i"),
 * ioc__<VIDIOC_NAME>, and abi__<type> for the C types whose size depends on the ABI.
 * LayoutProbeTest (src/test/java/.../abi) compiles this file and compares.
 */
#include <stddef.h>
#include <stdio.h>
#include <sys/time.h>
#include <linux/videodev2.h>

#define MEMBER_SIZE(S, M) sizeof(((struct S *)0)->M)

/* X(name, value) for every entry. */
#define PROBE_ENTRIES(X) \
  X(abi__long, sizeof(long)) \
  X(abi__pointer, sizeof(void *)) \
  X(abi__time_t, sizeof(time_t)) \
  X(sizeof__v4l2_capability, sizeof(struct v4l2_capability)) \
  X(sizeof__v4l2_fmtdesc, sizeof(struct v4l2_fmtdesc)) \
  X(sizeof__v4l2_format, sizeof(struct v4l2_format)) \
  X(sizeof__v4l2_requestbuffers, sizeof(struct v4l2_requestbuffers)) \
  X(sizeof__v4l2_buffer, sizeof(struct v4l2_buffer)) \
  X(sizeof__v4l2_streamparm, sizeof(struct v4l2_streamparm)) \
  X(sizeof__v4l2_input, sizeof(struct v4l2_input)) \
  X(sizeof__v4l2_control, sizeof(struct v4l2_control)) \
  X(sizeof__v4l2_queryctrl, sizeof(struct v4l2_queryctrl)) \
  X(sizeof__v4l2_query_ext_ctrl, sizeof(struct v4l2_query_ext_ctrl)) \
  X(sizeof__v4l2_querymenu, sizeof(struct v4l2_querymenu)) \
  X(sizeof__v4l2_ext_control, sizeof(struct v4l2_ext_control)) \
  X(sizeof__v4l2_ext_controls, sizeof(struct v4l2_ext_controls)) \
  X(sizeof__v4l2_frmsizeenum, sizeof(struct v4l2_frmsizeenum)) \
  X(sizeof__v4l2_frmivalenum, sizeof(struct v4l2_frmivalenum)) \
  X(sizeof__v4l2_plane, sizeof(struct v4l2_plane)) \
  X(sizeof__v4l2_encoder_cmd, sizeof(struct v4l2_encoder_cmd)) \
  X(sizeof__v4l2_event_subscription, sizeof(struct v4l2_event_subscription)) \
  X(sizeof__v4l2_event, sizeof(struct v4l2_event)) \
  X(off__v4l2_capability__driver, offsetof(struct v4l2_capability, driver)) \
  X(size__v4l2_capability__driver, MEMBER_SIZE(v4l2_capability, driver)) \
  X(off__v4l2_capability__card, offsetof(struct v4l2_capability, card)) \
  X(size__v4l2_capability__card, MEMBER_SIZE(v4l2_capability, card)) \
  X(off__v4l2_capability__bus_info, offsetof(struct v4l2_capability, bus_info)) \
  X(size__v4l2_capability__bus_info, MEMBER_SIZE(v4l2_capability, bus_info)) \
  X(off__v4l2_capability__version, offsetof(struct v4l2_capability, version)) \
  X(size__v4l2_capability__version, MEMBER_SIZE(v4l2_capability, version)) \
  X(off__v4l2_capability__capabilities, offsetof(struct v4l2_capability, capabilities)) \
  X(size__v4l2_capability__capabilities, MEMBER_SIZE(v4l2_capability, capabilities)) \
  X(off__v4l2_capability__device_caps, offsetof(struct v4l2_capability, device_caps)) \
  X(size__v4l2_capability__device_caps, MEMBER_SIZE(v4l2_capability, device_caps)) \
  X(off__v4l2_capability__reserved, offsetof(struct v4l2_capability, reserved)) \
  X(size__v4l2_capability__reserved, MEMBER_SIZE(v4l2_capability, reserved)) \
  X(off__v4l2_fmtdesc__index, offsetof(struct v4l2_fmtdesc, index)) \
  X(size__v4l2_fmtdesc__index, MEMBER_SIZE(v4l2_fmtdesc, index)) \
  X(off__v4l2_fmtdesc__type, offsetof(struct v4l2_fmtdesc, type)) \
  X(size__v4l2_fmtdesc__type, MEMBER_SIZE(v4l2_fmtdesc, type)) \
  X(off__v4l2_fmtdesc__flags, offsetof(struct v4l2_fmtdesc, flags)) \
  X(size__v4l2_fmtdesc__flags, MEMBER_SIZE(v4l2_fmtdesc, flags)) \
  X(off__v4l2_fmtdesc__description, offsetof(struct v4l2_fmtdesc, description)) \
  X(size__v4l2_fmtdesc__description, MEMBER_SIZE(v4l2_fmtdesc, description)) \
  X(off__v4l2_fmtdesc__pixelformat, offsetof(struct v4l2_fmtdesc, pixelformat)) \
  X(size__v4l2_fmtdesc__pixelformat, MEMBER_SIZE(v4l2_fmtdesc, pixelformat)) \
  X(off__v4l2_fmtdesc__mbus_code, offsetof(struct v4l2_fmtdesc, mbus_code)) \
  X(size__v4l2_fmtdesc__mbus_code, MEMBER_SIZE(v4l2_fmtdesc, mbus_code)) \
  X(off__v4l2_fmtdesc__reserved, offsetof(struct v4l2_fmtdesc, reserved)) \
  X(size__v4l2_fmtdesc__reserved, MEMBER_SIZE(v4l2_fmtdesc, reserved)) \
  X(off__v4l2_format__type, offsetof(struct v4l2_format, type)) \
  X(size__v4l2_format__type, MEMBER_SIZE(v4l2_format, type)) \
  X(off__v4l2_format__fmt, offsetof(struct v4l2_format, fmt)) \
  X(size__v4l2_format__fmt, MEMBER_SIZE(v4l2_format, fmt)) \
  X(off__v4l2_format__fmt__pix, offsetof(struct v4l2_format, fmt.pix)) \
  X(size__v4l2_format__fmt__pix, MEMBER_SIZE(v4l2_format, fmt.pix)) \
  X(off__v4l2_format__fmt__pix__width, offsetof(struct v4l2_format, fmt.pix.width)) \
  X(size__v4l2_format__fmt__pix__width, MEMBER_SIZE(v4l2_format, fmt.pix.width)) \
  X(off__v4l2_format__fmt__pix__height, offsetof(struct v4l2_format, fmt.pix.height)) \
  X(size__v4l2_format__fmt__pix__height, MEMBER_SIZE(v4l2_format, fmt.pix.height)) \
  X(off__v4l2_format__fmt__pix__pixelformat, offsetof(struct v4l2_format, fmt.pix.pixelformat)) \
  X(size__v4l2_format__fmt__pix__pixelformat, MEMBER_SIZE(v4l2_format, fmt.pix.pixelformat)) \
  X(off__v4l2_format__fmt__pix__field, offsetof(struct v4l2_format, fmt.pix.field)) \
  X(size__v4l2_format__fmt__pix__field, MEMBER_SIZE(v4l2_format, fmt.pix.field)) \
  X(off__v4l2_format__fmt__pix__bytesperline, offsetof(struct v4l2_format, fmt.pix.bytesperline)) \
  X(size__v4l2_format__fmt__pix__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix.bytesperline)) \
  X(off__v4l2_format__fmt__pix__sizeimage, offsetof(struct v4l2_format, fmt.pix.sizeimage)) \
  X(size__v4l2_format__fmt__pix__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix.sizeimage)) \
  X(off__v4l2_format__fmt__pix__colorspace, offsetof(struct v4l2_format, fmt.pix.colorspace)) \
  X(size__v4l2_format__fmt__pix__colorspace, MEMBER_SIZE(v4l2_format, fmt.pix.colorspace)) \
  X(off__v4l2_format__fmt__pix__priv, offsetof(struct v4l2_format, fmt.pix.priv)) \
  X(size__v4l2_format__fmt__pix__priv, MEMBER_SIZE(v4l2_format, fmt.pix.priv)) \
  X(off__v4l2_format__fmt__pix__flags, offsetof(struct v4l2_format, fmt.pix.flags)) \
  X(size__v4l2_format__fmt__pix__flags, MEMBER_SIZE(v4l2_format, fmt.pix.flags)) \
  X(off__v4l2_format__fmt__pix__ycbcr_enc, offsetof(struct v4l2_format, fmt.pix.ycbcr_enc)) \
  X(size__v4l2_format__fmt__pix__ycbcr_enc, MEMBER_SIZE(v4l2_format, fmt.pix.ycbcr_enc)) \
  X(off__v4l2_format__fmt__pix__hsv_enc, offsetof(struct v4l2_format, fmt.pix.hsv_enc)) \
  X(size__v4l2_format__fmt__pix__hsv_enc, MEMBER_SIZE(v4l2_format, fmt.pix.hsv_enc)) \
  X(off__v4l2_format__fmt__pix__quantization, offsetof(struct v4l2_format, fmt.pix.quantization)) \
  X(size__v4l2_format__fmt__pix__quantization, MEMBER_SIZE(v4l2_format, fmt.pix.quantization)) \
  X(off__v4l2_format__fmt__pix__xfer_func, offsetof(struct v4l2_format, fmt.pix.xfer_func)) \
  X(size__v4l2_format__fmt__pix__xfer_func, MEMBER_SIZE(v4l2_format, fmt.pix.xfer_func)) \
  X(off__v4l2_format__fmt__pix_mp, offsetof(struct v4l2_format, fmt.pix_mp)) \
  X(size__v4l2_format__fmt__pix_mp, MEMBER_SIZE(v4l2_format, fmt.pix_mp)) \
  X(off__v4l2_format__fmt__pix_mp__width, offsetof(struct v4l2_format, fmt.pix_mp.width)) \
  X(size__v4l2_format__fmt__pix_mp__width, MEMBER_SIZE(v4l2_format, fmt.pix_mp.width)) \
  X(off__v4l2_format__fmt__pix_mp__height, offsetof(struct v4l2_format, fmt.pix_mp.height)) \
  X(size__v4l2_format__fmt__pix_mp__height, MEMBER_SIZE(v4l2_format, fmt.pix_mp.height)) \
  X(off__v4l2_format__fmt__pix_mp__pixelformat, offsetof(struct v4l2_format, fmt.pix_mp.pixelformat)) \
  X(size__v4l2_format__fmt__pix_mp__pixelformat, MEMBER_SIZE(v4l2_format, fmt.pix_mp.pixelformat)) \
  X(off__v4l2_format__fmt__pix_mp__field, offsetof(struct v4l2_format, fmt.pix_mp.field)) \
  X(size__v4l2_format__fmt__pix_mp__field, MEMBER_SIZE(v4l2_format, fmt.pix_mp.field)) \
  X(off__v4l2_format__fmt__pix_mp__colorspace, offsetof(struct v4l2_format, fmt.pix_mp.colorspace)) \
  X(size__v4l2_format__fmt__pix_mp__colorspace, MEMBER_SIZE(v4l2_format, fmt.pix_mp.colorspace)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_0, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[0])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_0, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[0])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_0__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[0].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_0__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[0].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_0__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[0].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_0__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[0].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_0__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[0].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_0__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[0].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_1, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[1])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_1, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[1])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_1__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[1].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_1__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[1].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_1__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[1].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_1__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[1].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_1__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[1].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_1__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[1].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_2, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[2])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_2, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[2])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_2__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[2].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_2__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[2].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_2__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[2].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_2__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[2].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_2__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[2].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_2__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[2].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_3, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[3])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_3, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[3])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_3__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[3].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_3__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[3].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_3__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[3].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_3__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[3].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_3__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[3].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_3__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[3].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_4, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[4])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_4, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[4])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_4__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[4].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_4__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[4].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_4__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[4].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_4__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[4].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_4__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[4].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_4__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[4].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_5, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[5])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_5, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[5])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_5__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[5].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_5__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[5].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_5__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[5].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_5__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[5].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_5__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[5].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_5__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[5].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_6, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[6])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_6, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[6])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_6__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[6].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_6__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[6].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_6__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[6].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_6__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[6].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_6__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[6].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_6__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[6].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_7, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[7])) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_7, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[7])) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_7__sizeimage, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[7].sizeimage)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_7__sizeimage, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[7].sizeimage)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_7__bytesperline, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[7].bytesperline)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_7__bytesperline, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[7].bytesperline)) \
  X(off__v4l2_format__fmt__pix_mp__plane_fmt_7__reserved, offsetof(struct v4l2_format, fmt.pix_mp.plane_fmt[7].reserved)) \
  X(size__v4l2_format__fmt__pix_mp__plane_fmt_7__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.plane_fmt[7].reserved)) \
  X(off__v4l2_format__fmt__pix_mp__num_planes, offsetof(struct v4l2_format, fmt.pix_mp.num_planes)) \
  X(size__v4l2_format__fmt__pix_mp__num_planes, MEMBER_SIZE(v4l2_format, fmt.pix_mp.num_planes)) \
  X(off__v4l2_format__fmt__pix_mp__flags, offsetof(struct v4l2_format, fmt.pix_mp.flags)) \
  X(size__v4l2_format__fmt__pix_mp__flags, MEMBER_SIZE(v4l2_format, fmt.pix_mp.flags)) \
  X(off__v4l2_format__fmt__pix_mp__ycbcr_enc, offsetof(struct v4l2_format, fmt.pix_mp.ycbcr_enc)) \
  X(size__v4l2_format__fmt__pix_mp__ycbcr_enc, MEMBER_SIZE(v4l2_format, fmt.pix_mp.ycbcr_enc)) \
  X(off__v4l2_format__fmt__pix_mp__hsv_enc, offsetof(struct v4l2_format, fmt.pix_mp.hsv_enc)) \
  X(size__v4l2_format__fmt__pix_mp__hsv_enc, MEMBER_SIZE(v4l2_format, fmt.pix_mp.hsv_enc)) \
  X(off__v4l2_format__fmt__pix_mp__quantization, offsetof(struct v4l2_format, fmt.pix_mp.quantization)) \
  X(size__v4l2_format__fmt__pix_mp__quantization, MEMBER_SIZE(v4l2_format, fmt.pix_mp.quantization)) \
  X(off__v4l2_format__fmt__pix_mp__xfer_func, offsetof(struct v4l2_format, fmt.pix_mp.xfer_func)) \
  X(size__v4l2_format__fmt__pix_mp__xfer_func, MEMBER_SIZE(v4l2_format, fmt.pix_mp.xfer_func)) \
  X(off__v4l2_format__fmt__pix_mp__reserved, offsetof(struct v4l2_format, fmt.pix_mp.reserved)) \
  X(size__v4l2_format__fmt__pix_mp__reserved, MEMBER_SIZE(v4l2_format, fmt.pix_mp.reserved)) \
  X(off__v4l2_format__fmt__win, offsetof(struct v4l2_format, fmt.win)) \
  X(size__v4l2_format__fmt__win, MEMBER_SIZE(v4l2_format, fmt.win)) \
  X(off__v4l2_format__fmt__raw_data, offsetof(struct v4l2_format, fmt.raw_data)) \
  X(size__v4l2_format__fmt__raw_data, MEMBER_SIZE(v4l2_format, fmt.raw_data)) \
  X(off__v4l2_requestbuffers__count, offsetof(struct v4l2_requestbuffers, count)) \
  X(size__v4l2_requestbuffers__count, MEMBER_SIZE(v4l2_requestbuffers, count)) \
  X(off__v4l2_requestbuffers__type, offsetof(struct v4l2_requestbuffers, type)) \
  X(size__v4l2_requestbuffers__type, MEMBER_SIZE(v4l2_requestbuffers, type)) \
  X(off__v4l2_requestbuffers__memory, offsetof(struct v4l2_requestbuffers, memory)) \
  X(size__v4l2_requestbuffers__memory, MEMBER_SIZE(v4l2_requestbuffers, memory)) \
  X(off__v4l2_requestbuffers__capabilities, offsetof(struct v4l2_requestbuffers, capabilities)) \
  X(size__v4l2_requestbuffers__capabilities, MEMBER_SIZE(v4l2_requestbuffers, capabilities)) \
  X(off__v4l2_requestbuffers__flags, offsetof(struct v4l2_requestbuffers, flags)) \
  X(size__v4l2_requestbuffers__flags, MEMBER_SIZE(v4l2_requestbuffers, flags)) \
  X(off__v4l2_requestbuffers__reserved, offsetof(struct v4l2_requestbuffers, reserved)) \
  X(size__v4l2_requestbuffers__reserved, MEMBER_SIZE(v4l2_requestbuffers, reserved)) \
  X(off__v4l2_buffer__index, offsetof(struct v4l2_buffer, index)) \
  X(size__v4l2_buffer__index, MEMBER_SIZE(v4l2_buffer, index)) \
  X(off__v4l2_buffer__type, offsetof(struct v4l2_buffer, type)) \
  X(size__v4l2_buffer__type, MEMBER_SIZE(v4l2_buffer, type)) \
  X(off__v4l2_buffer__bytesused, offsetof(struct v4l2_buffer, bytesused)) \
  X(size__v4l2_buffer__bytesused, MEMBER_SIZE(v4l2_buffer, bytesused)) \
  X(off__v4l2_buffer__flags, offsetof(struct v4l2_buffer, flags)) \
  X(size__v4l2_buffer__flags, MEMBER_SIZE(v4l2_buffer, flags)) \
  X(off__v4l2_buffer__field, offsetof(struct v4l2_buffer, field)) \
  X(size__v4l2_buffer__field, MEMBER_SIZE(v4l2_buffer, field)) \
  X(off__v4l2_buffer__timestamp, offsetof(struct v4l2_buffer, timestamp)) \
  X(size__v4l2_buffer__timestamp, MEMBER_SIZE(v4l2_buffer, timestamp)) \
  X(off__v4l2_buffer__timestamp__tv_sec, offsetof(struct v4l2_buffer, timestamp.tv_sec)) \
  X(size__v4l2_buffer__timestamp__tv_sec, MEMBER_SIZE(v4l2_buffer, timestamp.tv_sec)) \
  X(off__v4l2_buffer__timestamp__tv_usec, offsetof(struct v4l2_buffer, timestamp.tv_usec)) \
  X(size__v4l2_buffer__timestamp__tv_usec, MEMBER_SIZE(v4l2_buffer, timestamp.tv_usec)) \
  X(off__v4l2_buffer__timecode, offsetof(struct v4l2_buffer, timecode)) \
  X(size__v4l2_buffer__timecode, MEMBER_SIZE(v4l2_buffer, timecode)) \
  X(off__v4l2_buffer__timecode__type, offsetof(struct v4l2_buffer, timecode.type)) \
  X(size__v4l2_buffer__timecode__type, MEMBER_SIZE(v4l2_buffer, timecode.type)) \
  X(off__v4l2_buffer__timecode__flags, offsetof(struct v4l2_buffer, timecode.flags)) \
  X(size__v4l2_buffer__timecode__flags, MEMBER_SIZE(v4l2_buffer, timecode.flags)) \
  X(off__v4l2_buffer__timecode__frames, offsetof(struct v4l2_buffer, timecode.frames)) \
  X(size__v4l2_buffer__timecode__frames, MEMBER_SIZE(v4l2_buffer, timecode.frames)) \
  X(off__v4l2_buffer__timecode__seconds, offsetof(struct v4l2_buffer, timecode.seconds)) \
  X(size__v4l2_buffer__timecode__seconds, MEMBER_SIZE(v4l2_buffer, timecode.seconds)) \
  X(off__v4l2_buffer__timecode__minutes, offsetof(struct v4l2_buffer, timecode.minutes)) \
  X(size__v4l2_buffer__timecode__minutes, MEMBER_SIZE(v4l2_buffer, timecode.minutes)) \
  X(off__v4l2_buffer__timecode__hours, offsetof(struct v4l2_buffer, timecode.hours)) \
  X(size__v4l2_buffer__timecode__hours, MEMBER_SIZE(v4l2_buffer, timecode.hours)) \
  X(off__v4l2_buffer__timecode__userbits, offsetof(struct v4l2_buffer, timecode.userbits)) \
  X(size__v4l2_buffer__timecode__userbits, MEMBER_SIZE(v4l2_buffer, timecode.userbits)) \
  X(off__v4l2_buffer__sequence, offsetof(struct v4l2_buffer, sequence)) \
  X(size__v4l2_buffer__sequence, MEMBER_SIZE(v4l2_buffer, sequence)) \
  X(off__v4l2_buffer__memory, offsetof(struct v4l2_buffer, memory)) \
  X(size__v4l2_buffer__memory, MEMBER_SIZE(v4l2_buffer, memory)) \
  X(off__v4l2_buffer__m, offsetof(struct v4l2_buffer, m)) \
  X(size__v4l2_buffer__m, MEMBER_SIZE(v4l2_buffer, m)) \
  X(off__v4l2_buffer__m__offset, offsetof(struct v4l2_buffer, m.offset)) \
  X(size__v4l2_buffer__m__offset, MEMBER_SIZE(v4l2_buffer, m.offset)) \
  X(off__v4l2_buffer__m__userptr, offsetof(struct v4l2_buffer, m.userptr)) \
  X(size__v4l2_buffer__m__userptr, MEMBER_SIZE(v4l2_buffer, m.userptr)) \
  X(off__v4l2_buffer__m__planes, offsetof(struct v4l2_buffer, m.planes)) \
  X(size__v4l2_buffer__m__planes, MEMBER_SIZE(v4l2_buffer, m.planes)) \
  X(off__v4l2_buffer__m__fd, offsetof(struct v4l2_buffer, m.fd)) \
  X(size__v4l2_buffer__m__fd, MEMBER_SIZE(v4l2_buffer, m.fd)) \
  X(off__v4l2_buffer__length, offsetof(struct v4l2_buffer, length)) \
  X(size__v4l2_buffer__length, MEMBER_SIZE(v4l2_buffer, length)) \
  X(off__v4l2_buffer__reserved2, offsetof(struct v4l2_buffer, reserved2)) \
  X(size__v4l2_buffer__reserved2, MEMBER_SIZE(v4l2_buffer, reserved2)) \
  X(off__v4l2_buffer__request_fd, offsetof(struct v4l2_buffer, request_fd)) \
  X(size__v4l2_buffer__request_fd, MEMBER_SIZE(v4l2_buffer, request_fd)) \
  X(off__v4l2_buffer__reserved, offsetof(struct v4l2_buffer, reserved)) \
  X(size__v4l2_buffer__reserved, MEMBER_SIZE(v4l2_buffer, reserved)) \
  X(off__v4l2_streamparm__type, offsetof(struct v4l2_streamparm, type)) \
  X(size__v4l2_streamparm__type, MEMBER_SIZE(v4l2_streamparm, type)) \
  X(off__v4l2_streamparm__parm, offsetof(struct v4l2_streamparm, parm)) \
  X(size__v4l2_streamparm__parm, MEMBER_SIZE(v4l2_streamparm, parm)) \
  X(off__v4l2_streamparm__parm__capture, offsetof(struct v4l2_streamparm, parm.capture)) \
  X(size__v4l2_streamparm__parm__capture, MEMBER_SIZE(v4l2_streamparm, parm.capture)) \
  X(off__v4l2_streamparm__parm__capture__capability, offsetof(struct v4l2_streamparm, parm.capture.capability)) \
  X(size__v4l2_streamparm__parm__capture__capability, MEMBER_SIZE(v4l2_streamparm, parm.capture.capability)) \
  X(off__v4l2_streamparm__parm__capture__capturemode, offsetof(struct v4l2_streamparm, parm.capture.capturemode)) \
  X(size__v4l2_streamparm__parm__capture__capturemode, MEMBER_SIZE(v4l2_streamparm, parm.capture.capturemode)) \
  X(off__v4l2_streamparm__parm__capture__timeperframe, offsetof(struct v4l2_streamparm, parm.capture.timeperframe)) \
  X(size__v4l2_streamparm__parm__capture__timeperframe, MEMBER_SIZE(v4l2_streamparm, parm.capture.timeperframe)) \
  X(off__v4l2_streamparm__parm__capture__timeperframe__numerator, offsetof(struct v4l2_streamparm, parm.capture.timeperframe.numerator)) \
  X(size__v4l2_streamparm__parm__capture__timeperframe__numerator, MEMBER_SIZE(v4l2_streamparm, parm.capture.timeperframe.numerator)) \
  X(off__v4l2_streamparm__parm__capture__timeperframe__denominator, offsetof(struct v4l2_streamparm, parm.capture.timeperframe.denominator)) \
  X(size__v4l2_streamparm__parm__capture__timeperframe__denominator, MEMBER_SIZE(v4l2_streamparm, parm.capture.timeperframe.denominator)) \
  X(off__v4l2_streamparm__parm__capture__extendedmode, offsetof(struct v4l2_streamparm, parm.capture.extendedmode)) \
  X(size__v4l2_streamparm__parm__capture__extendedmode, MEMBER_SIZE(v4l2_streamparm, parm.capture.extendedmode)) \
  X(off__v4l2_streamparm__parm__capture__readbuffers, offsetof(struct v4l2_streamparm, parm.capture.readbuffers)) \
  X(size__v4l2_streamparm__parm__capture__readbuffers, MEMBER_SIZE(v4l2_streamparm, parm.capture.readbuffers)) \
  X(off__v4l2_streamparm__parm__capture__reserved, offsetof(struct v4l2_streamparm, parm.capture.reserved)) \
  X(size__v4l2_streamparm__parm__capture__reserved, MEMBER_SIZE(v4l2_streamparm, parm.capture.reserved)) \
  X(off__v4l2_streamparm__parm__output, offsetof(struct v4l2_streamparm, parm.output)) \
  X(size__v4l2_streamparm__parm__output, MEMBER_SIZE(v4l2_streamparm, parm.output)) \
  X(off__v4l2_streamparm__parm__output__capability, offsetof(struct v4l2_streamparm, parm.output.capability)) \
  X(size__v4l2_streamparm__parm__output__capability, MEMBER_SIZE(v4l2_streamparm, parm.output.capability)) \
  X(off__v4l2_streamparm__parm__output__outputmode, offsetof(struct v4l2_streamparm, parm.output.outputmode)) \
  X(size__v4l2_streamparm__parm__output__outputmode, MEMBER_SIZE(v4l2_streamparm, parm.output.outputmode)) \
  X(off__v4l2_streamparm__parm__output__timeperframe, offsetof(struct v4l2_streamparm, parm.output.timeperframe)) \
  X(size__v4l2_streamparm__parm__output__timeperframe, MEMBER_SIZE(v4l2_streamparm, parm.output.timeperframe)) \
  X(off__v4l2_streamparm__parm__output__timeperframe__numerator, offsetof(struct v4l2_streamparm, parm.output.timeperframe.numerator)) \
  X(size__v4l2_streamparm__parm__output__timeperframe__numerator, MEMBER_SIZE(v4l2_streamparm, parm.output.timeperframe.numerator)) \
  X(off__v4l2_streamparm__parm__output__timeperframe__denominator, offsetof(struct v4l2_streamparm, parm.output.timeperframe.denominator)) \
  X(size__v4l2_streamparm__parm__output__timeperframe__denominator, MEMBER_SIZE(v4l2_streamparm, parm.output.timeperframe.denominator)) \
  X(off__v4l2_streamparm__parm__output__extendedmode, offsetof(struct v4l2_streamparm, parm.output.extendedmode)) \
  X(size__v4l2_streamparm__parm__output__extendedmode, MEMBER_SIZE(v4l2_streamparm, parm.output.extendedmode)) \
  X(off__v4l2_streamparm__parm__output__writebuffers, offsetof(struct v4l2_streamparm, parm.output.writebuffers)) \
  X(size__v4l2_streamparm__parm__output__writebuffers, MEMBER_SIZE(v4l2_streamparm, parm.output.writebuffers)) \
  X(off__v4l2_streamparm__parm__output__reserved, offsetof(struct v4l2_streamparm, parm.output.reserved)) \
  X(size__v4l2_streamparm__parm__output__reserved, MEMBER_SIZE(v4l2_streamparm, parm.output.reserved)) \
  X(off__v4l2_streamparm__parm__raw_data, offsetof(struct v4l2_streamparm, parm.raw_data)) \
  X(size__v4l2_streamparm__parm__raw_data, MEMBER_SIZE(v4l2_streamparm, parm.raw_data)) \
  X(off__v4l2_input__index, offsetof(struct v4l2_input, index)) \
  X(size__v4l2_input__index, MEMBER_SIZE(v4l2_input, index)) \
  X(off__v4l2_input__name, offsetof(struct v4l2_input, name)) \
  X(size__v4l2_input__name, MEMBER_SIZE(v4l2_input, name)) \
  X(off__v4l2_input__type, offsetof(struct v4l2_input, type)) \
  X(size__v4l2_input__type, MEMBER_SIZE(v4l2_input, type)) \
  X(off__v4l2_input__audioset, offsetof(struct v4l2_input, audioset)) \
  X(size__v4l2_input__audioset, MEMBER_SIZE(v4l2_input, audioset)) \
  X(off__v4l2_input__tuner, offsetof(struct v4l2_input, tuner)) \
  X(size__v4l2_input__tuner, MEMBER_SIZE(v4l2_input, tuner)) \
  X(off__v4l2_input__std, offsetof(struct v4l2_input, std)) \
  X(size__v4l2_input__std, MEMBER_SIZE(v4l2_input, std)) \
  X(off__v4l2_input__status, offsetof(struct v4l2_input, status)) \
  X(size__v4l2_input__status, MEMBER_SIZE(v4l2_input, status)) \
  X(off__v4l2_input__capabilities, offsetof(struct v4l2_input, capabilities)) \
  X(size__v4l2_input__capabilities, MEMBER_SIZE(v4l2_input, capabilities)) \
  X(off__v4l2_input__reserved, offsetof(struct v4l2_input, reserved)) \
  X(size__v4l2_input__reserved, MEMBER_SIZE(v4l2_input, reserved)) \
  X(off__v4l2_control__id, offsetof(struct v4l2_control, id)) \
  X(size__v4l2_control__id, MEMBER_SIZE(v4l2_control, id)) \
  X(off__v4l2_control__value, offsetof(struct v4l2_control, value)) \
  X(size__v4l2_control__value, MEMBER_SIZE(v4l2_control, value)) \
  X(off__v4l2_queryctrl__id, offsetof(struct v4l2_queryctrl, id)) \
  X(size__v4l2_queryctrl__id, MEMBER_SIZE(v4l2_queryctrl, id)) \
  X(off__v4l2_queryctrl__type, offsetof(struct v4l2_queryctrl, type)) \
  X(size__v4l2_queryctrl__type, MEMBER_SIZE(v4l2_queryctrl, type)) \
  X(off__v4l2_queryctrl__name, offsetof(struct v4l2_queryctrl, name)) \
  X(size__v4l2_queryctrl__name, MEMBER_SIZE(v4l2_queryctrl, name)) \
  X(off__v4l2_queryctrl__minimum, offsetof(struct v4l2_queryctrl, minimum)) \
  X(size__v4l2_queryctrl__minimum, MEMBER_SIZE(v4l2_queryctrl, minimum)) \
  X(off__v4l2_queryctrl__maximum, offsetof(struct v4l2_queryctrl, maximum)) \
  X(size__v4l2_queryctrl__maximum, MEMBER_SIZE(v4l2_queryctrl, maximum)) \
  X(off__v4l2_queryctrl__step, offsetof(struct v4l2_queryctrl, step)) \
  X(size__v4l2_queryctrl__step, MEMBER_SIZE(v4l2_queryctrl, step)) \
  X(off__v4l2_queryctrl__default_value, offsetof(struct v4l2_queryctrl, default_value)) \
  X(size__v4l2_queryctrl__default_value, MEMBER_SIZE(v4l2_queryctrl, default_value)) \
  X(off__v4l2_queryctrl__flags, offsetof(struct v4l2_queryctrl, flags)) \
  X(size__v4l2_queryctrl__flags, MEMBER_SIZE(v4l2_queryctrl, flags)) \
  X(off__v4l2_queryctrl__reserved, offsetof(struct v4l2_queryctrl, reserved)) \
  X(size__v4l2_queryctrl__reserved, MEMBER_SIZE(v4l2_queryctrl, reserved)) \
  X(off__v4l2_query_ext_ctrl__id, offsetof(struct v4l2_query_ext_ctrl, id)) \
  X(size__v4l2_query_ext_ctrl__id, MEMBER_SIZE(v4l2_query_ext_ctrl, id)) \
  X(off__v4l2_query_ext_ctrl__type, offsetof(struct v4l2_query_ext_ctrl, type)) \
  X(size__v4l2_query_ext_ctrl__type, MEMBER_SIZE(v4l2_query_ext_ctrl, type)) \
  X(off__v4l2_query_ext_ctrl__name, offsetof(struct v4l2_query_ext_ctrl, name)) \
  X(size__v4l2_query_ext_ctrl__name, MEMBER_SIZE(v4l2_query_ext_ctrl, name)) \
  X(off__v4l2_query_ext_ctrl__minimum, offsetof(struct v4l2_query_ext_ctrl, minimum)) \
  X(size__v4l2_query_ext_ctrl__minimum, MEMBER_SIZE(v4l2_query_ext_ctrl, minimum)) \
  X(off__v4l2_query_ext_ctrl__maximum, offsetof(struct v4l2_query_ext_ctrl, maximum)) \
  X(size__v4l2_query_ext_ctrl__maximum, MEMBER_SIZE(v4l2_query_ext_ctrl, maximum)) \
  X(off__v4l2_query_ext_ctrl__step, offsetof(struct v4l2_query_ext_ctrl, step)) \
  X(size__v4l2_query_ext_ctrl__step, MEMBER_SIZE(v4l2_query_ext_ctrl, step)) \
  X(off__v4l2_query_ext_ctrl__default_value, offsetof(struct v4l2_query_ext_ctrl, default_value)) \
  X(size__v4l2_query_ext_ctrl__default_value, MEMBER_SIZE(v4l2_query_ext_ctrl, default_value)) \
  X(off__v4l2_query_ext_ctrl__flags, offsetof(struct v4l2_query_ext_ctrl, flags)) \
  X(size__v4l2_query_ext_ctrl__flags, MEMBER_SIZE(v4l2_query_ext_ctrl, flags)) \
  X(off__v4l2_query_ext_ctrl__elem_size, offsetof(struct v4l2_query_ext_ctrl, elem_size)) \
  X(size__v4l2_query_ext_ctrl__elem_size, MEMBER_SIZE(v4l2_query_ext_ctrl, elem_size)) \
  X(off__v4l2_query_ext_ctrl__elems, offsetof(struct v4l2_query_ext_ctrl, elems)) \
  X(size__v4l2_query_ext_ctrl__elems, MEMBER_SIZE(v4l2_query_ext_ctrl, elems)) \
  X(off__v4l2_query_ext_ctrl__nr_of_dims, offsetof(struct v4l2_query_ext_ctrl, nr_of_dims)) \
  X(size__v4l2_query_ext_ctrl__nr_of_dims, MEMBER_SIZE(v4l2_query_ext_ctrl, nr_of_dims)) \
  X(off__v4l2_query_ext_ctrl__dims, offsetof(struct v4l2_query_ext_ctrl, dims)) \
  X(size__v4l2_query_ext_ctrl__dims, MEMBER_SIZE(v4l2_query_ext_ctrl, dims)) \
  X(off__v4l2_query_ext_ctrl__reserved, offsetof(struct v4l2_query_ext_ctrl, reserved)) \
  X(size__v4l2_query_ext_ctrl__reserved, MEMBER_SIZE(v4l2_query_ext_ctrl, reserved)) \
  X(off__v4l2_querymenu__id, offsetof(struct v4l2_querymenu, id)) \
  X(size__v4l2_querymenu__id, MEMBER_SIZE(v4l2_querymenu, id)) \
  X(off__v4l2_querymenu__index, offsetof(struct v4l2_querymenu, index)) \
  X(size__v4l2_querymenu__index, MEMBER_SIZE(v4l2_querymenu, index)) \
  X(off__v4l2_querymenu__name, offsetof(struct v4l2_querymenu, name)) \
  X(size__v4l2_querymenu__name, MEMBER_SIZE(v4l2_querymenu, name)) \
  X(off__v4l2_querymenu__value, offsetof(struct v4l2_querymenu, value)) \
  X(size__v4l2_querymenu__value, MEMBER_SIZE(v4l2_querymenu, value)) \
  X(off__v4l2_querymenu__reserved, offsetof(struct v4l2_querymenu, reserved)) \
  X(size__v4l2_querymenu__reserved, MEMBER_SIZE(v4l2_querymenu, reserved)) \
  X(off__v4l2_ext_control__id, offsetof(struct v4l2_ext_control, id)) \
  X(size__v4l2_ext_control__id, MEMBER_SIZE(v4l2_ext_control, id)) \
  X(off__v4l2_ext_control__size, offsetof(struct v4l2_ext_control, size)) \
  X(size__v4l2_ext_control__size, MEMBER_SIZE(v4l2_ext_control, size)) \
  X(off__v4l2_ext_control__reserved2, offsetof(struct v4l2_ext_control, reserved2)) \
  X(size__v4l2_ext_control__reserved2, MEMBER_SIZE(v4l2_ext_control, reserved2)) \
  X(off__v4l2_ext_control__value, offsetof(struct v4l2_ext_control, value)) \
  X(size__v4l2_ext_control__value, MEMBER_SIZE(v4l2_ext_control, value)) \
  X(off__v4l2_ext_control__value64, offsetof(struct v4l2_ext_control, value64)) \
  X(size__v4l2_ext_control__value64, MEMBER_SIZE(v4l2_ext_control, value64)) \
  X(off__v4l2_ext_control__string, offsetof(struct v4l2_ext_control, string)) \
  X(size__v4l2_ext_control__string, MEMBER_SIZE(v4l2_ext_control, string)) \
  X(off__v4l2_ext_control__ptr, offsetof(struct v4l2_ext_control, ptr)) \
  X(size__v4l2_ext_control__ptr, MEMBER_SIZE(v4l2_ext_control, ptr)) \
  X(off__v4l2_ext_controls__ctrl_class, offsetof(struct v4l2_ext_controls, ctrl_class)) \
  X(size__v4l2_ext_controls__ctrl_class, MEMBER_SIZE(v4l2_ext_controls, ctrl_class)) \
  X(off__v4l2_ext_controls__which, offsetof(struct v4l2_ext_controls, which)) \
  X(size__v4l2_ext_controls__which, MEMBER_SIZE(v4l2_ext_controls, which)) \
  X(off__v4l2_ext_controls__count, offsetof(struct v4l2_ext_controls, count)) \
  X(size__v4l2_ext_controls__count, MEMBER_SIZE(v4l2_ext_controls, count)) \
  X(off__v4l2_ext_controls__error_idx, offsetof(struct v4l2_ext_controls, error_idx)) \
  X(size__v4l2_ext_controls__error_idx, MEMBER_SIZE(v4l2_ext_controls, error_idx)) \
  X(off__v4l2_ext_controls__request_fd, offsetof(struct v4l2_ext_controls, request_fd)) \
  X(size__v4l2_ext_controls__request_fd, MEMBER_SIZE(v4l2_ext_controls, request_fd)) \
  X(off__v4l2_ext_controls__reserved, offsetof(struct v4l2_ext_controls, reserved)) \
  X(size__v4l2_ext_controls__reserved, MEMBER_SIZE(v4l2_ext_controls, reserved)) \
  X(off__v4l2_ext_controls__controls, offsetof(struct v4l2_ext_controls, controls)) \
  X(size__v4l2_ext_controls__controls, MEMBER_SIZE(v4l2_ext_controls, controls)) \
  X(off__v4l2_frmsizeenum__index, offsetof(struct v4l2_frmsizeenum, index)) \
  X(size__v4l2_frmsizeenum__index, MEMBER_SIZE(v4l2_frmsizeenum, index)) \
  X(off__v4l2_frmsizeenum__pixel_format, offsetof(struct v4l2_frmsizeenum, pixel_format)) \
  X(size__v4l2_frmsizeenum__pixel_format, MEMBER_SIZE(v4l2_frmsizeenum, pixel_format)) \
  X(off__v4l2_frmsizeenum__type, offsetof(struct v4l2_frmsizeenum, type)) \
  X(size__v4l2_frmsizeenum__type, MEMBER_SIZE(v4l2_frmsizeenum, type)) \
  X(off__v4l2_frmsizeenum__discrete, offsetof(struct v4l2_frmsizeenum, discrete)) \
  X(size__v4l2_frmsizeenum__discrete, MEMBER_SIZE(v4l2_frmsizeenum, discrete)) \
  X(off__v4l2_frmsizeenum__discrete__width, offsetof(struct v4l2_frmsizeenum, discrete.width)) \
  X(size__v4l2_frmsizeenum__discrete__width, MEMBER_SIZE(v4l2_frmsizeenum, discrete.width)) \
  X(off__v4l2_frmsizeenum__discrete__height, offsetof(struct v4l2_frmsizeenum, discrete.height)) \
  X(size__v4l2_frmsizeenum__discrete__height, MEMBER_SIZE(v4l2_frmsizeenum, discrete.height)) \
  X(off__v4l2_frmsizeenum__stepwise, offsetof(struct v4l2_frmsizeenum, stepwise)) \
  X(size__v4l2_frmsizeenum__stepwise, MEMBER_SIZE(v4l2_frmsizeenum, stepwise)) \
  X(off__v4l2_frmsizeenum__stepwise__min_width, offsetof(struct v4l2_frmsizeenum, stepwise.min_width)) \
  X(size__v4l2_frmsizeenum__stepwise__min_width, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.min_width)) \
  X(off__v4l2_frmsizeenum__stepwise__max_width, offsetof(struct v4l2_frmsizeenum, stepwise.max_width)) \
  X(size__v4l2_frmsizeenum__stepwise__max_width, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.max_width)) \
  X(off__v4l2_frmsizeenum__stepwise__step_width, offsetof(struct v4l2_frmsizeenum, stepwise.step_width)) \
  X(size__v4l2_frmsizeenum__stepwise__step_width, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.step_width)) \
  X(off__v4l2_frmsizeenum__stepwise__min_height, offsetof(struct v4l2_frmsizeenum, stepwise.min_height)) \
  X(size__v4l2_frmsizeenum__stepwise__min_height, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.min_height)) \
  X(off__v4l2_frmsizeenum__stepwise__max_height, offsetof(struct v4l2_frmsizeenum, stepwise.max_height)) \
  X(size__v4l2_frmsizeenum__stepwise__max_height, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.max_height)) \
  X(off__v4l2_frmsizeenum__stepwise__step_height, offsetof(struct v4l2_frmsizeenum, stepwise.step_height)) \
  X(size__v4l2_frmsizeenum__stepwise__step_height, MEMBER_SIZE(v4l2_frmsizeenum, stepwise.step_height)) \
  X(off__v4l2_frmsizeenum__reserved, offsetof(struct v4l2_frmsizeenum, reserved)) \
  X(size__v4l2_frmsizeenum__reserved, MEMBER_SIZE(v4l2_frmsizeenum, reserved)) \
  X(off__v4l2_frmivalenum__index, offsetof(struct v4l2_frmivalenum, index)) \
  X(size__v4l2_frmivalenum__index, MEMBER_SIZE(v4l2_frmivalenum, index)) \
  X(off__v4l2_frmivalenum__pixel_format, offsetof(struct v4l2_frmivalenum, pixel_format)) \
  X(size__v4l2_frmivalenum__pixel_format, MEMBER_SIZE(v4l2_frmivalenum, pixel_format)) \
  X(off__v4l2_frmivalenum__width, offsetof(struct v4l2_frmivalenum, width)) \
  X(size__v4l2_frmivalenum__width, MEMBER_SIZE(v4l2_frmivalenum, width)) \
  X(off__v4l2_frmivalenum__height, offsetof(struct v4l2_frmivalenum, height)) \
  X(size__v4l2_frmivalenum__height, MEMBER_SIZE(v4l2_frmivalenum, height)) \
  X(off__v4l2_frmivalenum__type, offsetof(struct v4l2_frmivalenum, type)) \
  X(size__v4l2_frmivalenum__type, MEMBER_SIZE(v4l2_frmivalenum, type)) \
  X(off__v4l2_frmivalenum__discrete, offsetof(struct v4l2_frmivalenum, discrete)) \
  X(size__v4l2_frmivalenum__discrete, MEMBER_SIZE(v4l2_frmivalenum, discrete)) \
  X(off__v4l2_frmivalenum__discrete__numerator, offsetof(struct v4l2_frmivalenum, discrete.numerator)) \
  X(size__v4l2_frmivalenum__discrete__numerator, MEMBER_SIZE(v4l2_frmivalenum, discrete.numerator)) \
  X(off__v4l2_frmivalenum__discrete__denominator, offsetof(struct v4l2_frmivalenum, discrete.denominator)) \
  X(size__v4l2_frmivalenum__discrete__denominator, MEMBER_SIZE(v4l2_frmivalenum, discrete.denominator)) \
  X(off__v4l2_frmivalenum__stepwise, offsetof(struct v4l2_frmivalenum, stepwise)) \
  X(size__v4l2_frmivalenum__stepwise, MEMBER_SIZE(v4l2_frmivalenum, stepwise)) \
  X(off__v4l2_frmivalenum__stepwise__min, offsetof(struct v4l2_frmivalenum, stepwise.min)) \
  X(size__v4l2_frmivalenum__stepwise__min, MEMBER_SIZE(v4l2_frmivalenum, stepwise.min)) \
  X(off__v4l2_frmivalenum__stepwise__min__numerator, offsetof(struct v4l2_frmivalenum, stepwise.min.numerator)) \
  X(size__v4l2_frmivalenum__stepwise__min__numerator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.min.numerator)) \
  X(off__v4l2_frmivalenum__stepwise__min__denominator, offsetof(struct v4l2_frmivalenum, stepwise.min.denominator)) \
  X(size__v4l2_frmivalenum__stepwise__min__denominator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.min.denominator)) \
  X(off__v4l2_frmivalenum__stepwise__max, offsetof(struct v4l2_frmivalenum, stepwise.max)) \
  X(size__v4l2_frmivalenum__stepwise__max, MEMBER_SIZE(v4l2_frmivalenum, stepwise.max)) \
  X(off__v4l2_frmivalenum__stepwise__max__numerator, offsetof(struct v4l2_frmivalenum, stepwise.max.numerator)) \
  X(size__v4l2_frmivalenum__stepwise__max__numerator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.max.numerator)) \
  X(off__v4l2_frmivalenum__stepwise__max__denominator, offsetof(struct v4l2_frmivalenum, stepwise.max.denominator)) \
  X(size__v4l2_frmivalenum__stepwise__max__denominator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.max.denominator)) \
  X(off__v4l2_frmivalenum__stepwise__step, offsetof(struct v4l2_frmivalenum, stepwise.step)) \
  X(size__v4l2_frmivalenum__stepwise__step, MEMBER_SIZE(v4l2_frmivalenum, stepwise.step)) \
  X(off__v4l2_frmivalenum__stepwise__step__numerator, offsetof(struct v4l2_frmivalenum, stepwise.step.numerator)) \
  X(size__v4l2_frmivalenum__stepwise__step__numerator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.step.numerator)) \
  X(off__v4l2_frmivalenum__stepwise__step__denominator, offsetof(struct v4l2_frmivalenum, stepwise.step.denominator)) \
  X(size__v4l2_frmivalenum__stepwise__step__denominator, MEMBER_SIZE(v4l2_frmivalenum, stepwise.step.denominator)) \
  X(off__v4l2_frmivalenum__reserved, offsetof(struct v4l2_frmivalenum, reserved)) \
  X(size__v4l2_frmivalenum__reserved, MEMBER_SIZE(v4l2_frmivalenum, reserved)) \
  X(off__v4l2_plane__bytesused, offsetof(struct v4l2_plane, bytesused)) \
  X(size__v4l2_plane__bytesused, MEMBER_SIZE(v4l2_plane, bytesused)) \
  X(off__v4l2_plane__length, offsetof(struct v4l2_plane, length)) \
  X(size__v4l2_plane__length, MEMBER_SIZE(v4l2_plane, length)) \
  X(off__v4l2_plane__m, offsetof(struct v4l2_plane, m)) \
  X(size__v4l2_plane__m, MEMBER_SIZE(v4l2_plane, m)) \
  X(off__v4l2_plane__m__mem_offset, offsetof(struct v4l2_plane, m.mem_offset)) \
  X(size__v4l2_plane__m__mem_offset, MEMBER_SIZE(v4l2_plane, m.mem_offset)) \
  X(off__v4l2_plane__m__userptr, offsetof(struct v4l2_plane, m.userptr)) \
  X(size__v4l2_plane__m__userptr, MEMBER_SIZE(v4l2_plane, m.userptr)) \
  X(off__v4l2_plane__m__fd, offsetof(struct v4l2_plane, m.fd)) \
  X(size__v4l2_plane__m__fd, MEMBER_SIZE(v4l2_plane, m.fd)) \
  X(off__v4l2_plane__data_offset, offsetof(struct v4l2_plane, data_offset)) \
  X(size__v4l2_plane__data_offset, MEMBER_SIZE(v4l2_plane, data_offset)) \
  X(off__v4l2_plane__reserved, offsetof(struct v4l2_plane, reserved)) \
  X(size__v4l2_plane__reserved, MEMBER_SIZE(v4l2_plane, reserved)) \
  X(off__v4l2_encoder_cmd__cmd, offsetof(struct v4l2_encoder_cmd, cmd)) \
  X(size__v4l2_encoder_cmd__cmd, MEMBER_SIZE(v4l2_encoder_cmd, cmd)) \
  X(off__v4l2_encoder_cmd__flags, offsetof(struct v4l2_encoder_cmd, flags)) \
  X(size__v4l2_encoder_cmd__flags, MEMBER_SIZE(v4l2_encoder_cmd, flags)) \
  X(off__v4l2_encoder_cmd__raw, offsetof(struct v4l2_encoder_cmd, raw)) \
  X(size__v4l2_encoder_cmd__raw, MEMBER_SIZE(v4l2_encoder_cmd, raw)) \
  X(off__v4l2_encoder_cmd__raw__data, offsetof(struct v4l2_encoder_cmd, raw.data)) \
  X(size__v4l2_encoder_cmd__raw__data, MEMBER_SIZE(v4l2_encoder_cmd, raw.data)) \
  X(off__v4l2_event_subscription__type, offsetof(struct v4l2_event_subscription, type)) \
  X(size__v4l2_event_subscription__type, MEMBER_SIZE(v4l2_event_subscription, type)) \
  X(off__v4l2_event_subscription__id, offsetof(struct v4l2_event_subscription, id)) \
  X(size__v4l2_event_subscription__id, MEMBER_SIZE(v4l2_event_subscription, id)) \
  X(off__v4l2_event_subscription__flags, offsetof(struct v4l2_event_subscription, flags)) \
  X(size__v4l2_event_subscription__flags, MEMBER_SIZE(v4l2_event_subscription, flags)) \
  X(off__v4l2_event_subscription__reserved, offsetof(struct v4l2_event_subscription, reserved)) \
  X(size__v4l2_event_subscription__reserved, MEMBER_SIZE(v4l2_event_subscription, reserved)) \
  X(off__v4l2_event__type, offsetof(struct v4l2_event, type)) \
  X(size__v4l2_event__type, MEMBER_SIZE(v4l2_event, type)) \
  X(off__v4l2_event__u, offsetof(struct v4l2_event, u)) \
  X(size__v4l2_event__u, MEMBER_SIZE(v4l2_event, u)) \
  X(off__v4l2_event__u__ctrl, offsetof(struct v4l2_event, u.ctrl)) \
  X(size__v4l2_event__u__ctrl, MEMBER_SIZE(v4l2_event, u.ctrl)) \
  X(off__v4l2_event__u__src_change, offsetof(struct v4l2_event, u.src_change)) \
  X(size__v4l2_event__u__src_change, MEMBER_SIZE(v4l2_event, u.src_change)) \
  X(off__v4l2_event__u__src_change__changes, offsetof(struct v4l2_event, u.src_change.changes)) \
  X(size__v4l2_event__u__src_change__changes, MEMBER_SIZE(v4l2_event, u.src_change.changes)) \
  X(off__v4l2_event__u__data, offsetof(struct v4l2_event, u.data)) \
  X(size__v4l2_event__u__data, MEMBER_SIZE(v4l2_event, u.data)) \
  X(off__v4l2_event__pending, offsetof(struct v4l2_event, pending)) \
  X(size__v4l2_event__pending, MEMBER_SIZE(v4l2_event, pending)) \
  X(off__v4l2_event__sequence, offsetof(struct v4l2_event, sequence)) \
  X(size__v4l2_event__sequence, MEMBER_SIZE(v4l2_event, sequence)) \
  X(off__v4l2_event__timestamp, offsetof(struct v4l2_event, timestamp)) \
  X(size__v4l2_event__timestamp, MEMBER_SIZE(v4l2_event, timestamp)) \
  X(off__v4l2_event__timestamp__tv_sec, offsetof(struct v4l2_event, timestamp.tv_sec)) \
  X(size__v4l2_event__timestamp__tv_sec, MEMBER_SIZE(v4l2_event, timestamp.tv_sec)) \
  X(off__v4l2_event__timestamp__tv_nsec, offsetof(struct v4l2_event, timestamp.tv_nsec)) \
  X(size__v4l2_event__timestamp__tv_nsec, MEMBER_SIZE(v4l2_event, timestamp.tv_nsec)) \
  X(off__v4l2_event__id, offsetof(struct v4l2_event, id)) \
  X(size__v4l2_event__id, MEMBER_SIZE(v4l2_event, id)) \
  X(off__v4l2_event__reserved, offsetof(struct v4l2_event, reserved)) \
  X(size__v4l2_event__reserved, MEMBER_SIZE(v4l2_event, reserved)) \
  X(ioc__VIDIOC_QUERYCAP, VIDIOC_QUERYCAP) \
  X(ioc__VIDIOC_ENUM_FMT, VIDIOC_ENUM_FMT) \
  X(ioc__VIDIOC_G_FMT, VIDIOC_G_FMT) \
  X(ioc__VIDIOC_S_FMT, VIDIOC_S_FMT) \
  X(ioc__VIDIOC_REQBUFS, VIDIOC_REQBUFS) \
  X(ioc__VIDIOC_QUERYBUF, VIDIOC_QUERYBUF) \
  X(ioc__VIDIOC_QBUF, VIDIOC_QBUF) \
  X(ioc__VIDIOC_DQBUF, VIDIOC_DQBUF) \
  X(ioc__VIDIOC_STREAMON, VIDIOC_STREAMON) \
  X(ioc__VIDIOC_STREAMOFF, VIDIOC_STREAMOFF) \
  X(ioc__VIDIOC_G_PARM, VIDIOC_G_PARM) \
  X(ioc__VIDIOC_S_PARM, VIDIOC_S_PARM) \
  X(ioc__VIDIOC_ENUMINPUT, VIDIOC_ENUMINPUT) \
  X(ioc__VIDIOC_G_CTRL, VIDIOC_G_CTRL) \
  X(ioc__VIDIOC_S_CTRL, VIDIOC_S_CTRL) \
  X(ioc__VIDIOC_QUERYCTRL, VIDIOC_QUERYCTRL) \
  X(ioc__VIDIOC_QUERYMENU, VIDIOC_QUERYMENU) \
  X(ioc__VIDIOC_G_INPUT, VIDIOC_G_INPUT) \
  X(ioc__VIDIOC_TRY_FMT, VIDIOC_TRY_FMT) \
  X(ioc__VIDIOC_G_EXT_CTRLS, VIDIOC_G_EXT_CTRLS) \
  X(ioc__VIDIOC_S_EXT_CTRLS, VIDIOC_S_EXT_CTRLS) \
  X(ioc__VIDIOC_TRY_EXT_CTRLS, VIDIOC_TRY_EXT_CTRLS) \
  X(ioc__VIDIOC_ENUM_FRAMESIZES, VIDIOC_ENUM_FRAMESIZES) \
  X(ioc__VIDIOC_ENUM_FRAMEINTERVALS, VIDIOC_ENUM_FRAMEINTERVALS) \
  X(ioc__VIDIOC_ENCODER_CMD, VIDIOC_ENCODER_CMD) \
  X(ioc__VIDIOC_TRY_ENCODER_CMD, VIDIOC_TRY_ENCODER_CMD) \
  X(ioc__VIDIOC_DQEVENT, VIDIOC_DQEVENT) \
  X(ioc__VIDIOC_SUBSCRIBE_EVENT, VIDIOC_SUBSCRIBE_EVENT) \
  X(ioc__VIDIOC_UNSUBSCRIBE_EVENT, VIDIOC_UNSUBSCRIBE_EVENT) \
  X(ioc__VIDIOC_QUERY_EXT_CTRL, VIDIOC_QUERY_EXT_CTRL)

#define PROBE_CONSTANT(name, value) const unsigned int probe_##name = (unsigned int)(value);
PROBE_ENTRIES(PROBE_CONSTANT)

#define PROBE_ROW(name, value) {#name, (unsigned int)(value)},
static const struct {
  const char *name;
  unsigned int value;
} rows[] = {PROBE_ENTRIES(PROBE_ROW)};

int main(void) {
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    printf("%s %u\n", rows[i].name, rows[i].value);
  }
  return 0;
}
