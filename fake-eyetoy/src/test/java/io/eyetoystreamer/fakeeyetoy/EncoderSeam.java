package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MEMORY_MMAP;

import com.sun.jna.Memory;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;

/**
 * Raw calls into a single-planar simulated encoder, struct by struct, for tests of the driver rules
 * the library hides (EPIPE after the last buffer, the poll mask).
 */
final class EncoderSeam {
  static final int OUTPUT = V4L2_BUF_TYPE_VIDEO_OUTPUT;
  static final int CAPTURE = V4L2_BUF_TYPE_VIDEO_CAPTURE;

  final FakeH264Encoder fake =
      new FakeH264Encoder(AbiDetector.current(), FakeH264Encoder.PATH, false);
  final V4l2Layouts layouts = V4l2Layouts.of(fake.abi());
  final int fd = fake.open(FakeH264Encoder.PATH, V4l2Native.O_RDWR | V4l2Native.O_NONBLOCK);

  int call(V4l2Ioctl io, NativeStruct arg) {
    return fake.ioctl(fd, io.request(fake.abi()), arg.pointer());
  }

  int reqbufs(int type, int count) {
    NativeStruct req = NativeStruct.allocate(layouts.requestBuffers());
    req.set("count", count).set("type", type).set("memory", V4L2_MEMORY_MMAP);
    int r = call(V4l2Ioctl.VIDIOC_REQBUFS, req);
    return r < 0 ? r : req.getInt("count");
  }

  NativeStruct buffer(int type, int index) {
    NativeStruct b = NativeStruct.allocate(layouts.buffer());
    b.set("index", index).set("type", type).set("memory", V4L2_MEMORY_MMAP);
    return b;
  }

  int qbuf(int type, int index) {
    return call(V4l2Ioctl.VIDIOC_QBUF, buffer(type, index));
  }

  int dqbuf(NativeStruct b) {
    return call(V4l2Ioctl.VIDIOC_DQBUF, b);
  }

  int stream(int type, boolean on) {
    Memory m = new Memory(4);
    m.setInt(0, type);
    V4l2Ioctl io = on ? V4l2Ioctl.VIDIOC_STREAMON : V4l2Ioctl.VIDIOC_STREAMOFF;
    return fake.ioctl(fd, io.request(fake.abi()), m);
  }

  int command(int cmd) {
    NativeStruct c = NativeStruct.allocate(layouts.encoderCmd());
    c.set("cmd", cmd);
    return call(V4l2Ioctl.VIDIOC_ENCODER_CMD, c);
  }

  int poll(int events) {
    return fake.poll(fd, events, 0);
  }

  /** Buffers on both queues, every CAPTURE buffer queued, both streaming. */
  EncoderSeam streaming(int buffers) {
    reqbufs(OUTPUT, buffers);
    reqbufs(CAPTURE, buffers);
    for (int i = 0; i < buffers; i++) {
      qbuf(CAPTURE, i);
    }
    stream(OUTPUT, true);
    stream(CAPTURE, true);
    return this;
  }
}
