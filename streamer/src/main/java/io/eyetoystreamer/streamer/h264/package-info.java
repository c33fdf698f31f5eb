/**
 * H.264 encoders behind one interface ({@link io.eyetoystreamer.streamer.h264.H264Encoder}):
 * OpenH264 through JNA, and V4L2 mem2mem hardware encoders through v4l2-api.
 */
package io.eyetoystreamer.streamer.h264;
