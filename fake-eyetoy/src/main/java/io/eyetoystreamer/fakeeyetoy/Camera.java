package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_DEVICE_CAPS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_EXT_PIX_FORMAT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_READWRITE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_STREAMING;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_INPUT_TYPE_CAMERA;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;

/**
 * One plugged-in PS3 Eye: its mode and rate, controls, buffer queue and sensor. An unplug ends it
 * for good (its descriptors answer ENODEV); a replug makes a new one with the driver's defaults, as
 * a real re-enumeration does. Answers every ioctl the library issues; guarded by the fake's lock.
 */
final class Camera {
  /** {@code device_caps}: what gspca sets, plus what the V4L2 core adds. */
  static final int DEVICE_CAPS =
      V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_READWRITE | V4L2_CAP_STREAMING | V4L2_CAP_EXT_PIX_FORMAT;

  /** {@code LINUX_VERSION_CODE} reported in {@code VIDIOC_QUERYCAP}: 6.1.0. */
  static final int KERNEL_VERSION = 6 << 16 | 1 << 8;

  private final V4l2Layouts layouts;
  private final Ov534Modes modes = new Ov534Modes();
  private final Ov534Controls controls = new Ov534Controls();
  private final ControlIoctls controlIoctls;
  private final BufferQueue queue;
  private final Sensor sensor;

  Camera(Abi abi, FaultState faults) {
    this.layouts = V4l2Layouts.of(abi);
    this.controlIoctls = new ControlIoctls(abi);
    this.queue = new BufferQueue(layouts);
    this.sensor = new Sensor(queue, controls, faults);
  }

  BufferQueue queue() {
    return queue;
  }

  /** Makes the frames due by {@code now}; true when an armed unplug is due. */
  boolean catchUp(long now) {
    return sensor.catchUp(now);
  }

  long nextEventNanos() {
    return sensor.nextEventNanos();
  }

  /** The descriptor was closed: its queue goes if it owned it. */
  void release(OpenFile file) {
    queue.release(file);
    if (!queue.streaming()) {
      sensor.stop();
    }
  }

  /** The camera vanished: stop, and free the buffers (mapped ones stay until their munmap). */
  void shutdown() {
    queue.free();
    sensor.stop();
  }

  int ioctl(OpenFile file, V4l2Ioctl io, Pointer arg, long now) {
    int r = dispatch(file, io, arg, now);
    if (queue.streaming() && !sensor.running() && queue.queuedCount() >= BufferQueue.MIN_QUEUED) {
      sensor.start(now, modes.rate(), modes.mode());
    } else if (!queue.streaming()) {
      sensor.stop();
    }
    return r;
  }

  private int dispatch(OpenFile file, V4l2Ioctl io, Pointer arg, long now) {
    return switch (io) {
      case VIDIOC_QUERYCAP -> queryCap(arg);
      case VIDIOC_ENUM_FMT -> modes.enumFmt(NativeStruct.wrap(layouts.fmtdesc(), arg));
      case VIDIOC_G_FMT -> modes.getFormat(NativeStruct.wrap(layouts.format(), arg));
      case VIDIOC_S_FMT ->
          modes.setFormat(NativeStruct.wrap(layouts.format(), arg), true, queue.busy());
      case VIDIOC_TRY_FMT ->
          modes.setFormat(NativeStruct.wrap(layouts.format(), arg), false, false);
      case VIDIOC_ENUM_FRAMESIZES ->
          modes.enumFrameSizes(NativeStruct.wrap(layouts.frmSizeEnum(), arg));
      case VIDIOC_ENUM_FRAMEINTERVALS ->
          modes.enumFrameIntervals(NativeStruct.wrap(layouts.frmIvalEnum(), arg));
      case VIDIOC_G_PARM -> modes.parm(NativeStruct.wrap(layouts.streamParm(), arg), false);
      case VIDIOC_S_PARM -> setParm(arg, now);
      case VIDIOC_ENUMINPUT -> enumInput(arg);
      case VIDIOC_G_INPUT -> {
        arg.setInt(0, 0);
        yield 0;
      }
      case VIDIOC_REQBUFS -> queue.reqbufs(file, arg, modes.mode().imageBytes());
      case VIDIOC_QUERYBUF -> queue.querybuf(arg);
      case VIDIOC_QBUF -> queue.qbuf(file, arg);
      case VIDIOC_DQBUF -> queue.dqbuf(file, arg);
      case VIDIOC_STREAMON -> queue.streamon(file, arg);
      case VIDIOC_STREAMOFF -> queue.streamoff(file, arg);
      case VIDIOC_QUERYCTRL -> controls.query(NativeStruct.wrap(layouts.queryCtrl(), arg), false);
      case VIDIOC_QUERY_EXT_CTRL ->
          controls.query(NativeStruct.wrap(layouts.queryExtCtrl(), arg), true);
      case VIDIOC_QUERYMENU -> controls.queryMenu(NativeStruct.wrap(layouts.queryMenu(), arg));
      case VIDIOC_G_CTRL -> controlIoctls.single(controls, arg, false);
      case VIDIOC_S_CTRL -> controlIoctls.single(controls, arg, true);
      case VIDIOC_G_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.GET);
      case VIDIOC_S_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.SET);
      case VIDIOC_TRY_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.TRY);
      // A capture device: no encoder commands, and gspca offers no events but control events.
      case VIDIOC_ENCODER_CMD,
          VIDIOC_TRY_ENCODER_CMD,
          VIDIOC_DQEVENT,
          VIDIOC_SUBSCRIBE_EVENT,
          VIDIOC_UNSUBSCRIBE_EVENT ->
          -Errno.ENOTTY;
    };
  }

  private int queryCap(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.capability(), arg);
    s.clear();
    s.setString("driver", FakeEyetoy.DRIVER)
        .setString("card", FakeEyetoy.CARD)
        .setString("bus_info", FakeEyetoy.BUS_INFO)
        .set("version", KERNEL_VERSION)
        .set("capabilities", (DEVICE_CAPS | V4L2_CAP_DEVICE_CAPS) & 0xFFFF_FFFFL)
        .set("device_caps", DEVICE_CAPS);
    return 0;
  }

  private int setParm(Pointer arg, long now) {
    int r = modes.parm(NativeStruct.wrap(layouts.streamParm(), arg), true);
    sensor.changeRate(now, modes.rate());
    return r;
  }

  private int enumInput(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.input(), arg);
    if (s.get("index") != 0) {
      return -Errno.EINVAL;
    }
    s.clear();
    s.setString("name", FakeEyetoy.DRIVER).set("type", V4L2_INPUT_TYPE_CAMERA);
    return 0;
  }
}
