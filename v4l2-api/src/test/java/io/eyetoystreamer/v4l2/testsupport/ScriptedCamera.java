package io.eyetoystreamer.v4l2.testsupport;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_DEVICE_CAPS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_STREAMING;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_TIMEPERFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_COMPOUND;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FMT_FLAG_COMPRESSED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FRMSIZE_TYPE_DISCRETE;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small scripted V4L2 camera behind the native seam, for tests of everything above it: one node,
 * YUYV at 640x480 and 320x240 (plus MJPG), a handful of controls, mmap streaming with real native
 * buffers. Tests script what happens: frames to deliver (good, error-flagged, short), an unplug,
 * and errno values to return from the next call of a given ioctl. It decodes requests and structs
 * through the library's own {@link V4l2Layouts} for any {@link Abi}, like {@code fake-eyetoy}.
 * Thread-safe (every call is synchronized).
 */
public final class ScriptedCamera implements V4l2Native {
  /** The node this camera answers on. */
  public static final String PATH = "/dev/video0";

  private static final long OFFSET_STEP = 0x10000;

  /** A control of the simulated device. */
  public static final class Ctrl {
    final int id;
    final int type;
    final String name;
    final long min;
    final long max;
    final long step;
    final long def;
    final int flags;
    final List<Object> menu;
    long value;
    String text = "";

    Ctrl(
        int id,
        int type,
        String name,
        long min,
        long max,
        long step,
        long def,
        int flags,
        List<Object> menu) {
      this.id = id;
      this.type = type;
      this.name = name;
      this.min = min;
      this.max = max;
      this.step = step;
      this.def = def;
      this.flags = flags;
      this.menu = menu;
      this.value = def;
    }
  }

  private record Step(int bytesUsed, int flags, boolean unplug, int skip) {}

  private final Abi abi;
  private final V4l2Layouts layouts;
  private final Map<V4l2Ioctl, Deque<Integer>> failures = new EnumMap<>(V4l2Ioctl.class);
  private final Map<V4l2Ioctl, Integer> calls = new EnumMap<>(V4l2Ioctl.class);
  private final Deque<Integer> pollResults = new ArrayDeque<>();
  private final Deque<Step> script = new ArrayDeque<>();
  private final List<Ctrl> controls = new ArrayList<>();
  private final Set<Integer> openFds = new HashSet<>();
  private final Deque<Integer> queued = new ArrayDeque<>();
  private final Deque<Integer> done = new ArrayDeque<>();
  private final Map<Integer, int[]> doneMeta = new HashMap<>();

  private int nextFd = 3;
  private int width = 640;
  private int height = 480;
  private int pixelFormat = FourCc.YUYV;
  private long intervalNum = 1;
  private long intervalDen = 30;
  private Memory[] buffers = new Memory[0];
  private boolean[] mapped = new boolean[0];
  // Detached mappings: their memory stays valid (readable by a kept view) until their munmap.
  private final java.util.Map<Long, Memory> detachedMemory = new java.util.HashMap<>();
  private int sequence;
  private boolean streaming;
  private boolean gone;
  private boolean rejectUnknownFormats;
  private boolean extendedControls = true;
  private int mmapFailAt = -1;
  private int deviceCaps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
  private final List<Integer> frameSizes = new ArrayList<>(List.of(640, 480, 320, 240));

  /** Creates a camera speaking the host ABI. */
  public ScriptedCamera() {
    this(Abi.X86_64);
  }

  /**
   * Creates a camera that lays its structs out for an ABI.
   *
   * @param abi the ABI the library must use
   */
  public ScriptedCamera(Abi abi) {
    this.abi = abi;
    this.layouts = V4l2Layouts.of(abi);
    int user = 0x00980000;
    controls.add(ctrl(user | 1, 6, "User Controls", 0, 0, 0, 0, 0x44, List.of()));
    controls.add(ctrl(0x00980900, 1, "Brightness", 0, 255, 1, 0, 0x20, List.of()));
    controls.add(ctrl(0x00980901, 1, "Contrast", 0, 255, 1, 32, 0x20, List.of()));
    controls.add(ctrl(0x0098090c, 2, "White Balance, Automatic", 0, 1, 1, 1, 0, List.of()));
    controls.add(ctrl(0x00980913, 1, "Gain", 0, 62, 2, 20, 0, List.of()));
    controls.add(ctrl(0x00980914, 1, "Horizontal Flip", 0, 1, 1, 0, 1, List.of())); // disabled
    controls.add(
        ctrl(
            0x00980918,
            3,
            "Power Line Frequency",
            0,
            2,
            1,
            0,
            0,
            List.of("Disabled", "50 Hz", "60 Hz")));
    controls.add(
        ctrl(
            0x00980929, 1, "Exposure Reading", 0, 1000, 1, 0, V4L2_CTRL_FLAG_READ_ONLY, List.of()));
    controls.add(ctrl(0x00981901, 7, "Camera Label", 0, 16, 1, 0, 0, List.of()));
    controls.add(ctrl(0x009f0001, 6, "Image Processing Controls", 0, 0, 0, 0, 0x44, List.of()));
    controls.add(
        ctrl(
            0x009f0901,
            9,
            "Link Frequency",
            0,
            2,
            1,
            0,
            0,
            List.of(100_000_000L, 200_000_000L, 400_000_000L)));
    controls.add(ctrl(0x009f0902, 5, "Pixel Rate", 0, 1L << 40, 1, 1L << 33, 0, List.of()));
    // A compound control (an array of u8): the kernel lists it only to
    // V4L2_CTRL_FLAG_NEXT_COMPOUND.
    controls.add(ctrl(0x009f0903, 0x100, "Lens Shading Table", 0, 255, 1, 128, 0x100, List.of()));
  }

  private static Ctrl ctrl(
      int id,
      int type,
      String name,
      long min,
      long max,
      long step,
      long def,
      int flags,
      List<?> m) {
    return new Ctrl(id, type, name, min, max, step, def, flags, new ArrayList<>(m));
  }

  // ---- scripting -------------------------------------------------------------------------

  /**
   * Makes the next call of an ioctl fail (calls queue up in order).
   *
   * @param ioctl the ioctl
   * @param errno the positive errno it returns
   * @return this camera
   */
  public synchronized ScriptedCamera failNext(V4l2Ioctl ioctl, int errno) {
    failures.computeIfAbsent(ioctl, k -> new ArrayDeque<>()).add(-errno);
    return this;
  }

  /**
   * Makes the next {@code poll} return a given value instead of looking at the buffers.
   *
   * @param result the value, e.g. {@code -Errno.EINTR} or {@code POLLIN}
   * @return this camera
   */
  public synchronized ScriptedCamera nextPoll(int result) {
    pollResults.add(result);
    return this;
  }

  /**
   * Adds good frames to the script.
   *
   * @param count how many
   * @return this camera
   */
  public synchronized ScriptedCamera deliverGoodFrames(int count) {
    for (int i = 0; i < count; i++) {
      script.add(new Step(-1, 0, false, 0));
    }
    return this;
  }

  /**
   * Adds a frame the driver flags {@code V4L2_BUF_FLAG_ERROR}.
   *
   * @return this camera
   */
  public synchronized ScriptedCamera deliverErrorFrame() {
    script.add(new Step(-1, V4l2Constants.V4L2_BUF_FLAG_ERROR, false, 0));
    return this;
  }

  /**
   * Adds a frame with fewer bytes than the image size.
   *
   * @param bytesUsed the bytes the driver reports
   * @return this camera
   */
  public synchronized ScriptedCamera deliverShortFrame(int bytesUsed) {
    script.add(new Step(bytesUsed, 0, false, 0));
    return this;
  }

  /**
   * Unplugs the camera when the script reaches this step: every later ioctl fails with ENODEV.
   *
   * @return this camera
   */
  public synchronized ScriptedCamera unplug() {
    script.add(new Step(0, 0, true, 0));
    return this;
  }

  /**
   * Skips sequence numbers, as a driver does when it drops frames.
   *
   * @param count how many sequence numbers to skip
   * @return this camera
   */
  public synchronized ScriptedCamera dropFrames(int count) {
    script.add(new Step(0, 0, false, count));
    return this;
  }

  /**
   * Sets the sequence number of the next frame (an unsigned 32-bit counter, as {@code int}), e.g.
   * just below the wrap, as vivid's {@code wrap_sequence_number} control does.
   *
   * @param next the next frame's sequence number
   * @return this camera
   */
  public synchronized ScriptedCamera sequenceFrom(int next) {
    sequence = next;
    return this;
  }

  /**
   * Makes {@code S_FMT} and {@code TRY_FMT} return EINVAL for an unknown pixel format, as some old
   * drivers do (most pick a format they support instead).
   *
   * @return this camera
   */
  public synchronized ScriptedCamera rejectUnknownFormats() {
    rejectUnknownFormats = true;
    return this;
  }

  /**
   * Removes {@code QUERY_EXT_CTRL} and {@code G/S_EXT_CTRLS} (ENOTTY), as on old drivers.
   *
   * @return this camera
   */
  public synchronized ScriptedCamera withoutExtendedControls() {
    extendedControls = false;
    return this;
  }

  /**
   * Makes {@code mmap} of one buffer fail with ENOMEM.
   *
   * @param index the buffer index
   * @return this camera
   */
  public synchronized ScriptedCamera failMmapOf(int index) {
    mmapFailAt = index;
    return this;
  }

  /**
   * Sets the node's device capabilities.
   *
   * @param caps {@code V4L2_CAP_*} bits
   * @return this camera
   */
  public synchronized ScriptedCamera withDeviceCaps(int caps) {
    deviceCaps = caps;
    return this;
  }

  // ---- inspection ------------------------------------------------------------------------

  /**
   * Counts calls of an ioctl (failed ones included).
   *
   * @param ioctl the ioctl
   * @return how often it was called
   */
  public synchronized int calls(V4l2Ioctl ioctl) {
    return calls.getOrDefault(ioctl, 0);
  }

  /**
   * Returns the number of open descriptors.
   *
   * @return open descriptors
   */
  public synchronized int openDescriptors() {
    return openFds.size();
  }

  /**
   * Returns the number of mapped buffers.
   *
   * @return mapped buffers
   */
  public synchronized int mappedBuffers() {
    int n = 0;
    for (boolean m : mapped) {
      n += m ? 1 : 0;
    }
    return n;
  }

  /**
   * Returns the number of allocated driver buffers (REQBUFS).
   *
   * @return allocated buffers
   */
  public synchronized int allocatedBuffers() {
    return buffers.length;
  }

  /**
   * Tells whether the camera streams.
   *
   * @return true between STREAMON and STREAMOFF
   */
  public synchronized boolean streaming() {
    return streaming;
  }

  /**
   * Returns the number of buffers queued to the driver (not yet filled).
   *
   * @return queued buffers
   */
  public synchronized int queuedBuffers() {
    return queued.size();
  }

  /**
   * Returns a control's current value.
   *
   * @param id the control id
   * @return its value
   */
  public synchronized long controlValue(int id) {
    return find(id).value;
  }

  // ---- the seam --------------------------------------------------------------------------

  @Override
  public Abi abi() {
    return abi;
  }

  @Override
  public List<String> deviceNodes() {
    return List.of(PATH);
  }

  @Override
  public synchronized int open(String path, int flags) {
    if (!PATH.equals(path)) {
      return -Errno.ENOENT;
    }
    if (gone) {
      return -Errno.ENODEV;
    }
    int fd = nextFd++;
    openFds.add(fd);
    return fd;
  }

  @Override
  public synchronized int close(int fd) {
    return openFds.remove(fd) ? 0 : -Errno.EBADF;
  }

  @Override
  public synchronized long mmap(long length, int prot, int flags, int fd, long offset) {
    int index = (int) (offset / OFFSET_STEP);
    if (!openFds.contains(fd)) {
      return -Errno.EBADF;
    }
    if (index == mmapFailAt) {
      return -Errno.ENOMEM;
    }
    if (offset % OFFSET_STEP != 0 || index >= buffers.length || length > buffers[index].size()) {
      return -Errno.EINVAL;
    }
    mapped[index] = true;
    return Pointer.nativeValue(buffers[index]);
  }

  @Override
  public synchronized int munmap(long address, long length) {
    if (detachedMemory.remove(address) != null) {
      return 0;
    }
    for (int i = 0; i < buffers.length; i++) {
      if (mapped[i] && Pointer.nativeValue(buffers[i]) == address) {
        mapped[i] = false;
        return 0;
      }
    }
    return -Errno.EINVAL;
  }

  @Override
  public synchronized int detach(long address, long length) {
    for (int i = 0; i < buffers.length; i++) {
      if (mapped[i] && Pointer.nativeValue(buffers[i]) == address) {
        mapped[i] = false;
        detachedMemory.put(address, buffers[i]);
        return 0;
      }
    }
    return -Errno.EINVAL;
  }

  @Override
  public synchronized int poll(int fd, int events, int timeoutMillis) {
    if (!pollResults.isEmpty()) {
      return pollResults.poll();
    }
    if (!openFds.contains(fd)) {
      return POLLNVAL;
    }
    produce();
    if (gone) {
      return POLLERR | POLLHUP | POLLPRI;
    }
    if (!streaming) {
      return POLLERR;
    }
    return done.isEmpty() ? 0 : POLLIN;
  }

  /** Runs the script while there are buffers to fill. */
  private void produce() {
    while (streaming
        && !gone
        && !script.isEmpty()
        && (!queued.isEmpty() || script.peek().unplug || script.peek().skip > 0)) {
      if (script.peek().unplug && !done.isEmpty()) {
        return; // frames filled before the unplug can still be dequeued
      }
      Step step = script.poll();
      if (step.unplug) {
        gone = true;
        return;
      }
      if (step.skip > 0) {
        sequence += step.skip;
        continue;
      }
      int index = queued.poll();
      int size = sizeImage();
      int bytes = step.bytesUsed < 0 ? size : step.bytesUsed;
      Memory m = buffers[index];
      for (int i = 0; i < bytes; i++) {
        m.setByte(i, (byte) (sequence + i));
      }
      doneMeta.put(index, new int[] {bytes, step.flags, sequence++});
      done.add(index);
    }
  }

  @Override
  public synchronized int ioctl(int fd, int request, Pointer arg) {
    V4l2Ioctl io = V4l2Ioctl.decode(abi, request).orElse(null);
    if (io == null) {
      return -Errno.ENOTTY;
    }
    calls.merge(io, 1, Integer::sum);
    if (!openFds.contains(fd)) {
      return -Errno.EBADF;
    }
    Deque<Integer> injected = failures.get(io);
    if (injected != null && !injected.isEmpty()) {
      return injected.poll();
    }
    if (gone) {
      return -Errno.ENODEV;
    }
    switch (io) {
      case VIDIOC_QUERYCAP:
        return queryCap(arg);
      case VIDIOC_ENUM_FMT:
        return enumFmt(arg);
      case VIDIOC_G_FMT:
        return fillFormat(NativeStruct.wrap(layouts.format(), arg));
      case VIDIOC_S_FMT:
      case VIDIOC_TRY_FMT:
        return setFormat(arg, io == V4l2Ioctl.VIDIOC_S_FMT);
      case VIDIOC_ENUM_FRAMESIZES:
        return enumSizes(arg);
      case VIDIOC_ENUM_FRAMEINTERVALS:
        return enumIntervals(arg);
      case VIDIOC_G_PARM:
      case VIDIOC_S_PARM:
        return parm(arg, io == V4l2Ioctl.VIDIOC_S_PARM);
      case VIDIOC_ENUMINPUT:
        return enumInput(arg);
      case VIDIOC_G_INPUT:
        arg.setInt(0, 0);
        return 0;
      case VIDIOC_REQBUFS:
        return reqBufs(arg);
      case VIDIOC_QUERYBUF:
        return queryBuf(arg);
      case VIDIOC_QBUF:
        return qbuf(arg);
      case VIDIOC_DQBUF:
        return dqbuf(arg);
      case VIDIOC_STREAMON:
        if (buffers.length == 0) {
          return -Errno.EINVAL;
        }
        streaming = true;
        return 0;
      case VIDIOC_STREAMOFF:
        streaming = false;
        queued.clear();
        done.clear();
        return 0;
      case VIDIOC_QUERY_EXT_CTRL:
        return extendedControls ? queryCtrl(arg, true) : -Errno.ENOTTY;
      case VIDIOC_QUERYCTRL:
        return queryCtrl(arg, false);
      case VIDIOC_QUERYMENU:
        return queryMenu(arg);
      case VIDIOC_G_EXT_CTRLS:
      case VIDIOC_S_EXT_CTRLS:
        return extendedControls ? extCtrls(arg, io == V4l2Ioctl.VIDIOC_S_EXT_CTRLS) : -Errno.ENOTTY;
      case VIDIOC_G_CTRL:
      case VIDIOC_S_CTRL:
        return ctrl(arg, io == V4l2Ioctl.VIDIOC_S_CTRL);
      default:
        return -Errno.ENOTTY;
    }
  }

  private int queryCap(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.capability(), arg);
    s.setString("driver", "scripted")
        .setString("card", "Scripted Camera")
        .setString("bus_info", "test:scripted-0")
        .set("version", 6 << 16 | 1 << 8)
        .set("capabilities", (deviceCaps | V4L2_CAP_DEVICE_CAPS) & 0xFFFF_FFFFL)
        .set("device_caps", deviceCaps);
    return 0;
  }

  private int enumFmt(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.fmtdesc(), arg);
    int index = s.getInt("index");
    if (s.getInt("type") != 1 || index < 0 || index > 1) {
      return -Errno.EINVAL;
    }
    s.set("pixelformat", (index == 0 ? FourCc.YUYV : FourCc.MJPG) & 0xFFFF_FFFFL)
        .set("flags", index == 0 ? 0 : V4L2_FMT_FLAG_COMPRESSED)
        .setString("description", index == 0 ? "YUYV 4:2:2" : "Motion-JPEG");
    return 0;
  }

  private int sizeImage() {
    return pixelFormat == FourCc.MJPG ? width * height / 2 : width * height * 2;
  }

  private int fillFormat(NativeStruct s) {
    s.set("type", 1)
        .set("fmt.pix.width", width)
        .set("fmt.pix.height", height)
        .set("fmt.pix.pixelformat", pixelFormat & 0xFFFF_FFFFL)
        .set("fmt.pix.field", V4L2_FIELD_NONE)
        .set("fmt.pix.bytesperline", pixelFormat == FourCc.MJPG ? 0 : width * 2)
        .set("fmt.pix.sizeimage", sizeImage())
        .set("fmt.pix.colorspace", pixelFormat == FourCc.MJPG ? 7 : 8);
    return 0;
  }

  private int setFormat(Pointer arg, boolean apply) {
    NativeStruct s = NativeStruct.wrap(layouts.format(), arg);
    if (s.getInt("type") != 1) {
      return -Errno.EINVAL;
    }
    if (apply && (streaming || buffers.length > 0)) {
      return -Errno.EBUSY;
    }
    int fmt = s.getInt("fmt.pix.pixelformat");
    if (fmt != FourCc.YUYV && fmt != FourCc.MJPG) {
      if (rejectUnknownFormats) {
        return -Errno.EINVAL;
      }
      fmt = FourCc.YUYV;
    }
    int w = s.getInt("fmt.pix.width");
    int h = s.getInt("fmt.pix.height");
    // the closest supported size not larger than asked, else the smallest
    int bestW = frameSizes.get(frameSizes.size() - 2);
    int bestH = frameSizes.get(frameSizes.size() - 1);
    for (int i = 0; i < frameSizes.size(); i += 2) {
      if (frameSizes.get(i) <= w && frameSizes.get(i + 1) <= h) {
        bestW = frameSizes.get(i);
        bestH = frameSizes.get(i + 1);
        break;
      }
    }
    int oldW = width;
    int oldH = height;
    int oldF = pixelFormat;
    width = bestW;
    height = bestH;
    pixelFormat = fmt;
    s.clear();
    fillFormat(s);
    if (!apply) {
      width = oldW;
      height = oldH;
      pixelFormat = oldF;
    }
    return 0;
  }

  private int enumSizes(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.frmSizeEnum(), arg);
    int index = s.getInt("index");
    int fmt = s.getInt("pixel_format");
    if ((fmt != FourCc.YUYV && fmt != FourCc.MJPG) || index < 0 || index * 2 >= frameSizes.size()) {
      return -Errno.EINVAL;
    }
    s.set("type", V4L2_FRMSIZE_TYPE_DISCRETE)
        .set("discrete.width", frameSizes.get(index * 2))
        .set("discrete.height", frameSizes.get(index * 2 + 1));
    return 0;
  }

  private static final int[] RATES = {60, 30, 15};

  private int enumIntervals(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.frmIvalEnum(), arg);
    int index = s.getInt("index");
    if (index < 0 || index >= RATES.length) {
      return -Errno.EINVAL;
    }
    s.set("type", V4L2_FRMSIZE_TYPE_DISCRETE)
        .set("discrete.numerator", 1)
        .set("discrete.denominator", RATES[index]);
    return 0;
  }

  private int parm(Pointer arg, boolean apply) {
    NativeStruct s = NativeStruct.wrap(layouts.streamParm(), arg);
    if (s.getInt("type") != 1) {
      return -Errno.EINVAL;
    }
    if (apply) {
      long num = s.get("parm.capture.timeperframe.numerator");
      long den = s.get("parm.capture.timeperframe.denominator");
      double wanted = num == 0 || den == 0 ? 30 : (double) den / num;
      int best = RATES[0];
      for (int r : RATES) {
        if (Math.abs(r - wanted) < Math.abs(best - wanted)) {
          best = r;
        }
      }
      intervalNum = 1;
      intervalDen = best;
    }
    s.clear();
    s.set("type", 1)
        .set("parm.capture.capability", V4L2_CAP_TIMEPERFRAME)
        .set("parm.capture.timeperframe.numerator", intervalNum)
        .set("parm.capture.timeperframe.denominator", intervalDen)
        .set("parm.capture.readbuffers", 2);
    return 0;
  }

  private int enumInput(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.input(), arg);
    if (s.getInt("index") != 0) {
      return -Errno.EINVAL;
    }
    s.setString("name", "Camera 1").set("type", V4l2Constants.V4L2_INPUT_TYPE_CAMERA);
    return 0;
  }

  private int reqBufs(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.requestBuffers(), arg);
    if (s.getInt("type") != 1 || s.getInt("memory") != 1) {
      return -Errno.EINVAL;
    }
    if (streaming) {
      return -Errno.EBUSY;
    }
    int count = s.getInt("count");
    queued.clear();
    done.clear();
    if (count == 0) {
      buffers = new Memory[0];
      mapped = new boolean[0];
      return 0;
    }
    int granted = Math.max(2, Math.min(count, 8));
    buffers = new Memory[granted];
    mapped = new boolean[granted];
    for (int i = 0; i < granted; i++) {
      buffers[i] = new Memory(sizeImage());
      buffers[i].clear();
    }
    s.set("count", granted);
    return 0;
  }

  private int queryBuf(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.buffer(), arg);
    int index = s.getInt("index");
    if (index < 0 || index >= buffers.length) {
      return -Errno.EINVAL;
    }
    s.set("length", buffers[index].size()).set("m.offset", index * OFFSET_STEP);
    return 0;
  }

  private int qbuf(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.buffer(), arg);
    int index = s.getInt("index");
    if (index < 0 || index >= buffers.length || queued.contains(index) || done.contains(index)) {
      return -Errno.EINVAL;
    }
    queued.add(index);
    return 0;
  }

  private int dqbuf(Pointer arg) {
    if (!streaming) {
      return -Errno.EINVAL;
    }
    produce();
    Integer index = done.poll();
    if (index == null) {
      return -Errno.EAGAIN;
    }
    int[] meta = doneMeta.remove(index);
    long micros = 1_000_000L * 1000 + meta[2] * 33_333L;
    NativeStruct s = NativeStruct.wrap(layouts.buffer(), arg);
    s.set("index", index)
        .set("bytesused", meta[0])
        .set("flags", meta[1] | V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC)
        .set("field", V4L2_FIELD_NONE)
        .set("sequence", meta[2])
        .set("timestamp.tv_sec", micros / 1_000_000)
        .set("timestamp.tv_usec", micros % 1_000_000)
        .set("length", buffers[index].size())
        .set("m.offset", index * OFFSET_STEP);
    return 0;
  }

  private Ctrl find(int id) {
    for (Ctrl c : controls) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }

  private int queryCtrl(Pointer arg, boolean ext) {
    NativeStruct s = NativeStruct.wrap(ext ? layouts.queryExtCtrl() : layouts.queryCtrl(), arg);
    int asked = s.getInt("id");
    Ctrl found = null;
    int next = asked & (V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND);
    if (next != 0) {
      // The kernel's rule: NEXT_CTRL alone finds plain controls, NEXT_COMPOUND alone compound ones
      // (arrays, types from 0x100), both together every control. QUERYCTRL never shows compound.
      boolean plain = (next & V4L2_CTRL_FLAG_NEXT_CTRL) != 0;
      boolean compound = ext && (next & V4L2_CTRL_FLAG_NEXT_COMPOUND) != 0;
      long after =
          asked & ~(V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND) & 0xFFFF_FFFFL;
      for (Ctrl c : controls) {
        boolean wanted = c.type >= 0x100 ? compound : plain && (ext || c.type != 5);
        if ((c.id & 0xFFFF_FFFFL) > after && wanted) {
          found = c;
          break;
        }
      }
    } else {
      found = find(asked);
    }
    if (found == null) {
      return -Errno.EINVAL;
    }
    s.clear();
    s.set("id", found.id).set("type", found.type).setString("name", found.name);
    if (ext) {
      s.set("minimum", found.min)
          .set("maximum", found.max)
          .set("step", found.step)
          .set("default_value", found.def)
          .set("elem_size", 4)
          .set("elems", 1);
    } else {
      s.set("minimum", (int) found.min)
          .set("maximum", (int) found.max)
          .set("step", (int) found.step)
          .set("default_value", (int) found.def);
    }
    s.set("flags", found.flags);
    return 0;
  }

  private int queryMenu(Pointer arg) {
    NativeStruct s = NativeStruct.wrap(layouts.queryMenu(), arg);
    Ctrl c = find(s.getInt("id"));
    int index = s.getInt("index");
    if (c == null || index < 0 || index >= c.menu.size()) {
      return -Errno.EINVAL;
    }
    Object item = c.menu.get(index);
    if (item instanceof String name) {
      s.setString("name", name);
    } else {
      s.set("value", (Long) item);
    }
    return 0;
  }

  private int extCtrls(Pointer arg, boolean set) {
    NativeStruct all = NativeStruct.wrap(layouts.extControls(), arg);
    int count = all.getInt("count");
    Pointer array = new Pointer(all.get("controls"));
    int size = layouts.extControl().size();
    for (int i = 0; i < count; i++) {
      NativeStruct one = NativeStruct.wrap(layouts.extControl(), array.share((long) i * size));
      Ctrl c = find(one.getInt("id"));
      if (c == null || c.type == 6) {
        all.set("error_idx", i);
        return -Errno.EINVAL;
      }
      if (c.type == 7) {
        Pointer text = new Pointer(one.get("string"));
        int room = one.getInt("size");
        if (set) {
          c.text = text.getString(0, StandardCharsets.UTF_8.name());
        } else {
          byte[] b = c.text.getBytes(StandardCharsets.UTF_8);
          if (room < b.length + 1) {
            one.set("size", b.length + 1);
            return -Errno.ENOSPC;
          }
          text.write(0, b, 0, b.length);
          text.setByte(b.length, (byte) 0);
        }
        continue;
      }
      boolean wide = c.type == 5;
      if (set) {
        if ((c.flags & V4L2_CTRL_FLAG_READ_ONLY) != 0) {
          return -Errno.EACCES;
        }
        long v = wide ? one.get("value64") : one.get("value");
        if (v < c.min || v > c.max) {
          return -Errno.ERANGE;
        }
        c.value = v;
      }
      if (wide) {
        one.set("value64", c.value);
      } else {
        one.set("value", (int) c.value);
      }
    }
    return 0;
  }

  private int ctrl(Pointer arg, boolean set) {
    NativeStruct s = NativeStruct.wrap(layouts.control(), arg);
    Ctrl c = find(s.getInt("id"));
    if (c == null || c.type == 6 || c.type == 5 || c.type == 7) {
      return -Errno.EINVAL;
    }
    if (set) {
      if ((c.flags & V4L2_CTRL_FLAG_READ_ONLY) != 0) {
        return -Errno.EACCES;
      }
      long v = s.get("value");
      c.value = Math.max(c.min, Math.min(c.max, v));
    }
    s.set("value", (int) c.value);
    return 0;
  }
}
