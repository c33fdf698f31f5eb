package io.eyetoystreamer.streamer;

import com.sun.jna.Pointer;
import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.streamer.capture.CameraSource;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.List;

/**
 * The simulated Eyetoy with two quirks of other drivers, added below the native seam: sharpness is
 * read-only (as a driver says of a control it only reports, and refuses writes with EACCES), and
 * the driver answers EBUSY to any write of contrast (as for a control grabbed while streaming), so
 * that a request's later value can fail after earlier ones were set.
 */
final class QuirkyCamera implements V4l2Native, CameraSource {
  static final int SHARPNESS = 0x0098091b;
  static final int CONTRAST = 0x00980901;

  final FakeEyetoy fake = new FakeEyetoy();
  private final V4l2Layouts layouts = V4l2Layouts.of(fake.abi());

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public V4l2Device open() {
    return V4l2Device.open(fake.path(), this);
  }

  @Override
  public Abi abi() {
    return fake.abi();
  }

  @Override
  public int open(String path, int flags) {
    return fake.open(path, flags);
  }

  @Override
  public int close(int fd) {
    return fake.close(fd);
  }

  @Override
  public int ioctl(int fd, int request, Pointer arg) {
    V4l2Ioctl io = V4l2Ioctl.decode(fake.abi(), request).orElse(null);
    if (io == V4l2Ioctl.VIDIOC_S_EXT_CTRLS || io == V4l2Ioctl.VIDIOC_TRY_EXT_CTRLS) {
      NativeStruct all = NativeStruct.wrap(layouts.extControls(), arg);
      Pointer array = new Pointer(all.get("controls"));
      for (int i = 0; i < all.getInt("count"); i++) {
        long id =
            NativeStruct.wrap(
                    layouts.extControl(), array.share((long) i * layouts.extControl().size()))
                .get("id");
        if (id == SHARPNESS) {
          return -Errno.EACCES;
        }
        if (id == CONTRAST && io == V4l2Ioctl.VIDIOC_S_EXT_CTRLS) {
          return -Errno.EBUSY;
        }
      }
    }
    int r = fake.ioctl(fd, request, arg);
    if (r == 0 && (io == V4l2Ioctl.VIDIOC_QUERY_EXT_CTRL || io == V4l2Ioctl.VIDIOC_QUERYCTRL)) {
      NativeStruct q =
          NativeStruct.wrap(
              io == V4l2Ioctl.VIDIOC_QUERY_EXT_CTRL ? layouts.queryExtCtrl() : layouts.queryCtrl(),
              arg);
      if (q.get("id") == SHARPNESS) {
        q.set("flags", q.getInt("flags") | V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY);
      }
    }
    return r;
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    return fake.mmap(length, prot, flags, fd, offset);
  }

  @Override
  public int munmap(long address, long length) {
    return fake.munmap(address, length);
  }

  @Override
  public int detach(long address, long length) {
    return fake.detach(address, length);
  }

  @Override
  public int poll(int fd, int events, int timeoutMillis) {
    return fake.poll(fd, events, timeoutMillis);
  }

  @Override
  public List<String> deviceNodes() {
    return fake.deviceNodes();
  }
}
