package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_DONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_ERROR;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_LAST;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_MAPPED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_QUEUED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_COPY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_TIMEPERFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_ENC_CMD_START;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_ENC_CMD_STOP;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_EVENT_ALL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_EVENT_EOS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_EVENT_SOURCE_CHANGE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_ANY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FMT_FLAG_COMPRESSED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FRMSIZE_TYPE_STEPWISE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MEMORY_MMAP;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.Field;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One open descriptor of the simulated encoder: a mem2mem context of its own (formats, controls,
 * both queues, the H.264 stream, the drain state and events are per file handle, as v4l2-mem2mem
 * makes them), answering every ioctl the stateful encoder interface uses. A job (one raw frame into
 * one CAPTURE buffer) runs as soon as both queues stream and each has a buffer queued, on the ioctl
 * that made that so. Guarded by the encoder's lock.
 */
final class EncoderContext {
  /** The raw formats of the OUTPUT queue, in {@code VIDIOC_ENUM_FMT} order. */
  static final List<Integer> RAW_FORMATS = List.of(FourCc.YUYV, FourCc.YUV420, FourCc.NV12);

  static final List<String> RAW_DESCRIPTIONS =
      List.of("YUYV 4:2:2", "Planar YUV 4:2:0", "Y/UV 4:2:0");

  static final int MIN_SIZE = 32;
  static final int MAX_WIDTH = 1920;
  static final int MAX_HEIGHT = 1088;

  /** {@code V4L2_COLORSPACE_SMPTE170M}: BT.601, what the stream's VUI says. */
  static final int COLORSPACE_SMPTE170M = 1;

  /** {@code V4L2_BUF_CAP_SUPPORTS_MMAP | V4L2_BUF_CAP_SUPPORTS_ORPHANED_BUFS}. */
  static final int BUF_CAPS = 0x01 | 0x10;

  private record Event(int type, long sequence, long nanos) {}

  final int fd;
  final boolean nonBlocking;
  final int generation;
  final EncoderQueue output = new EncoderQueue(true);
  final EncoderQueue capture = new EncoderQueue(false);
  final EncoderControls controls = new EncoderControls();
  private final boolean multiplanar;
  private final V4l2Layouts layouts;
  private final ControlIoctls controlIoctls;
  private final EncoderFaultState faults;
  private final H264PcmStream stream = new H264PcmStream();
  private final Set<Integer> subscribed = new HashSet<>();
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private final Field bufIndex;
  private final Field bufType;
  private final Field bufMemory;
  private final Field bufLength;
  private final Field bufPlanes;

  private int rawFormat = FourCc.YUYV;
  private int width = 640;
  private int height = 480;
  private int codedSize = H264PcmStream.maxAccessUnitBytes(640, 480);
  private int fpsNum = 1;
  private int fpsDen = 30;
  private boolean draining;
  private boolean lastPending;
  private boolean lastDequeued;
  private boolean stopped;
  private long eventSequence;

  /** Set by a fatal error: every ioctl answers EIO. */
  boolean failed;

  EncoderContext(
      int fd,
      boolean nonBlocking,
      int generation,
      Abi abi,
      boolean multiplanar,
      EncoderFaultState faults) {
    this.fd = fd;
    this.nonBlocking = nonBlocking;
    this.generation = generation;
    this.multiplanar = multiplanar;
    this.layouts = V4l2Layouts.of(abi);
    this.controlIoctls = new ControlIoctls(abi);
    this.faults = faults;
    StructLayout b = layouts.buffer();
    this.bufIndex = b.field("index");
    this.bufType = b.field("type");
    this.bufMemory = b.field("memory");
    this.bufLength = b.field("length");
    this.bufPlanes = b.field("m.planes");
  }

  int outputType() {
    return multiplanar ? V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE : V4L2_BUF_TYPE_VIDEO_OUTPUT;
  }

  int captureType() {
    return multiplanar ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE : V4L2_BUF_TYPE_VIDEO_CAPTURE;
  }

  private EncoderQueue queue(int type) {
    return type == outputType() ? output : type == captureType() ? capture : null;
  }

  /** Bytes of one raw frame in the current format. */
  int rawSize() {
    return rawFormat == FourCc.YUYV ? width * height * 2 : width * height * 3 / 2;
  }

  private int rawBytesPerLine() {
    return rawFormat == FourCc.YUYV ? width * 2 : width;
  }

  /** Buffers allocated on both queues. */
  int allocated() {
    return output.buffers.length + capture.buffers.length;
  }

  /** The descriptor is closed: everything goes (mapped buffers are orphaned). */
  void release() {
    output.free();
    capture.free();
  }

  /** The poll mask of v4l2-mem2mem ({@code v4l2_m2m_poll}) plus POLLPRI for a pending event. */
  int pollMask(int wanted) {
    if (failed) {
      return FakeH264Encoder.POLLERR;
    }
    int mask = 0;
    if ((wanted & FakeH264Encoder.POLLPRI) != 0 && !events.isEmpty()) {
      mask |= FakeH264Encoder.POLLPRI;
    }
    if ((wanted & (FakeH264Encoder.POLLIN | FakeH264Encoder.POLLOUT)) != 0) {
      boolean outputIdle = !output.streaming || output.idle();
      boolean captureIdle = !capture.streaming || (capture.idle() && !lastDequeued);
      if (outputIdle && captureIdle) {
        mask |= FakeH264Encoder.POLLERR;
      }
      if (!output.done.isEmpty()) {
        mask |= FakeH264Encoder.POLLOUT;
      }
      if (!capture.done.isEmpty() || lastDequeued) {
        mask |= FakeH264Encoder.POLLIN;
      }
    }
    return mask;
  }

  int ioctl(V4l2Ioctl io, Pointer arg) {
    if (failed) {
      return -Errno.EIO;
    }
    int r = dispatch(io, arg);
    run();
    return r;
  }

  private int dispatch(V4l2Ioctl io, Pointer arg) {
    return switch (io) {
      case VIDIOC_QUERYCAP -> -Errno.ENOTTY; // answered by the device
      case VIDIOC_ENUM_FMT -> enumFormat(NativeStruct.wrap(layouts.fmtdesc(), arg));
      case VIDIOC_G_FMT, VIDIOC_S_FMT, VIDIOC_TRY_FMT ->
          format(io, NativeStruct.wrap(layouts.format(), arg));
      case VIDIOC_ENUM_FRAMESIZES -> frameSizes(NativeStruct.wrap(layouts.frmSizeEnum(), arg));
      case VIDIOC_G_PARM, VIDIOC_S_PARM ->
          parm(io == V4l2Ioctl.VIDIOC_S_PARM, NativeStruct.wrap(layouts.streamParm(), arg));
      case VIDIOC_REQBUFS -> reqbufs(NativeStruct.wrap(layouts.requestBuffers(), arg));
      case VIDIOC_QUERYBUF -> querybuf(arg);
      case VIDIOC_QBUF -> qbuf(arg);
      case VIDIOC_DQBUF -> dqbuf(arg);
      case VIDIOC_STREAMON -> stream(arg.getInt(0), true);
      case VIDIOC_STREAMOFF -> stream(arg.getInt(0), false);
      case VIDIOC_QUERYCTRL -> controls.query(NativeStruct.wrap(layouts.queryCtrl(), arg), false);
      case VIDIOC_QUERY_EXT_CTRL ->
          controls.query(NativeStruct.wrap(layouts.queryExtCtrl(), arg), true);
      case VIDIOC_QUERYMENU -> controls.queryMenu(NativeStruct.wrap(layouts.queryMenu(), arg));
      case VIDIOC_G_CTRL -> controlIoctls.single(controls, arg, false);
      case VIDIOC_S_CTRL -> controlIoctls.single(controls, arg, true);
      case VIDIOC_G_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.GET);
      case VIDIOC_S_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.SET);
      case VIDIOC_TRY_EXT_CTRLS -> controlIoctls.extended(controls, arg, ControlIoctls.Kind.TRY);
      case VIDIOC_ENCODER_CMD -> encoderCommand(NativeStruct.wrap(layouts.encoderCmd(), arg), true);
      case VIDIOC_TRY_ENCODER_CMD ->
          encoderCommand(NativeStruct.wrap(layouts.encoderCmd(), arg), false);
      case VIDIOC_SUBSCRIBE_EVENT ->
          subscribe(NativeStruct.wrap(layouts.eventSubscription(), arg), true);
      case VIDIOC_UNSUBSCRIBE_EVENT ->
          subscribe(NativeStruct.wrap(layouts.eventSubscription(), arg), false);
      case VIDIOC_DQEVENT -> dqevent(NativeStruct.wrap(layouts.event(), arg));
      // A mem2mem device has no inputs and enumerates no frame intervals (optional for encoders).
      case VIDIOC_ENUMINPUT, VIDIOC_G_INPUT, VIDIOC_ENUM_FRAMEINTERVALS -> -Errno.ENOTTY;
    };
  }

  // ---- formats --------------------------------------------------------------------------

  private int enumFormat(NativeStruct s) {
    EncoderQueue q = queue(s.getInt("type"));
    long index = s.get("index");
    int count = q == null ? 0 : q.output ? RAW_FORMATS.size() : 1;
    if (index < 0 || index >= count) {
      return -Errno.EINVAL;
    }
    int type = s.getInt("type");
    s.clear();
    s.set("index", index).set("type", type);
    if (q.output) {
      s.set("pixelformat", RAW_FORMATS.get((int) index) & 0xFFFF_FFFFL)
          .setString("description", RAW_DESCRIPTIONS.get((int) index));
    } else {
      s.set("pixelformat", FourCc.H264)
          .set("flags", V4L2_FMT_FLAG_COMPRESSED)
          .setString("description", "H.264");
    }
    return 0;
  }

  private int format(V4l2Ioctl io, NativeStruct s) {
    int type = s.getInt("type");
    EncoderQueue q = queue(type);
    if (q == null) {
      return -Errno.EINVAL;
    }
    String p = multiplanar ? "fmt.pix_mp." : "fmt.pix.";
    int rawFourcc = rawFormat;
    int w = width;
    int h = height;
    int coded = codedSize;
    if (io != V4l2Ioctl.VIDIOC_G_FMT) {
      if (q.output) {
        int asked = s.getInt(p + "pixelformat");
        rawFourcc = RAW_FORMATS.contains(asked) ? asked : FourCc.YUYV;
        w = clampEven(s.getInt(p + "width"), MAX_WIDTH);
        h = clampEven(s.getInt(p + "height"), MAX_HEIGHT);
        coded = Math.max(coded, H264PcmStream.maxAccessUnitBytes(w, h));
      } else {
        long asked = multiplanar ? s.get(p + "plane_fmt[0].sizeimage") : s.get(p + "sizeimage");
        coded = (int) Math.max(H264PcmStream.maxAccessUnitBytes(w, h), Math.min(asked, 1 << 26));
      }
      if (io == V4l2Ioctl.VIDIOC_S_FMT) {
        boolean busy = q.output ? output.buffers.length > 0 : allocated() > 0;
        if (busy) {
          return -Errno.EBUSY;
        }
        rawFormat = rawFourcc;
        width = w;
        height = h;
        codedSize = coded;
      }
    }
    s.clear();
    s.set("type", type)
        .set(p + "width", w)
        .set(p + "height", h)
        .set(p + "pixelformat", (q.output ? rawFourcc : FourCc.H264) & 0xFFFF_FFFFL)
        .set(p + "field", V4L2_FIELD_NONE)
        .set(p + "colorspace", COLORSPACE_SMPTE170M);
    int stride = q.output ? (rawFourcc == FourCc.YUYV ? w * 2 : w) : 0;
    int size = q.output ? (rawFourcc == FourCc.YUYV ? w * h * 2 : w * h * 3 / 2) : coded;
    if (multiplanar) {
      s.set(p + "num_planes", 1)
          .set(p + "plane_fmt[0].sizeimage", size)
          .set(p + "plane_fmt[0].bytesperline", stride);
    } else {
      s.set(p + "sizeimage", size).set(p + "bytesperline", stride);
    }
    return 0;
  }

  private static int clampEven(int value, int max) {
    return Math.max(MIN_SIZE, Math.min(max, value)) & ~1;
  }

  private int frameSizes(NativeStruct s) {
    int fourcc = s.getInt("pixel_format");
    if (s.get("index") != 0 || !(fourcc == FourCc.H264 || RAW_FORMATS.contains(fourcc))) {
      return -Errno.EINVAL;
    }
    s.set("type", V4L2_FRMSIZE_TYPE_STEPWISE)
        .set("stepwise.min_width", MIN_SIZE)
        .set("stepwise.max_width", MAX_WIDTH)
        .set("stepwise.step_width", 2)
        .set("stepwise.min_height", MIN_SIZE)
        .set("stepwise.max_height", MAX_HEIGHT)
        .set("stepwise.step_height", 2);
    return 0;
  }

  /** {@code G/S_PARM} on OUTPUT: the frame interval, which is also the stream's frame rate. */
  private int parm(boolean set, NativeStruct s) {
    if (s.getInt("type") != outputType()) {
      return -Errno.EINVAL;
    }
    if (set) {
      long n = s.get("parm.output.timeperframe.numerator");
      long d = s.get("parm.output.timeperframe.denominator");
      if (n <= 0 || d <= 0 || n > 1000 || d > 1_000_000 || d / n > 240) {
        n = 1;
        d = 30;
      }
      fpsNum = (int) n;
      fpsDen = (int) d;
    }
    int type = s.getInt("type");
    s.clear();
    s.set("type", type)
        .set("parm.output.capability", V4L2_CAP_TIMEPERFRAME)
        .set("parm.output.timeperframe.numerator", fpsNum)
        .set("parm.output.timeperframe.denominator", fpsDen);
    return 0;
  }

  // ---- buffers ----------------------------------------------------------------------------

  private int reqbufs(NativeStruct req) {
    EncoderQueue q = queue(req.getInt("type"));
    if (q == null || req.getInt("memory") != V4L2_MEMORY_MMAP) {
      return -Errno.EINVAL;
    }
    if (q.streaming) {
      return -Errno.EBUSY;
    }
    int granted = q.allocate(req.get("count"), q.output ? rawSize() : codedSize);
    if (!q.output) {
      resetStream();
    }
    req.set("count", granted).set("capabilities", BUF_CAPS).set("flags", 0);
    return 0;
  }

  /** The buffer an argument names, or null: valid type, memory, index (and planes when mplane). */
  private Buffer lookup(Pointer arg, EncoderQueue q, boolean checkMemory) {
    long i = bufIndex.get(arg);
    if (q == null || (checkMemory && bufMemory.getInt(arg) != V4L2_MEMORY_MMAP)) {
      return null;
    }
    if (multiplanar && (bufLength.get(arg) < 1 || bufPlanes.get(arg) == 0)) {
      return null;
    }
    return i >= 0 && i < q.buffers.length ? q.buffers[(int) i] : null;
  }

  private int querybuf(Pointer arg) {
    EncoderQueue q = queue(bufType.getInt(arg));
    Buffer b = lookup(arg, q, false);
    if (b == null) {
      return -Errno.EINVAL;
    }
    describe(arg, q, b);
    return 0;
  }

  private int qbuf(Pointer arg) {
    EncoderQueue q = queue(bufType.getInt(arg));
    Buffer b = lookup(arg, q, true);
    if (b == null || b.state != Buffer.State.DEQUEUED) {
      return -Errno.EINVAL;
    }
    if (faults.qbufFailures > 0) {
      faults.qbufFailures--;
      return -faults.qbufErrno;
    }
    if (q.output) {
      int field = NativeStruct.wrap(layouts.buffer(), arg).getInt("field");
      if (field != V4L2_FIELD_ANY && field != V4L2_FIELD_NONE) {
        return -Errno.EINVAL; // progressive frames only (ANY is taken as NONE), as vicodec
      }
      long used;
      if (multiplanar) {
        used = NativeStruct.wrap(layouts.plane(), planes(arg)).get("bytesused");
      } else {
        used = NativeStruct.wrap(layouts.buffer(), arg).get("bytesused");
      }
      if (used > b.length) {
        return -Errno.EINVAL;
      }
      // videobuf2: an OUTPUT buffer queued with bytesused 0 counts as full (a deprecated habit).
      b.bytesUsed = used == 0 ? b.length : (int) used;
      NativeStruct s = NativeStruct.wrap(layouts.buffer(), arg);
      b.timestampNanos =
          s.get("timestamp.tv_sec") * 1_000_000_000L + s.get("timestamp.tv_usec") * 1_000L;
    }
    b.flags = 0;
    b.state = Buffer.State.QUEUED;
    q.queued.add(b);
    describe(arg, q, b);
    return 0;
  }

  private int dqbuf(Pointer arg) {
    EncoderQueue q = queue(bufType.getInt(arg));
    if (q == null
        || bufMemory.getInt(arg) != V4L2_MEMORY_MMAP
        || (multiplanar && (bufLength.get(arg) < 1 || bufPlanes.get(arg) == 0))) {
      return -Errno.EINVAL;
    }
    if (!q.streaming) {
      return -Errno.EINVAL;
    }
    if (!q.output && lastDequeued) {
      return -Errno.EPIPE;
    }
    Buffer b = q.done.poll();
    if (b == null) {
      return -Errno.EAGAIN;
    }
    b.state = Buffer.State.DEQUEUED;
    describe(arg, q, b);
    if (!q.output && (b.flags & V4L2_BUF_FLAG_LAST) != 0) {
      lastDequeued = true; // the drain is over: the encoder is stopped
      draining = false;
      stopped = true;
    }
    return 0;
  }

  private Pointer planes(Pointer arg) {
    return new Pointer(bufPlanes.get(arg));
  }

  /** Fills a {@code v4l2_buffer} (and its plane) the way videobuf2 reports a buffer. */
  private void describe(Pointer arg, EncoderQueue q, Buffer b) {
    Pointer planes = multiplanar ? planes(arg) : null;
    NativeStruct s = NativeStruct.wrap(layouts.buffer(), arg);
    s.clear();
    int flags = V4L2_BUF_FLAG_TIMESTAMP_COPY | b.flags;
    if (b.mapCount > 0) {
      flags |= V4L2_BUF_FLAG_MAPPED;
    }
    if (b.state == Buffer.State.QUEUED) {
      flags |= V4L2_BUF_FLAG_QUEUED;
    } else if (b.state == Buffer.State.DONE) {
      flags |= V4L2_BUF_FLAG_DONE;
    }
    s.set("index", b.index)
        .set("type", q.output ? outputType() : captureType())
        .set("flags", flags & 0xFFFF_FFFFL)
        .set("field", V4L2_FIELD_NONE)
        .set("timestamp.tv_sec", Math.floorDiv(b.timestampNanos, 1_000_000_000L))
        .set("timestamp.tv_usec", Math.floorMod(b.timestampNanos, 1_000_000_000L) / 1_000L)
        .set("sequence", b.sequence & 0xFFFF_FFFFL)
        .set("memory", V4L2_MEMORY_MMAP);
    if (multiplanar) {
      s.set("length", 1).set("m.planes", Pointer.nativeValue(planes));
      NativeStruct plane = NativeStruct.wrap(layouts.plane(), planes);
      plane.clear();
      plane.set("bytesused", b.bytesUsed).set("length", b.length).set("m.mem_offset", b.offset);
    } else {
      s.set("bytesused", b.bytesUsed).set("length", b.length).set("m.offset", b.offset);
    }
  }

  private int stream(int type, boolean on) {
    EncoderQueue q = queue(type);
    if (q == null || q.buffers.length == 0) {
      return -Errno.EINVAL;
    }
    if (on) {
      q.streaming = true;
      if (q.output) {
        stopped = false; // Stopped -> Encoding (frames queued since the drain are kept here)
        lastDequeued = false;
      } else {
        controls.streaming(true);
      }
      return 0;
    }
    q.cancel();
    if (q.output) {
      if (draining) {
        lastPending = true; // the drain completes at once: the next CAPTURE buffer is the last
      }
    } else {
      controls.streaming(false);
      resetStream(); // Reset: the next frame starts an independent stream (SPS, PPS, IDR)
    }
    return 0;
  }

  private void resetStream() {
    stream.reset();
    draining = false;
    lastPending = false;
    lastDequeued = false;
    stopped = false;
  }

  // ---- commands and events ----------------------------------------------------------------

  private int encoderCommand(NativeStruct s, boolean execute) {
    int cmd = s.getInt("cmd");
    if ((cmd != V4L2_ENC_CMD_START && cmd != V4L2_ENC_CMD_STOP) || s.getInt("flags") != 0) {
      return -Errno.EINVAL;
    }
    if (!execute || !output.streaming || !capture.streaming) {
      return 0; // the interface: a command while a queue is not streaming does nothing
    }
    if (draining) {
      return -Errno.EBUSY;
    }
    if (cmd == V4L2_ENC_CMD_STOP) {
      if (!stopped) {
        draining = true;
        if (output.queued.isEmpty()) {
          lastPending = true; // nothing to encode: an empty buffer flagged LAST ends it
        }
      }
    } else {
      stopped = false;
      lastDequeued = false;
    }
    return 0;
  }

  private int subscribe(NativeStruct s, boolean on) {
    int type = s.getInt("type");
    if (!on) {
      if (type == V4L2_EVENT_ALL) {
        subscribed.clear();
      } else {
        subscribed.remove(type);
      }
      return 0;
    }
    // As bcm2835-codec: EOS, and source change (which an encoder never raises).
    if (type != V4L2_EVENT_EOS && type != V4L2_EVENT_SOURCE_CHANGE) {
      return -Errno.EINVAL;
    }
    subscribed.add(type);
    return 0;
  }

  private int dqevent(NativeStruct s) {
    Event e = events.poll();
    if (e == null) {
      return -Errno.ENOENT;
    }
    s.clear();
    s.set("type", e.type())
        .set("sequence", e.sequence() & 0xFFFF_FFFFL)
        .set("pending", events.size())
        .set("timestamp.tv_sec", e.nanos() / 1_000_000_000L)
        .set("timestamp.tv_nsec", e.nanos() % 1_000_000_000L);
    return 0;
  }

  private void raise(int type) {
    if (subscribed.contains(type)) {
      events.add(new Event(type, eventSequence++, System.nanoTime()));
    }
  }

  // ---- the encoder ------------------------------------------------------------------------

  /** Runs every job that can run now. */
  private void run() {
    while (output.streaming && capture.streaming && !faults.hung && !capture.queued.isEmpty()) {
      if (lastPending) {
        Buffer c = capture.queued.poll();
        c.bytesUsed = 0;
        c.flags = V4L2_BUF_FLAG_LAST;
        c.timestampNanos = 0;
        capture.finish(c);
        lastPending = false;
        raise(V4L2_EVENT_EOS);
        continue;
      }
      if (stopped || output.queued.isEmpty()) {
        return;
      }
      Buffer o = output.queued.poll();
      Buffer c = capture.queued.poll();
      encode(o, c);
      output.finish(o);
      if (draining && output.queued.isEmpty()) {
        c.flags |= V4L2_BUF_FLAG_LAST;
      }
      capture.finish(c);
      if ((c.flags & V4L2_BUF_FLAG_LAST) != 0) {
        raise(V4L2_EVENT_EOS);
      }
    }
  }

  /** Encodes raw buffer {@code o} into coded buffer {@code c}. */
  private void encode(Buffer o, Buffer c) {
    c.timestampNanos = o.timestampNanos;
    c.bytesUsed = 0;
    if (faults.errorFrames > 0) {
      faults.errorFrames--;
      c.flags = V4L2_BUF_FLAG_ERROR;
      return;
    }
    if (o.bytesUsed < rawSize()) {
      o.flags = V4L2_BUF_FLAG_ERROR; // a short frame: the encoder cannot use it
      c.flags = V4L2_BUF_FLAG_ERROR;
      return;
    }
    ByteBuffer raw = o.view.duplicate().clear();
    Yuv420Picture picture = Yuv420Picture.of(rawFormat, raw, width, height, rawBytesPerLine());
    H264PcmStream.Settings settings =
        new H264PcmStream.Settings(
            controls.constrainedBaseline(),
            controls.levelIndex(),
            controls.repeatHeaders(),
            controls.idrPeriod(),
            fpsNum,
            fpsDen);
    ByteBuffer into = c.view.duplicate().clear();
    try {
      H264PcmStream.Coded coded =
          stream.encode(picture, controls.takeKeyFrameRequest(), settings, into);
      c.bytesUsed = coded.bytes();
      c.flags = coded.flags();
    } catch (BufferOverflowException e) {
      c.flags = V4L2_BUF_FLAG_ERROR; // a CAPTURE buffer too small: returned flagged
    }
  }
}
