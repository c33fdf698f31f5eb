package io.eyetoystreamer.v4l2;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_STREAMING;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_TIMEPERFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FRMSIZE_TYPE_CONTINUOUS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FRMSIZE_TYPE_DISCRETE;

import com.sun.jna.Memory;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open V4L2 video capture device: capabilities, formats, frame sizes and intervals, format and
 * frame-rate negotiation, inputs, {@link #controls() controls} and {@link #startCapture(int)
 * streaming capture}.
 *
 * <p>Open with {@link #open(String)} (the real kernel through JNA) or {@link #open(String,
 * V4l2Native)} (any implementation of the native seam, e.g. a simulated camera). The node is opened
 * read-write and non-blocking; waiting is done with {@code poll}.
 *
 * <p>Thread-safe: every method serialises on this object. A {@link CaptureStream} has its own lock,
 * so frames can be captured on one thread while another changes controls. Closing the device closes
 * its capture stream (stop streaming, unmap, free buffers) and then the descriptor, on every path;
 * it is idempotent. Every failure is a {@link V4l2Exception} naming the device, the ioctl and the
 * errno.
 */
public final class V4l2Device implements AutoCloseable {
  private static final int MAX_ENUM = 4096;

  private final DeviceIo io;
  private final Capabilities capabilities;
  private final Memory scratch;
  private Controls controls;
  private CaptureStream stream;
  private boolean closed;

  private V4l2Device(DeviceIo io) {
    this.io = io;
    int largest = 8;
    for (StructLayout l : io.layouts.all()) {
      largest = Math.max(largest, l.size());
    }
    this.scratch = new Memory(largest);
    this.capabilities = queryCapabilities();
  }

  /**
   * Opens a device node through the real kernel ({@link JnaV4l2Native}), or through the simulated
   * camera when the system property {@code eyetoystreamer.v4l2.native} is {@code simulated} and
   * fake-eyetoy is on the class path.
   *
   * @param path the node, e.g. {@code /dev/video0}
   * @return the open device
   * @throws DeviceNotFoundException when the node does not exist
   * @throws V4l2Exception when it cannot be opened or is not a V4L2 device
   */
  public static V4l2Device open(String path) {
    return open(path, NativeSelection.get());
  }

  /**
   * Opens a device node through a given native seam.
   *
   * @param path the node, e.g. {@code /dev/video0}
   * @param sys the native seam (real or simulated)
   * @return the open device; its capabilities have been queried
   * @throws V4l2Exception when it cannot be opened or {@code VIDIOC_QUERYCAP} fails (then the
   *     descriptor is closed again)
   */
  public static V4l2Device open(String path, V4l2Native sys) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sys, "sys");
    int fd = sys.open(path, V4l2Native.O_RDWR | V4l2Native.O_NONBLOCK | V4l2Native.O_CLOEXEC);
    if (fd < 0) {
      throw V4l2Exception.of(path, "open", -fd);
    }
    try {
      return new V4l2Device(new DeviceIo(sys, path, fd));
    } catch (RuntimeException e) {
      sys.close(fd);
      throw e;
    }
  }

  /**
   * Returns the device path.
   *
   * @return e.g. {@code /dev/video0}
   */
  public String path() {
    return io.path;
  }

  /**
   * Returns what {@code VIDIOC_QUERYCAP} reported when the device was opened.
   *
   * @return the capabilities
   */
  public Capabilities capabilities() {
    return capabilities;
  }

  private Capabilities queryCapabilities() {
    NativeStruct s = prepare(io.layouts.capability());
    io.check(V4l2Ioctl.VIDIOC_QUERYCAP, scratch);
    return new Capabilities(
        s.getString("driver"),
        s.getString("card"),
        s.getString("bus_info"),
        s.getInt("version"),
        s.getInt("capabilities"),
        s.getInt("device_caps"));
  }

  /**
   * Lists the capture formats ({@code VIDIOC_ENUM_FMT}).
   *
   * @return the formats in driver order
   */
  public synchronized List<FormatDescription> formats() {
    return formats(V4L2_BUF_TYPE_VIDEO_CAPTURE);
  }

  /** Lists the formats of a buffer type, e.g. a mem2mem device's OUTPUT queue. */
  synchronized List<FormatDescription> formats(int bufferType) {
    ensureOpen();
    List<FormatDescription> out = new ArrayList<>();
    for (int i = 0; i < MAX_ENUM; i++) {
      NativeStruct s = prepare(io.layouts.fmtdesc());
      s.set("index", i).set("type", bufferType);
      int r = io.call(V4l2Ioctl.VIDIOC_ENUM_FMT, scratch);
      if (r == -Errno.EINVAL) {
        break;
      }
      if (r < 0) {
        throw io.error("VIDIOC_ENUM_FMT", r);
      }
      out.add(
          new FormatDescription(
              i, s.getInt("pixelformat"), s.getString("description"), s.getInt("flags")));
    }
    return out;
  }

  /**
   * Lists the frame sizes of a pixel format ({@code VIDIOC_ENUM_FRAMESIZES}).
   *
   * @param pixelFormat the fourcc
   * @return the discrete sizes, or one stepwise or continuous range; empty when the driver does not
   *     enumerate sizes
   */
  public synchronized List<FrameSize> frameSizes(int pixelFormat) {
    ensureOpen();
    List<FrameSize> out = new ArrayList<>();
    for (int i = 0; i < MAX_ENUM; i++) {
      NativeStruct s = prepare(io.layouts.frmSizeEnum());
      s.set("index", i).set("pixel_format", pixelFormat & 0xFFFF_FFFFL);
      int r = io.call(V4l2Ioctl.VIDIOC_ENUM_FRAMESIZES, scratch);
      if (r == -Errno.EINVAL || (i == 0 && r == -Errno.ENOTTY)) {
        break;
      }
      if (r < 0) {
        throw io.error("VIDIOC_ENUM_FRAMESIZES", r);
      }
      int type = s.getInt("type");
      if (type == V4L2_FRMSIZE_TYPE_DISCRETE) {
        out.add(FrameSize.discrete(s.getInt("discrete.width"), s.getInt("discrete.height")));
        continue;
      }
      out.add(
          new FrameSize(
              type == V4L2_FRMSIZE_TYPE_CONTINUOUS
                  ? FrameSize.Type.CONTINUOUS
                  : FrameSize.Type.STEPWISE,
              s.getInt("stepwise.min_width"),
              s.getInt("stepwise.max_width"),
              s.getInt("stepwise.step_width"),
              s.getInt("stepwise.min_height"),
              s.getInt("stepwise.max_height"),
              s.getInt("stepwise.step_height")));
      break;
    }
    return out;
  }

  /**
   * Lists the frame intervals of a format and size ({@code VIDIOC_ENUM_FRAMEINTERVALS}).
   *
   * @param pixelFormat the fourcc
   * @param width the width in pixels
   * @param height the height in pixels
   * @return the discrete intervals, or one range; empty when the driver does not enumerate them
   */
  public synchronized List<FrameInterval> frameIntervals(int pixelFormat, int width, int height) {
    ensureOpen();
    List<FrameInterval> out = new ArrayList<>();
    for (int i = 0; i < MAX_ENUM; i++) {
      NativeStruct s = prepare(io.layouts.frmIvalEnum());
      s.set("index", i)
          .set("pixel_format", pixelFormat & 0xFFFF_FFFFL)
          .set("width", width)
          .set("height", height);
      int r = io.call(V4l2Ioctl.VIDIOC_ENUM_FRAMEINTERVALS, scratch);
      if (r == -Errno.EINVAL || (i == 0 && r == -Errno.ENOTTY)) {
        break;
      }
      if (r < 0) {
        throw io.error("VIDIOC_ENUM_FRAMEINTERVALS", r);
      }
      int type = s.getInt("type");
      if (type == V4L2_FRMSIZE_TYPE_DISCRETE) {
        out.add(FrameInterval.discrete(fraction(s, "discrete")));
        continue;
      }
      out.add(
          new FrameInterval(
              type == V4L2_FRMSIZE_TYPE_CONTINUOUS
                  ? FrameSize.Type.CONTINUOUS
                  : FrameSize.Type.STEPWISE,
              fraction(s, "stepwise.min"),
              fraction(s, "stepwise.max"),
              fraction(s, "stepwise.step")));
      break;
    }
    return out;
  }

  /**
   * Returns the current capture format ({@code VIDIOC_G_FMT}).
   *
   * @return the format
   */
  public synchronized Format format() {
    ensureOpen();
    NativeStruct s = prepare(io.layouts.format());
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE);
    io.check(V4l2Ioctl.VIDIOC_G_FMT, scratch);
    return readFormat(s);
  }

  /**
   * Asks what the driver would make of a format without applying it ({@code VIDIOC_TRY_FMT}).
   *
   * @param requested the wanted width, height, pixel format (and field)
   * @return what the driver would choose, and whether that differs from the request
   */
  public synchronized Negotiated<Format> tryFormat(Format requested) {
    return negotiate(V4l2Ioctl.VIDIOC_TRY_FMT, requested);
  }

  /**
   * Sets the capture format ({@code VIDIOC_S_FMT}). Drivers adjust what they cannot do (the PS3 Eye
   * offers 640x480 and 320x240 only): check {@link Negotiated#adjusted()}.
   *
   * @param requested the wanted width, height, pixel format (and field)
   * @return what the driver applied, and whether that differs from the request
   * @throws DeviceBusyException when streaming (here or in another process) prevents the change
   * @throws InvalidRequestException when the driver rejects the request outright
   */
  public synchronized Negotiated<Format> setFormat(Format requested) {
    return negotiate(V4l2Ioctl.VIDIOC_S_FMT, requested);
  }

  private Negotiated<Format> negotiate(V4l2Ioctl ioctl, Format requested) {
    ensureOpen();
    NativeStruct s = prepare(io.layouts.format());
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE)
        .set("fmt.pix.width", requested.width())
        .set("fmt.pix.height", requested.height())
        .set("fmt.pix.pixelformat", requested.pixelFormat() & 0xFFFF_FFFFL)
        .set("fmt.pix.field", requested.field());
    io.check(ioctl, scratch);
    Format actual = readFormat(s);
    return new Negotiated<>(requested, actual, !requested.satisfiedBy(actual));
  }

  private static Format readFormat(NativeStruct s) {
    return new Format(
        s.getInt("fmt.pix.width"),
        s.getInt("fmt.pix.height"),
        s.getInt("fmt.pix.pixelformat"),
        s.getInt("fmt.pix.field"),
        s.getInt("fmt.pix.bytesperline"),
        s.getInt("fmt.pix.sizeimage"),
        s.getInt("fmt.pix.colorspace"));
  }

  /**
   * Returns the streaming parameters, the frame interval among them ({@code VIDIOC_G_PARM}).
   *
   * @return the parameters
   * @throws UnsupportedRequestException when the driver has no streaming parameters
   */
  public synchronized StreamParameters streamParameters() {
    ensureOpen();
    NativeStruct s = prepare(io.layouts.streamParm());
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE);
    io.check(V4l2Ioctl.VIDIOC_G_PARM, scratch);
    return readParameters(s);
  }

  /**
   * Sets the frame interval ({@code VIDIOC_S_PARM}); the driver picks the nearest it supports.
   *
   * @param timePerFrame the wanted interval in seconds, e.g. {@code 1/30}
   * @return the interval the driver applied, and whether it differs in value from the request
   */
  public synchronized Negotiated<Fraction> setFrameInterval(Fraction timePerFrame) {
    ensureOpen();
    NativeStruct s = prepare(io.layouts.streamParm());
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE);
    io.check(V4l2Ioctl.VIDIOC_G_PARM, scratch);
    s.set("parm.capture.timeperframe.numerator", timePerFrame.numerator())
        .set("parm.capture.timeperframe.denominator", timePerFrame.denominator());
    io.check(V4l2Ioctl.VIDIOC_S_PARM, scratch);
    Fraction actual = readParameters(s).timePerFrame();
    return new Negotiated<>(timePerFrame, actual, !timePerFrame.sameValue(actual));
  }

  /**
   * Sets the frame rate: {@link #setFrameInterval(Fraction)} with {@code 1/framesPerSecond}.
   *
   * @param framesPerSecond the wanted rate
   * @return the interval the driver applied, and whether it differs
   */
  public Negotiated<Fraction> setFrameRate(int framesPerSecond) {
    return setFrameInterval(Fraction.intervalForRate(framesPerSecond));
  }

  private static StreamParameters readParameters(NativeStruct s) {
    return new StreamParameters(
        (s.getInt("parm.capture.capability") & V4L2_CAP_TIMEPERFRAME) != 0,
        fraction(s, "parm.capture.timeperframe"),
        s.getInt("parm.capture.capturemode"),
        s.getInt("parm.capture.readbuffers"));
  }

  private static Fraction fraction(NativeStruct s, String prefix) {
    return new Fraction(s.get(prefix + ".numerator"), s.get(prefix + ".denominator"));
  }

  /**
   * Lists the video inputs ({@code VIDIOC_ENUMINPUT}).
   *
   * @return the inputs; empty when the driver does not enumerate inputs
   */
  public synchronized List<InputInfo> inputs() {
    ensureOpen();
    List<InputInfo> out = new ArrayList<>();
    for (int i = 0; i < MAX_ENUM; i++) {
      NativeStruct s = prepare(io.layouts.input());
      s.set("index", i);
      int r = io.call(V4l2Ioctl.VIDIOC_ENUMINPUT, scratch);
      if (r == -Errno.EINVAL || (i == 0 && r == -Errno.ENOTTY)) {
        break;
      }
      if (r < 0) {
        throw io.error("VIDIOC_ENUMINPUT", r);
      }
      out.add(new InputInfo(i, s.getString("name"), s.getInt("type"), s.getInt("status")));
    }
    return out;
  }

  /**
   * Returns the current video input ({@code VIDIOC_G_INPUT}).
   *
   * @return the input index
   */
  public synchronized int input() {
    ensureOpen();
    scratch.setInt(0, 0);
    io.check(V4l2Ioctl.VIDIOC_G_INPUT, scratch);
    return scratch.getInt(0);
  }

  /**
   * Returns the device's controls (enumerated on first use).
   *
   * @return the controls; the same object on every call
   */
  public synchronized Controls controls() {
    ensureOpen();
    if (controls == null) {
      controls = new Controls(this, io);
    }
    return controls;
  }

  /**
   * Starts streaming capture with memory-mapped buffers in the current format: {@code
   * VIDIOC_REQBUFS}, {@code VIDIOC_QUERYBUF} and {@code mmap} for each buffer, {@code VIDIOC_QBUF},
   * {@code VIDIOC_STREAMON}. If any step fails, what was done is undone before the exception
   * propagates.
   *
   * <p>Frames shorter than the format's {@code sizeimage} are rejected as short, except for
   * compressed formats (MJPEG), whose frames vary in size.
   *
   * @param bufferCount the number of buffers to ask for (the driver may grant more or fewer), 1..32
   * @return the running stream; close it (or the device) to stop
   * @throws IllegalStateException when a stream from this device is still open
   */
  public synchronized CaptureStream startCapture(int bufferCount) {
    ensureOpen();
    if (bufferCount < 1 || bufferCount > 32) {
      throw new IllegalArgumentException("buffer count must be 1..32: " + bufferCount);
    }
    if (stream != null && stream.isOpen()) {
      throw new IllegalStateException("a capture stream is already open on " + io.path);
    }
    if ((capabilities.nodeCaps() & V4L2_CAP_STREAMING) == 0) {
      throw new V4l2Exception(io.path, "startCapture", "the device has no streaming I/O");
    }
    Format current = format();
    int minimumBytes = Math.max(1, compressed(current.pixelFormat()) ? 1 : current.sizeImage());
    stream = CaptureStream.start(io, current, bufferCount, minimumBytes);
    return stream;
  }

  private boolean compressed(int pixelFormat) {
    try {
      for (FormatDescription d : formats()) {
        if (d.pixelFormat() == pixelFormat) {
          return d.compressed();
        }
      }
    } catch (UnsupportedRequestException e) {
      return false;
    }
    return false;
  }

  /**
   * Closes the capture stream if one is open, then the descriptor. Every step is attempted even
   * when an earlier one fails; the first failure is thrown afterwards with the others suppressed. A
   * device that is gone (ENODEV) does not count as a failure here. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    V4l2Exception failure = null;
    try {
      if (stream != null) {
        stream.close();
      }
    } catch (V4l2Exception e) {
      failure = e;
    }
    int r = io.sys.close(io.fd);
    if (r < 0 && r != -Errno.EINTR && r != -Errno.ENODEV) {
      V4l2Exception e = V4l2Exception.of(io.path, "close", -r);
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Tells whether {@link #close()} has been called.
   *
   * @return true when open
   */
  public synchronized boolean isOpen() {
    return !closed;
  }

  /** The descriptor and its plumbing, for the mem2mem encoder built on this device. */
  DeviceIo io() {
    return io;
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(io.path + " is closed");
    }
  }

  private NativeStruct prepare(StructLayout layout) {
    NativeStruct s = NativeStruct.wrap(layout, scratch);
    s.clear();
    return s;
  }

  @Override
  public String toString() {
    return "V4l2Device["
        + io.path
        + ", "
        + capabilities.driver()
        + ", "
        + capabilities.card()
        + "]";
  }
}
