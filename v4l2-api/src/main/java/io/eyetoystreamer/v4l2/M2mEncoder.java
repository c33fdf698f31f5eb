package io.eyetoystreamer.v4l2;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_ERROR;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_ANY;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A V4L2 memory-to-memory encoder session, following the kernel's "Memory-to-Memory Stateful Video
 * Encoder Interface": raw frames go in on the device's OUTPUT queue, coded bytes come out on its
 * CAPTURE queue. Format-agnostic: the coded format is whatever {@link #setCodedFormat(int, int)}
 * names ({@link FourCc#H264} on a Raspberry Pi's {@code /dev/video11}, {@link FourCc#FWHT} on the
 * kernel's vicodec), single- or multi-planar as the device is.
 *
 * <pre>{@code
 * try (M2mEncoder encoder = M2mEncoder.open("/dev/video11")) {
 *   encoder.setCodedFormat(FourCc.H264, 0);                       // CAPTURE first: it rules
 *   encoder.setRawFormat(Format.of(640, 480, FourCc.YUYV));       // then OUTPUT
 *   encoder.controls().set("video_bitrate", 2_000_000);
 *   encoder.start(2, 2);                                          // buffers, STREAMON both
 *   ByteBuffer out = ByteBuffer.allocateDirect(encoder.codedBufferBytes());
 *   Encoded e = encoder.encode(frame, out, 1000);                 // one frame in, its bytes out
 * }
 * }</pre>
 *
 * <p>Steps, as the interface orders them: {@link #setCodedFormat} (the CAPTURE format governs what
 * the OUTPUT queue offers), {@link #setRawFormat}, optionally {@link #setFrameInterval} and {@link
 * #controls()}; then {@link #start(int, int)}. Then either the synchronous {@link #encode} (one raw
 * frame in, every coded byte of it out) or the lower level: {@link #nextRawBuffer(long)}, fill it,
 * {@link RawBuffer#queue(int, long)}; {@link #nextCoded(long)}, read it, {@link
 * CodedBuffer#release()}. {@link #drain(ByteBuffer, long)} (or {@link #command} with {@link
 * EncoderCommand#STOP}) finishes the frames queued so far; {@link #stop()} frees the buffers so
 * that formats can change; {@link #close()} ends it all.
 *
 * <p>Units: timestamps in nanoseconds (the driver keeps microseconds), sizes in bytes, timeouts in
 * milliseconds (0 only takes what is ready, negative waits indefinitely).
 *
 * <p>Threads: every method takes this session's lock except while waiting in {@code poll}, so one
 * thread can wait for coded buffers while another queues raw frames, changes controls, or closes.
 * Closing stops streaming, which wakes a waiting thread; it then throws {@link
 * IllegalStateException}. {@link #encode} is for one thread at a time.
 *
 * <p>Errors: misuse (not started, closed, every buffer held, a bad argument) is an {@link
 * IllegalStateException} or {@link IllegalArgumentException}; what the driver refuses is a {@link
 * V4l2Exception} naming the device, the ioctl, the queue and the errno; a device gone (ENODEV) or
 * an encoder failed for good (EIO, the interface's fatal error) is a {@link DeviceGoneException}:
 * close and open again. No order of calls crashes the JVM: buffer views kept past their time read
 * stale bytes (or zeros) instead, as with {@link CaptureStream}.
 *
 * <p>Limits: memory-mapped buffers only, with one memory plane each (every single-buffer format:
 * YUYV, NV12, YU12, H264, FWHT; formats that put planes in separate buffers, like {@code NM12}, are
 * refused). On a simulated device with a 32-bit ABI under a 64-bit JVM the multi-planar API cannot
 * be used (its plane arrays are pointers).
 */
public final class M2mEncoder implements AutoCloseable {
  private static final long MAX_TIMEOUT_MILLIS = Long.MAX_VALUE / 4_000_000L;

  private final V4l2Device device;
  private final DeviceIo io;
  private final boolean multiplanar;
  private final int outputType;
  private final int captureType;
  private final Memory scratch;

  private M2mQueue output;
  private M2mQueue capture;
  private RawBuffer[] raw = new RawBuffer[0];
  private CodedBuffer[] coded = new CodedBuffer[0];
  private boolean started;
  private boolean ended;
  private boolean closed;
  private long stamp;
  private CodedBuffer early;

  private M2mEncoder(V4l2Device device, boolean multiplanar) {
    this.device = device;
    this.io = device.io();
    this.multiplanar = multiplanar;
    this.outputType = multiplanar ? V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE : V4L2_BUF_TYPE_VIDEO_OUTPUT;
    this.captureType =
        multiplanar ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE : V4L2_BUF_TYPE_VIDEO_CAPTURE;
    int largest = 8;
    for (StructLayout l : io.layouts.all()) {
      largest = Math.max(largest, l.size());
    }
    this.scratch = new Memory(largest);
  }

  /**
   * Opens a mem2mem node through the kernel, or through the simulated devices when the system
   * property {@code eyetoystreamer.v4l2.native} is {@code simulated} (fake-eyetoy's simulated H.264
   * encoder answers on {@code /dev/video11}).
   *
   * @param path the node, e.g. {@code /dev/video11}
   * @return the session, in the initialization state
   * @throws DeviceNotFoundException when the node does not exist
   * @throws V4l2Exception when it cannot be opened or is not a memory-to-memory device
   */
  public static M2mEncoder open(String path) {
    return open(path, NativeSelection.get());
  }

  /**
   * Opens a mem2mem node through a given native seam.
   *
   * @param path the node
   * @param sys the native seam (real or simulated)
   * @return the session, in the initialization state
   * @throws V4l2Exception when it cannot be opened or is not a memory-to-memory device (the
   *     descriptor is closed again)
   */
  public static M2mEncoder open(String path, V4l2Native sys) {
    V4l2Device device = V4l2Device.open(path, sys);
    try {
      Capabilities caps = device.capabilities();
      if (!caps.isMemToMem()) {
        throw new V4l2Exception(
            path,
            "open",
            "not a memory-to-memory device with streaming I/O (it has: "
                + String.join(", ", Capabilities.names(caps.nodeCaps()))
                + ")");
      }
      boolean multiplanar = (caps.nodeCaps() & V4L2_CAP_VIDEO_M2M_MPLANE) != 0;
      if (multiplanar && sys.abi().pointerSize() < Native.POINTER_SIZE) {
        throw new V4l2Exception(
            path,
            "open",
            "the multi-planar API passes plane arrays by pointer, which the "
                + sys.abi()
                + " layouts of this simulated device cannot hold on a 64-bit JVM");
      }
      return new M2mEncoder(device, multiplanar);
    } catch (RuntimeException e) {
      try {
        device.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Returns the device path.
   *
   * @return e.g. {@code /dev/video11}
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
    return device.capabilities();
  }

  /**
   * Tells whether the session uses the multi-planar API ({@code *_MPLANE} buffer types).
   *
   * @return true for a {@code VIDEO_M2M_MPLANE} device
   */
  public boolean multiplanar() {
    return multiplanar;
  }

  /**
   * Lists the coded formats the encoder produces ({@code VIDIOC_ENUM_FMT} on CAPTURE).
   *
   * @return the formats in driver order
   */
  public List<FormatDescription> codedFormats() {
    return device.formats(captureType);
  }

  /**
   * Lists the raw formats the encoder takes for the current coded format ({@code VIDIOC_ENUM_FMT}
   * on OUTPUT).
   *
   * @return the formats in driver order
   */
  public List<FormatDescription> rawFormats() {
    return device.formats(outputType);
  }

  /**
   * Sets the coded format on the CAPTURE queue ({@code VIDIOC_S_FMT}): the first step, since it
   * decides which raw formats the OUTPUT queue offers (and may reset the raw format). Width and
   * height are the encoder's to choose (from the raw format).
   *
   * @param pixelFormat the coded fourcc, e.g. {@link FourCc#H264}
   * @param bufferBytes the size wanted for CAPTURE buffers, or 0 for the driver's choice
   * @return what the driver set; adjusted when it chose another format or buffer size
   * @throws DeviceBusyException while buffers are allocated on either queue
   * @throws IllegalStateException when closed
   */
  public Negotiated<Format> setCodedFormat(int pixelFormat, int bufferBytes) {
    if (bufferBytes < 0) {
      throw new IllegalArgumentException("buffer size must be >= 0: " + bufferBytes);
    }
    Format requested = new Format(0, 0, pixelFormat, V4L2_FIELD_ANY, 0, bufferBytes, 0);
    synchronized (device) {
      ensureOpen();
      Format actual = exchangeFormat(V4l2Ioctl.VIDIOC_S_FMT, captureType, requested);
      boolean adjusted =
          actual.pixelFormat() != pixelFormat
              || (bufferBytes != 0 && actual.sizeImage() != bufferBytes);
      return new Negotiated<>(requested, actual, adjusted);
    }
  }

  /**
   * Sets the raw format on the OUTPUT queue ({@code VIDIOC_S_FMT}): pixel format and source size.
   * The encoder may adjust the size to its alignment; the coded size follows ({@link
   * #codedFormat()}).
   *
   * @param requested width, height and pixel format (and field) of the frames to encode
   * @return what the driver set, and whether that differs from the request
   * @throws DeviceBusyException while OUTPUT buffers are allocated
   * @throws IllegalStateException when closed
   */
  public Negotiated<Format> setRawFormat(Format requested) {
    Objects.requireNonNull(requested, "requested");
    synchronized (device) {
      ensureOpen();
      Format actual = exchangeFormat(V4l2Ioctl.VIDIOC_S_FMT, outputType, requested);
      return new Negotiated<>(requested, actual, !requested.satisfiedBy(actual));
    }
  }

  /**
   * Returns the current coded format ({@code VIDIOC_G_FMT} on CAPTURE): width and height are the
   * coded size, {@code sizeImage} the size of a CAPTURE buffer.
   *
   * @return the format
   */
  public Format codedFormat() {
    synchronized (device) {
      ensureOpen();
      return exchangeFormat(V4l2Ioctl.VIDIOC_G_FMT, captureType, null);
    }
  }

  /**
   * Returns the current raw format ({@code VIDIOC_G_FMT} on OUTPUT).
   *
   * @return the format; {@code bytesPerLine} is the row stride a frame must have
   */
  public Format rawFormat() {
    synchronized (device) {
      ensureOpen();
      return exchangeFormat(V4l2Ioctl.VIDIOC_G_FMT, outputType, null);
    }
  }

  /** Gets ({@code request} null) or sets a format of one queue. Caller holds the lock. */
  private Format exchangeFormat(V4l2Ioctl ioctl, int type, Format request) {
    NativeStruct s = prepare(io.layouts.format());
    s.set("type", type);
    if (request != null) {
      String p = multiplanar ? "fmt.pix_mp." : "fmt.pix.";
      s.set(p + "width", request.width())
          .set(p + "height", request.height())
          .set(p + "pixelformat", request.pixelFormat() & 0xFFFF_FFFFL)
          .set(p + "field", request.field());
      if (multiplanar) {
        s.set("fmt.pix_mp.num_planes", 1)
            .set("fmt.pix_mp.plane_fmt[0].sizeimage", request.sizeImage())
            .set("fmt.pix_mp.plane_fmt[0].bytesperline", request.bytesPerLine());
      } else {
        s.set("fmt.pix.sizeimage", request.sizeImage())
            .set("fmt.pix.bytesperline", request.bytesPerLine());
      }
    }
    io.check(ioctl, scratch);
    if (!multiplanar) {
      return new Format(
          s.getInt("fmt.pix.width"),
          s.getInt("fmt.pix.height"),
          s.getInt("fmt.pix.pixelformat"),
          s.getInt("fmt.pix.field"),
          s.getInt("fmt.pix.bytesperline"),
          s.getInt("fmt.pix.sizeimage"),
          s.getInt("fmt.pix.colorspace"));
    }
    Format f =
        new Format(
            s.getInt("fmt.pix_mp.width"),
            s.getInt("fmt.pix_mp.height"),
            s.getInt("fmt.pix_mp.pixelformat"),
            s.getInt("fmt.pix_mp.field"),
            s.getInt("fmt.pix_mp.plane_fmt[0].bytesperline"),
            s.getInt("fmt.pix_mp.plane_fmt[0].sizeimage"),
            s.getInt("fmt.pix_mp.colorspace"));
    int planes = s.getInt("fmt.pix_mp.num_planes");
    if (planes > 1) {
      throw new V4l2Exception(
          io.path,
          ioctl.name(),
          "the driver's format "
              + FourCc.toString(f.pixelFormat())
              + " has "
              + planes
              + " memory planes; this library handles formats of one plane per buffer");
    }
    return f;
  }

  /**
   * Sets the frame interval of the raw frames ({@code VIDIOC_S_PARM} on OUTPUT), which is also the
   * coded stream's frame rate (rate control's time base). Optional; a hint for the encoder.
   *
   * @param timePerFrame e.g. {@code 1/30}
   * @return the interval the driver applied, and whether it differs in value
   * @throws UnsupportedRequestException when the driver has no frame interval (ENOTTY)
   */
  public Negotiated<Fraction> setFrameInterval(Fraction timePerFrame) {
    Objects.requireNonNull(timePerFrame, "timePerFrame");
    synchronized (device) {
      ensureOpen();
      NativeStruct s = prepare(io.layouts.streamParm());
      s.set("type", outputType)
          .set("parm.output.timeperframe.numerator", timePerFrame.numerator())
          .set("parm.output.timeperframe.denominator", timePerFrame.denominator());
      io.check(V4l2Ioctl.VIDIOC_S_PARM, scratch);
      Fraction actual =
          new Fraction(
              s.get("parm.output.timeperframe.numerator"),
              s.get("parm.output.timeperframe.denominator"));
      return new Negotiated<>(timePerFrame, actual, !timePerFrame.sameValue(actual));
    }
  }

  /**
   * Returns the encoder's controls: {@code video_bitrate} (bits per second), {@code
   * h264_i_frame_period} (frames), {@code h264_profile}, {@code h264_level}, {@code
   * repeat_sequence_header}, {@code force_key_frame} (a button: set it to 1), ..., by the names
   * v4l2-ctl prints. Some cannot change while streaming ({@link DeviceBusyException}).
   *
   * @return the controls; the same object on every call
   */
  public Controls controls() {
    return device.controls();
  }

  /**
   * Subscribes to an event type ({@code VIDIOC_SUBSCRIBE_EVENT}), e.g. {@link V4l2Event#EOS}.
   *
   * @param type the event type
   * @throws InvalidRequestException when the driver does not raise that event
   */
  public void subscribe(int type) {
    subscription(V4l2Ioctl.VIDIOC_SUBSCRIBE_EVENT, type);
  }

  /**
   * Ends a subscription ({@code VIDIOC_UNSUBSCRIBE_EVENT}); type 0 ({@code V4L2_EVENT_ALL}) ends
   * them all.
   *
   * @param type the event type
   */
  public void unsubscribe(int type) {
    subscription(V4l2Ioctl.VIDIOC_UNSUBSCRIBE_EVENT, type);
  }

  private void subscription(V4l2Ioctl ioctl, int type) {
    synchronized (device) {
      ensureOpen();
      prepare(io.layouts.eventSubscription()).set("type", type & 0xFFFF_FFFFL);
      io.check(ioctl, scratch);
    }
  }

  /**
   * Waits for the next event of a subscribed type ({@code poll} for {@code POLLPRI}, then {@code
   * VIDIOC_DQEVENT}).
   *
   * @param timeoutMillis the longest wait
   * @return the event, or null when none came in time
   * @throws IllegalStateException when closed
   */
  public V4l2Event nextEvent(long timeoutMillis) {
    long deadline = deadline(timeoutMillis);
    int polled = 0;
    while (true) {
      synchronized (device) {
        ensureOpen();
        if ((polled & V4l2Native.POLLHUP) != 0) {
          throw new DeviceGoneException(io.path, "poll", Errno.ENODEV);
        }
        NativeStruct s = prepare(io.layouts.event());
        int r = io.call(V4l2Ioctl.VIDIOC_DQEVENT, scratch);
        if (r >= 0) {
          return new V4l2Event(
              s.getInt("type"),
              s.getInt("id"),
              s.get("sequence"),
              s.getInt("pending"),
              s.get("timestamp.tv_sec") * 1_000_000_000L + s.get("timestamp.tv_nsec"),
              s.getInt("u.src_change.changes"));
        }
        if (r != -Errno.ENOENT) {
          throw io.error("VIDIOC_DQEVENT", r);
        }
      }
      polled = await(V4l2Native.POLLPRI, timeoutMillis, deadline);
      if (polled == 0) {
        return null;
      }
    }
  }

  /**
   * Starts encoding: allocates and maps {@code rawBuffers} OUTPUT and {@code codedBuffers} CAPTURE
   * buffers ({@code VIDIOC_REQBUFS}, {@code VIDIOC_QUERYBUF}, {@code mmap}), queues every CAPTURE
   * buffer and starts streaming on both queues. The driver may grant other counts. If any step
   * fails, what was done is undone before the exception propagates.
   *
   * @param rawBuffers OUTPUT buffers to ask for, 1..32
   * @param codedBuffers CAPTURE buffers to ask for, 1..32
   * @throws IllegalStateException when already started or closed
   */
  public void start(int rawBuffers, int codedBuffers) {
    if (rawBuffers < 1 || rawBuffers > 32 || codedBuffers < 1 || codedBuffers > 32) {
      throw new IllegalArgumentException(
          "buffer counts must be 1..32: " + rawBuffers + " raw, " + codedBuffers + " coded");
    }
    synchronized (device) {
      ensureOpen();
      if (started) {
        throw new IllegalStateException("the encoder on " + io.path + " is already started");
      }
      output = new M2mQueue(io, outputType, multiplanar, "OUTPUT");
      capture = new M2mQueue(io, captureType, multiplanar, "CAPTURE");
      started = true;
      ended = false;
      try {
        int rawCount = output.allocate(rawBuffers);
        raw = new RawBuffer[rawCount];
        for (int i = 0; i < rawCount; i++) {
          raw[i] = new RawBuffer(this, i, output.mapped(i));
        }
        int codedCount = capture.allocate(codedBuffers);
        coded = new CodedBuffer[codedCount];
        for (int i = 0; i < codedCount; i++) {
          coded[i] = new CodedBuffer(this, i, capture.mapped(i).asReadOnlyBuffer());
        }
        for (CodedBuffer c : coded) {
          capture.queue(c.index(), 0, 0);
          c.state = CodedBuffer.QUEUED;
        }
        output.streamOn();
        capture.streamOn();
      } catch (RuntimeException e) {
        V4l2Exception cleanup = stopLocked(null);
        if (cleanup != null) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  /**
   * Tells whether {@link #start(int, int)} ran and neither {@link #stop()} nor {@link #close()}
   * since.
   *
   * @return true while encoding
   */
  public boolean isStarted() {
    synchronized (device) {
      return started;
    }
  }

  /**
   * Returns the size of a CAPTURE buffer, the most one coded buffer holds: an {@code out} of this
   * size takes any single frame's bytes.
   *
   * @return bytes
   * @throws IllegalStateException when not started
   */
  public int codedBufferBytes() {
    synchronized (device) {
      ensureStarted();
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < capture.count(); i++) {
        min = Math.min(min, capture.length(i));
      }
      return min;
    }
  }

  /**
   * Returns an OUTPUT buffer to fill with a raw frame: one never queued, or one the encoder is done
   * with ({@code VIDIOC_DQBUF} on OUTPUT, waiting with {@code poll} for {@code POLLOUT}).
   *
   * @param timeoutMillis the longest wait
   * @return the buffer, held by the caller; null when none came back in time
   * @throws IllegalStateException when not started, closed, or the caller holds every raw buffer
   */
  public RawBuffer nextRawBuffer(long timeoutMillis) {
    long deadline = deadline(timeoutMillis);
    int polled = 0;
    while (true) {
      synchronized (device) {
        ensureStarted();
        for (RawBuffer b : raw) {
          if (b.state == RawBuffer.FREE) {
            b.state = RawBuffer.HELD;
            return b;
          }
        }
        int index = output.dequeue();
        if (index >= 0) {
          RawBuffer b = raw[index];
          b.state = RawBuffer.HELD;
          return b;
        }
        checkPoll(polled);
        boolean allHeld = true;
        for (RawBuffer b : raw) {
          allHeld &= b.state == RawBuffer.HELD;
        }
        if (allHeld) {
          throw new IllegalStateException(
              "all "
                  + raw.length
                  + " raw buffers of the encoder on "
                  + io.path
                  + " are held by the caller: queue or release one first");
        }
      }
      polled = await(V4l2Native.POLLOUT, timeoutMillis, deadline);
      if (polled == 0) {
        return null;
      }
    }
  }

  void queueRaw(RawBuffer b, int bytesUsed, long timestampNanos) {
    synchronized (device) {
      if (b.state != RawBuffer.HELD) {
        throw new IllegalStateException(
            "raw buffer " + b.index() + " is not held by the caller (queued, released or closed)");
      }
      if (bytesUsed < 1 || bytesUsed > b.capacity()) {
        throw new IllegalArgumentException(
            "bytes used must be 1.."
                + b.capacity()
                + " for raw buffer "
                + b.index()
                + ": "
                + bytesUsed);
      }
      output.queue(b.index(), bytesUsed, timestampNanos);
      b.state = RawBuffer.QUEUED;
    }
  }

  void releaseRaw(RawBuffer b) {
    synchronized (device) {
      if (b.state == RawBuffer.HELD) {
        b.state = RawBuffer.FREE;
      }
    }
  }

  /**
   * Waits for the next coded buffer ({@code poll} for {@code POLLIN}, then {@code VIDIOC_DQBUF} on
   * CAPTURE). A buffer flagged {@link CodedBuffer#error()} or {@link CodedBuffer#last()} (possibly
   * empty) is handed out too; after the last one this throws until {@link EncoderCommand#START}.
   *
   * @param timeoutMillis the longest wait
   * @return the buffer, held by the caller until {@link CodedBuffer#release()}; null when none came
   *     in time
   * @throws IllegalStateException when not started, closed, drained (the last buffer was dequeued),
   *     or the caller holds every coded buffer
   * @throws DeviceGoneException when the device went away or failed for good
   */
  public CodedBuffer nextCoded(long timeoutMillis) {
    long deadline = deadline(timeoutMillis);
    int polled = 0;
    while (true) {
      synchronized (device) {
        ensureStarted();
        ensureNotEnded();
        if (early != null) {
          CodedBuffer b = early;
          early = null;
          if (b.last()) {
            ended = true;
          }
          return b;
        }
        int index = capture.dequeue();
        if (index >= 0) {
          CodedBuffer b = coded[index];
          b.fill(
              capture.doneDataOffset,
              capture.doneBytesUsed,
              capture.doneFlags,
              capture.doneSequence,
              capture.doneTimestampNanos);
          if (b.last()) {
            ended = true;
          }
          return b;
        }
        if (index == M2mQueue.ENDED) {
          ended = true;
          ensureNotEnded();
        }
        checkPoll(polled);
        boolean allHeld = true;
        for (CodedBuffer b : coded) {
          allHeld &= b.state == CodedBuffer.HELD;
        }
        if (allHeld) {
          throw new IllegalStateException(
              "all "
                  + coded.length
                  + " coded buffers of the encoder on "
                  + io.path
                  + " are held by the caller: release one before calling nextCoded()");
        }
      }
      polled = await(V4l2Native.POLLIN, timeoutMillis, deadline);
      if (polled == 0) {
        return null;
      }
    }
  }

  void releaseCoded(CodedBuffer b) {
    synchronized (device) {
      if (b.state != CodedBuffer.HELD || !started) {
        return;
      }
      b.state = CodedBuffer.QUEUED;
      try {
        capture.queue(b.index(), 0, 0);
      } catch (RuntimeException e) {
        b.state = CodedBuffer.DEAD;
        throw e;
      }
    }
  }

  int copy(CodedBuffer b, ByteBuffer dst) {
    synchronized (device) {
      ByteBuffer view = b.checkedView();
      int n = view.remaining();
      if (dst.remaining() < n) {
        throw new IllegalArgumentException(
            "the destination has " + dst.remaining() + " bytes left, the coded buffer " + n);
      }
      int at = dst.position();
      dst.put(at, view, view.position(), n);
      dst.position(at + n);
      return n;
    }
  }

  byte[] toArray(CodedBuffer b) {
    synchronized (device) {
      ByteBuffer view = b.checkedView();
      byte[] out = new byte[view.remaining()];
      view.get(view.position(), out);
      return out;
    }
  }

  /**
   * Sends an encoder command ({@code VIDIOC_ENCODER_CMD}). {@link EncoderCommand#STOP} starts a
   * drain: read {@link #nextCoded(long)} until a buffer says {@link CodedBuffer#last()} (or use
   * {@link #drain(ByteBuffer, long)}); {@link EncoderCommand#START} resumes after it. A driver that
   * still refuses CAPTURE dequeues after START (EPIPE, as after the last buffer: vicodec in Linux
   * 6.1 does) is resumed the interface's other way, a STREAMOFF and STREAMON of the CAPTURE queue,
   * which resets the encoder: its next frame is a key frame.
   *
   * @param command the command
   * @throws DeviceBusyException when a drain is in progress (STOP or START again before it ended)
   * @throws InvalidRequestException when the encoder does not know the command
   */
  public void command(EncoderCommand command) {
    Objects.requireNonNull(command, "command");
    synchronized (device) {
      ensureOpen();
      prepare(io.layouts.encoderCmd()).set("cmd", command.code()).set("flags", command.flags());
      io.check(V4l2Ioctl.VIDIOC_ENCODER_CMD, scratch);
      if (command == EncoderCommand.START) {
        if (ended && started) {
          resumeCapture();
        }
        ended = false;
      }
    }
  }

  /**
   * After START resumed a drained encoder: asks the CAPTURE queue for a buffer. EPIPE means the
   * driver kept the state of "last buffer dequeued" (videobuf2 answers EPIPE before it looks for
   * done buffers, so nothing is lost): STREAMOFF, queue every coded buffer the caller does not
   * hold, STREAMON. A buffer that is already done is kept for the next {@link #nextCoded(long)}.
   * Caller holds the lock.
   */
  private void resumeCapture() {
    int index = capture.dequeue();
    if (index >= 0) {
      CodedBuffer b = coded[index];
      b.fill(
          capture.doneDataOffset,
          capture.doneBytesUsed,
          capture.doneFlags,
          capture.doneSequence,
          capture.doneTimestampNanos);
      early = b;
      return;
    }
    if (index != M2mQueue.ENDED) {
      return;
    }
    capture.streamOff();
    for (CodedBuffer c : coded) {
      if (c.state == CodedBuffer.QUEUED) {
        capture.queue(c.index(), 0, 0);
      }
    }
    capture.streamOn();
  }

  /**
   * Asks whether the encoder knows a command ({@code VIDIOC_TRY_ENCODER_CMD}), without running it.
   * A driver may accept a command while adjusting it: the kernel's mem2mem helper (vicodec, and
   * every driver that uses {@code v4l2_m2m_ioctl_try_encoder_cmd}) accepts {@link
   * EncoderCommand#STOP_AT_GOP_END} by clearing its flag, that is, it would drain at once. Such a
   * command is not supported as asked.
   *
   * @param command the command
   * @return false when the driver answers EINVAL or ENOTTY, or would run the command with another
   *     code or other flags than asked
   */
  public boolean supports(EncoderCommand command) {
    Objects.requireNonNull(command, "command");
    synchronized (device) {
      ensureOpen();
      NativeStruct s =
          prepare(io.layouts.encoderCmd()).set("cmd", command.code()).set("flags", command.flags());
      int r = io.call(V4l2Ioctl.VIDIOC_TRY_ENCODER_CMD, scratch);
      if (r == -Errno.EINVAL || r == -Errno.ENOTTY) {
        return false;
      }
      if (r < 0) {
        throw io.error("VIDIOC_TRY_ENCODER_CMD", r);
      }
      return s.getInt("cmd") == command.code() && s.getInt("flags") == command.flags();
    }
  }

  /**
   * Encodes one raw frame synchronously: takes a free OUTPUT buffer, copies {@code frame} into it,
   * queues it with a timestamp of its own, and copies into {@code out} every coded byte dequeued
   * until the buffer carrying that timestamp (header buffers before it included). Resumes ({@link
   * EncoderCommand#START}) first after a drain. For encoders that return each frame before needing
   * the next, as every real-time one does; the timestamps it sets are a counter, so mixing this
   * with {@link RawBuffer#queue(int, long)} needs distinct timestamps.
   *
   * @param frame the raw frame in the {@link #rawFormat()}, from its position to its limit (the
   *     position is not changed)
   * @param out receives the coded bytes at its position, which advances past them; needs {@link
   *     #codedBufferBytes()} bytes remaining
   * @param timeoutMillis the longest wait for a free buffer, and again for the coded frame
   * @return the bytes written and the frame's flags; {@link Encoded#error()} when the encoder
   *     flagged the frame (then nothing is written)
   * @throws IllegalArgumentException when {@code frame} is empty or larger than a raw buffer, or
   *     {@code out} too small
   * @throws V4l2Exception when no buffer or coded frame came in time, or the driver failed
   */
  public Encoded encode(ByteBuffer frame, ByteBuffer out, long timeoutMillis) {
    int n = frame.remaining();
    int room;
    synchronized (device) {
      ensureStarted();
      room = codedBufferBytes();
      if (out.remaining() < room) {
        throw new IllegalArgumentException(
            "out has " + out.remaining() + " bytes left; a coded buffer holds " + room);
      }
      if (ended) {
        command(EncoderCommand.START);
      }
    }
    RawBuffer b = nextRawBuffer(timeoutMillis);
    if (b == null) {
      throw new V4l2Exception(
          io.path,
          "encode",
          "no raw buffer came back from the encoder in " + timeoutMillis + " ms");
    }
    long timestamp;
    try {
      ByteBuffer into = b.data();
      if (n < 1 || n > into.capacity()) {
        throw new IllegalArgumentException(
            "a raw frame of " + n + " bytes: expected 1.." + into.capacity());
      }
      into.put(0, frame, frame.position(), n);
      synchronized (device) {
        timestamp = ++stamp * 1_000L;
      }
      b.queue(n, timestamp);
    } finally {
      b.release(); // no-op once queued
    }
    return receive(timestamp, out, timeoutMillis);
  }

  /**
   * Copies into {@code out} every coded byte the encoder returns up to and including the CAPTURE
   * buffer carrying {@code timestampNanos} (header buffers before it included): the synchronous
   * half of {@link #encode} for a frame queued with {@link RawBuffer#queue(int, long)}. An encoder
   * that returns the stream header in a buffer of its own with the frame's timestamp would end the
   * wait early: set its {@code sequence_header_mode} control to "Joined With 1st Frame".
   *
   * @param timestampNanos the timestamp the raw frame was queued with (to the microsecond)
   * @param out receives the bytes at its position, which advances past them
   * @param timeoutMillis the longest wait for each coded buffer
   * @return the bytes written and the frame's flags; {@link Encoded#error()} when the encoder
   *     flagged the frame (then {@code out} is left as it was)
   * @throws V4l2Exception when no coded buffer came in time, or the driver failed
   * @throws IllegalArgumentException when {@code out} is too small (its position is restored and
   *     the frame is lost)
   */
  public Encoded receive(long timestampNanos, ByteBuffer out, long timeoutMillis) {
    long timestamp = timestampNanos / 1_000L * 1_000L; // the driver keeps microseconds
    int written = 0;
    int start = out.position();
    while (true) {
      CodedBuffer c = nextCoded(timeoutMillis);
      if (c == null) {
        throw new V4l2Exception(
            io.path, "encode", "no coded frame came from the encoder in " + timeoutMillis + " ms");
      }
      try {
        boolean mine = c.timestampNanos() == timestamp;
        if (c.error()) {
          if (mine) {
            out.position(start);
            return new Encoded(0, c.flags());
          }
        } else if (c.bytesUsed() > 0) {
          if (out.remaining() < c.bytesUsed()) {
            out.position(start);
            throw new IllegalArgumentException(
                "out has "
                    + out.remaining()
                    + " bytes left, the encoder produced "
                    + c.bytesUsed()
                    + " more for this frame (after "
                    + written
                    + ")");
          }
          written += c.copyTo(out);
        }
        if (mine || c.last()) {
          return new Encoded(written, c.flags() & ~V4L2_BUF_FLAG_ERROR);
        }
      } finally {
        c.release();
      }
    }
  }

  /**
   * Drains the encoder: sends {@link EncoderCommand#STOP} and copies into {@code out} the coded
   * bytes of every frame queued before it, up to the buffer flagged {@link CodedBuffer#last()}. The
   * encoder is then stopped: {@link #encode} resumes it, as {@link EncoderCommand#START} does.
   *
   * @param out receives the bytes at its position, which advances
   * @param timeoutMillis the longest wait for each coded buffer
   * @return the bytes written
   * @throws V4l2Exception when no last buffer came in time
   * @throws IllegalArgumentException when {@code out} is too small (what did not fit is lost)
   */
  public int drain(ByteBuffer out, long timeoutMillis) {
    command(EncoderCommand.STOP);
    int written = 0;
    while (true) {
      CodedBuffer c = nextCoded(timeoutMillis);
      if (c == null) {
        throw new V4l2Exception(
            io.path, "drain", "no last buffer came from the encoder in " + timeoutMillis + " ms");
      }
      try {
        if (!c.error() && c.bytesUsed() > 0) {
          written += c.copyTo(out);
        }
        if (c.last()) {
          return written;
        }
      } finally {
        c.release();
      }
    }
  }

  /**
   * Stops encoding: {@code VIDIOC_STREAMOFF} on both queues (the encoder drops what it holds),
   * invalidates every buffer object and frees the buffers, so that formats can change and {@link
   * #start(int, int)} can run again. Every step is attempted; the first failure is thrown with
   * later ones suppressed. Does nothing when not started.
   */
  public void stop() {
    synchronized (device) {
      V4l2Exception failure = stopLocked(null);
      if (failure != null) {
        throw failure;
      }
    }
  }

  private V4l2Exception stopLocked(V4l2Exception failure) {
    if (!started) {
      return failure;
    }
    started = false;
    ended = false;
    early = null;
    for (RawBuffer b : raw) {
      b.kill();
    }
    for (CodedBuffer b : coded) {
      b.kill();
    }
    raw = new RawBuffer[0];
    coded = new CodedBuffer[0];
    failure = output.free(failure);
    failure = capture.free(failure);
    return failure;
  }

  /**
   * Stops encoding if started, then closes the descriptor. Every step is attempted; the first
   * failure is thrown afterwards with later ones suppressed. A device that is gone (ENODEV) or
   * failed for good (EIO) does not count as a failure. Idempotent.
   */
  @Override
  public void close() {
    synchronized (device) {
      if (closed) {
        return;
      }
      closed = true;
      V4l2Exception failure = stopLocked(null);
      try {
        device.close();
      } catch (V4l2Exception e) {
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
  }

  /**
   * Tells whether {@link #close()} has been called.
   *
   * @return true when open
   */
  public boolean isOpen() {
    synchronized (device) {
      return !closed;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the encoder on " + io.path + " is closed");
    }
  }

  private void ensureStarted() {
    ensureOpen();
    if (!started) {
      throw new IllegalStateException(
          "the encoder on " + io.path + " is not started: call start(rawBuffers, codedBuffers)");
    }
  }

  private void ensureNotEnded() {
    if (ended) {
      throw new IllegalStateException(
          "the encoder on "
              + io.path
              + " is drained (its last buffer was dequeued): command(EncoderCommand.START)"
              + " resumes it");
    }
  }

  private static long deadline(long timeoutMillis) {
    if (timeoutMillis < 0 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
      return Long.MAX_VALUE;
    }
    return System.nanoTime() + timeoutMillis * 1_000_000L;
  }

  /**
   * Waits in {@code poll} for {@code events} until the deadline, without the lock.
   *
   * @return the events, or 0 when the deadline passed
   */
  private int await(int events, long timeoutMillis, long deadline) {
    while (true) {
      int wait;
      if (deadline == Long.MAX_VALUE) {
        wait = -1;
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return 0;
        }
        wait = (int) Math.min(Integer.MAX_VALUE, (left + 999_999L) / 1_000_000L);
      }
      int r = io.sys.poll(io.fd, events, wait);
      if (r == -Errno.EINTR) {
        continue;
      }
      if (r < 0) {
        throw io.error("poll", r);
      }
      if ((r & V4l2Native.POLLNVAL) != 0) {
        synchronized (device) {
          ensureOpen();
        }
        throw new V4l2Exception(io.path, "poll", "POLLNVAL: the descriptor is not open");
      }
      if (r == 0) {
        if (timeoutMillis == 0 || deadline != Long.MAX_VALUE) {
          return 0;
        }
        continue;
      }
      return r;
    }
  }

  /**
   * After a dequeue found nothing: throws when the {@code poll} before it said nothing can become
   * ready (POLLHUP: the device is gone; POLLERR: no buffer is queued on either queue, or a queue is
   * not streaming). Caller holds the lock.
   */
  private void checkPoll(int polled) {
    if ((polled & V4l2Native.POLLHUP) != 0) {
      throw new DeviceGoneException(io.path, "poll", Errno.ENODEV);
    }
    if ((polled & V4l2Native.POLLERR) != 0) {
      throw new IllegalStateException(
          "nothing can become ready on "
              + io.path
              + " (poll says POLLERR: no buffer is queued on either queue, or a queue is not"
              + " streaming)");
    }
  }

  private NativeStruct prepare(StructLayout layout) {
    NativeStruct s = NativeStruct.wrap(layout, scratch);
    s.clear();
    return s;
  }

  @Override
  public String toString() {
    Capabilities c = device.capabilities();
    return "M2mEncoder[" + io.path + ", " + c.driver() + ", " + c.card() + "]";
  }
}
