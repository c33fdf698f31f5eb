package io.eyetoystreamer.fakeeyetoy;

import com.sun.jna.Memory;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;

/** Raw calls into a fake, struct by struct, for tests of driver rules the library hides. */
final class Seam {
  final FakeEyetoy fake;
  final Abi abi;
  final V4l2Layouts layouts;

  Seam(FakeEyetoy fake) {
    this.fake = fake;
    this.abi = fake.abi();
    this.layouts = V4l2Layouts.of(abi);
  }

  int open(boolean nonBlocking) {
    return fake.open(
        FakeEyetoy.PATH, V4l2Native.O_RDWR | (nonBlocking ? V4l2Native.O_NONBLOCK : 0));
  }

  NativeStruct struct(StructLayout layout) {
    return NativeStruct.allocate(layout);
  }

  int call(int fd, V4l2Ioctl io, NativeStruct arg) {
    return fake.ioctl(fd, io.request(abi), arg.pointer());
  }

  int reqbufs(int fd, int count) {
    NativeStruct req = struct(layouts.requestBuffers());
    req.set("count", count)
        .set("type", V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE)
        .set("memory", V4l2Constants.V4L2_MEMORY_MMAP);
    int r = call(fd, V4l2Ioctl.VIDIOC_REQBUFS, req);
    return r < 0 ? r : req.getInt("count");
  }

  NativeStruct buffer(int index) {
    NativeStruct b = struct(layouts.buffer());
    b.set("index", index)
        .set("type", V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE)
        .set("memory", V4l2Constants.V4L2_MEMORY_MMAP);
    return b;
  }

  int qbuf(int fd, int index) {
    return call(fd, V4l2Ioctl.VIDIOC_QBUF, buffer(index));
  }

  int querybuf(int fd, NativeStruct b) {
    return call(fd, V4l2Ioctl.VIDIOC_QUERYBUF, b);
  }

  int dqbuf(int fd, NativeStruct b) {
    return call(fd, V4l2Ioctl.VIDIOC_DQBUF, b);
  }

  int streamon(int fd) {
    return fake.ioctl(fd, V4l2Ioctl.VIDIOC_STREAMON.request(abi), type());
  }

  int streamoff(int fd) {
    return fake.ioctl(fd, V4l2Ioctl.VIDIOC_STREAMOFF.request(abi), type());
  }

  /** Maps buffer {@code index} as the library would; returns the address or -errno. */
  long mmap(int fd, int index) {
    NativeStruct b = buffer(index);
    int r = querybuf(fd, b);
    if (r < 0) {
      return r;
    }
    return fake.mmap(
        b.get("length"),
        V4l2Native.PROT_READ | V4l2Native.PROT_WRITE,
        V4l2Native.MAP_SHARED,
        fd,
        b.get("m.offset"));
  }

  private static Memory type() {
    Memory m = new Memory(4);
    m.setInt(0, V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE);
    return m;
  }
}
