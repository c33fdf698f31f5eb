/**
 * The V4L2 capture API: find cameras ({@link io.eyetoystreamer.v4l2.V4l2Devices}), open one ({@link
 * io.eyetoystreamer.v4l2.V4l2Device}), negotiate formats and rates, set controls ({@link
 * io.eyetoystreamer.v4l2.Controls}), stream frames ({@link io.eyetoystreamer.v4l2.CaptureStream},
 * {@link io.eyetoystreamer.v4l2.Frame}) and turn them into pictures ({@link
 * io.eyetoystreamer.v4l2.Images}); find and drive mem2mem encoders ({@link
 * io.eyetoystreamer.v4l2.V4l2Devices#encoders()}, {@link io.eyetoystreamer.v4l2.M2mEncoder}, {@link
 * io.eyetoystreamer.v4l2.RawBuffer}, {@link io.eyetoystreamer.v4l2.CodedBuffer}).
 *
 * <p>Errors: misuse (a closed object, a bad argument, every buffer held) is an {@link
 * java.lang.IllegalStateException} or {@link java.lang.IllegalArgumentException}; a failure of the
 * device is a {@link io.eyetoystreamer.v4l2.V4l2Exception} naming the device, the call and the
 * errno. No misuse crashes the JVM.
 *
 * <p>This package is the API; {@link io.eyetoystreamer.v4l2.nativeio} is the service-provider
 * interface for simulated devices. {@code io.eyetoystreamer.v4l2.abi} and {@code
 * io.eyetoystreamer.v4l2.tools} are internal: public only for fake-eyetoy and the command-line
 * tools, not covered by the compatibility check, and may change in any release.
 */
package io.eyetoystreamer.v4l2;
