package io.eyetoystreamer.v4l2.testsupport;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_ERROR;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_KEYFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_LAST;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_TIMESTAMP_COPY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_DEVICE_CAPS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_STREAMING;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_M2M;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_VIDEO_M2M_MPLANE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_ENC_CMD_START;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_ENC_CMD_STOP;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_EVENT_EOS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FMT_FLAG_COMPRESSED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MEMORY_MMAP;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small scripted mem2mem encoder behind the native seam, for tests of {@code M2mEncoder}: one
 * node, raw {@code YU12} in, a made-up coded format out ({@code FWHT}, as vicodec's), single- or
 * multi-planar, mmap buffers of real native memory, the stateful encoder interface's drain (LAST,
 * EPIPE, EOS) and start. Its "codec" is trivial so tests can check bytes: a frame of {@code n}
 * bytes becomes {@link #HEADER} followed by the frame with 1 added to every byte. Tests script
 * errnos for the next call of an ioctl, an error-flagged frame, a separate header buffer before the
 * first frame, and an unplug. Jobs run as soon as both queues have a buffer queued. Thread-safe
 * (every call is synchronized; {@code poll} waits on the monitor).
 */
public final class ScriptedEncoder implements V4l2Native {
  /** The node this encoder answers on. */
  public static final String PATH = "/dev/video11";

  /** The bytes in front of every coded frame. */
  public static final byte[] HEADER = {'F', 'R', 'M', '!'};

  /** The bytes of the separate header buffer ({@link #separateHeader()}). */
  public static final byte[] STREAM_HEADER = {'S', 'E', 'Q', 'H'};

  private static final long CAPTURE_OFFSETS = 0x4000_0000L;
  private static final long OFFSET_STEP = 0x10_0000L;

  private final Abi abi;
  private final boolean multiplanar;
  private final V4l2Layouts layouts;
  private final Map<V4l2Ioctl, Deque<Integer>> failures = new EnumMap<>(V4l2Ioctl.class);
  private final Set<Integer> fds = new HashSet<>();
  private final Map<Long, Memory> mapped = new HashMap<>();
  private final Map<Long, Memory> detached = new HashMap<>();
  private final Queue out = new Queue(true);
  private final Queue cap = new Queue(false);
  private final Deque<int[]> pendingEvents = new ArrayDeque<>();

  private int nextFd = 3;
  private int width = 64;
  private int height = 48;
  private int codedSize = 64 * 48 * 3 / 2 + 64;
  private boolean gone;
  private boolean eosSubscribed;
  private boolean draining;
  private boolean stopped;
  private boolean lastDequeued;
  private boolean lastPending;
  private int errorFrames;
  private boolean headerFirst;
  private boolean headerSent;
  private int eventSequence;
  private int captureSequence;
  private boolean clearsCommandFlags;
  private boolean keepsLastAfterStart;
  private int captureStreamOffs;

  /** One queue's buffers. */
  private static final class Queue {
    final boolean output;
    Memory[] memory = new Memory[0];
    int[] state = new int[0]; // 0 app, 1 queued, 2 done
    int[] used = new int[0];
    int[] flags = new int[0];
    long[] stamp = new long[0];
    long[] sequence = new long[0];
    final Deque<Integer> queued = new ArrayDeque<>();
    final Deque<Integer> done = new ArrayDeque<>();
    boolean streaming;

    Queue(boolean output) {
      this.output = output;
    }
  }

  /**
   * Creates an encoder speaking an ABI.
   *
   * @param abi the ABI the library must use
   * @param multiplanar true for a {@code VIDEO_M2M_MPLANE} device
   */
  public ScriptedEncoder(Abi abi, boolean multiplanar) {
    this.abi = abi;
    this.multiplanar = multiplanar;
    this.layouts = V4l2Layouts.of(abi);
  }

  /**
   * Makes the next call of an ioctl fail.
   *
   * @param io the ioctl
   * @param errno the positive errno
   * @return this
   */
  public synchronized ScriptedEncoder failNext(V4l2Ioctl io, int errno) {
    failures.computeIfAbsent(io, k -> new ArrayDeque<>()).add(errno);
    return this;
  }

  /**
   * Flags the next coded frames {@code V4L2_BUF_FLAG_ERROR}, with no bytes.
   *
   * @param frames how many
   * @return this
   */
  public synchronized ScriptedEncoder flagErrorFrames(int frames) {
    errorFrames = frames;
    return this;
  }

  /**
   * Returns {@link #STREAM_HEADER} in a buffer of its own (timestamp 0) before the first frame.
   *
   * @return this
   */
  public synchronized ScriptedEncoder separateHeader() {
    headerFirst = true;
    return this;
  }

  /**
   * Answers encoder commands as the kernel's mem2mem helper {@code v4l2_m2m_ioctl_try_encoder_cmd}
   * does (vicodec): STOP and START are accepted whatever their flags, which are cleared.
   *
   * @return this
   */
  public synchronized ScriptedEncoder clearsCommandFlags() {
    clearsCommandFlags = true;
    return this;
  }

  /**
   * Keeps the state of "last buffer dequeued" through a START after a drain, as vicodec in Linux
   * 6.1 does: DQBUF on CAPTURE answers EPIPE until the CAPTURE queue is streamed off.
   *
   * @return this
   */
  public synchronized ScriptedEncoder keepsLastAfterStart() {
    keepsLastAfterStart = true;
    return this;
  }

  /**
   * Counts the STREAMOFF calls on the CAPTURE queue (freeing included).
   *
   * @return the count
   */
  public synchronized int captureStreamOffs() {
    return captureStreamOffs;
  }

  /** Unplugs the device: every call answers ENODEV, {@code poll} POLLERR | POLLHUP. */
  public synchronized void unplug() {
    gone = true;
    notifyAll();
  }

  /**
   * Counts the buffers mapped and not yet detached or unmapped.
   *
   * @return mapped buffers
   */
  public synchronized int mappedBuffers() {
    return mapped.size();
  }

  /**
   * Counts the buffers allocated on both queues.
   *
   * @return allocated buffers
   */
  public synchronized int allocatedBuffers() {
    return out.memory.length + cap.memory.length;
  }

  /**
   * Counts the open descriptors.
   *
   * @return descriptors
   */
  public synchronized int openDescriptors() {
    return fds.size();
  }

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
    if (!PATH.equals(path) || gone) {
      return -Errno.ENOENT;
    }
    fds.add(nextFd);
    return nextFd++;
  }

  @Override
  public synchronized int close(int fd) {
    if (!fds.remove(fd)) {
      return -Errno.EBADF;
    }
    free(out);
    free(cap);
    notifyAll();
    return 0;
  }

  @Override
  public synchronized long mmap(long length, int prot, int flags, int fd, long offset) {
    if (!fds.contains(fd)) {
      return -Errno.EBADF;
    }
    if (gone) {
      return -Errno.ENODEV;
    }
    Queue q = offset >= CAPTURE_OFFSETS ? cap : out;
    long index = (offset - (q == cap ? CAPTURE_OFFSETS : 0)) / OFFSET_STEP;
    if (index < 0 || index >= q.memory.length || length > q.memory[(int) index].size()) {
      return -Errno.EINVAL;
    }
    Memory m = q.memory[(int) index];
    mapped.put(Pointer.nativeValue(m), m);
    return Pointer.nativeValue(m);
  }

  @Override
  public synchronized int munmap(long address, long length) {
    return mapped.remove(address) != null || detached.remove(address) != null ? 0 : -Errno.EINVAL;
  }

  @Override
  public synchronized int detach(long address, long length) {
    Memory m = mapped.remove(address);
    if (m == null) {
      return -Errno.EINVAL;
    }
    detached.put(address, m);
    return 0;
  }

  @Override
  public synchronized int poll(int fd, int events, int timeoutMillis) {
    if (!fds.contains(fd)) {
      return POLLNVAL;
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      if (gone) {
        return POLLERR | POLLHUP;
      }
      int mask = 0;
      if (!pendingEvents.isEmpty() && (events & POLLPRI) != 0) {
        mask |= POLLPRI;
      }
      if ((events & (POLLIN | POLLOUT)) != 0) {
        // v4l2_m2m_poll: nothing queued (or done and not dequeued) on either side is an error.
        boolean outIdle = !out.streaming || noneQueued(out);
        boolean capIdle = !cap.streaming || (noneQueued(cap) && !lastDequeued);
        if (outIdle && capIdle) {
          mask |= POLLERR;
        }
        if (!out.done.isEmpty()) {
          mask |= POLLOUT;
        }
        if (!cap.done.isEmpty() || lastDequeued) {
          mask |= POLLIN;
        }
      }
      int revents = mask & (events | POLLERR | POLLHUP);
      if (revents != 0) {
        return revents;
      }
      long left = deadline - System.nanoTime();
      if (timeoutMillis >= 0 && left <= 0) {
        return 0;
      }
      try {
        wait(timeoutMillis < 0 ? 0 : Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -Errno.EINTR;
      }
    }
  }

  private static boolean noneQueued(Queue q) {
    for (int s : q.state) {
      if (s != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized int ioctl(int fd, int request, Pointer arg) {
    if (!fds.contains(fd)) {
      return -Errno.EBADF;
    }
    if (gone) {
      return -Errno.ENODEV;
    }
    V4l2Ioctl io = V4l2Ioctl.decode(abi, request).orElse(null);
    if (io == null) {
      return -Errno.ENOTTY;
    }
    Deque<Integer> f = failures.get(io);
    if (f != null && !f.isEmpty()) {
      return -f.poll();
    }
    int r = dispatch(io, arg);
    run();
    notifyAll();
    return r;
  }

  private int dispatch(V4l2Ioctl io, Pointer arg) {
    switch (io) {
      case VIDIOC_QUERYCAP:
        {
          int caps = (multiplanar ? V4L2_CAP_VIDEO_M2M_MPLANE : V4L2_CAP_VIDEO_M2M);
          caps |= V4L2_CAP_STREAMING;
          NativeStruct s = NativeStruct.wrap(layouts.capability(), arg);
          s.clear();
          s.setString("driver", "scripted-m2m")
              .setString("card", "scripted encoder")
              .setString("bus_info", "platform:scripted")
              .set("capabilities", (caps | V4L2_CAP_DEVICE_CAPS) & 0xFFFF_FFFFL)
              .set("device_caps", caps);
          return 0;
        }
      case VIDIOC_ENUM_FMT:
        {
          NativeStruct s = NativeStruct.wrap(layouts.fmtdesc(), arg);
          Queue q = queue(s.getInt("type"));
          if (q == null || s.getInt("index") != 0) {
            return -Errno.EINVAL;
          }
          int index = s.getInt("index");
          int type = s.getInt("type");
          s.clear();
          s.set("index", index).set("type", type);
          if (q.output) {
            s.set("pixelformat", FourCc.YUV420).setString("description", "Planar YUV 4:2:0");
          } else {
            s.set("pixelformat", FourCc.FWHT)
                .set("flags", V4L2_FMT_FLAG_COMPRESSED)
                .setString("description", "FWHT");
          }
          return 0;
        }
      case VIDIOC_G_FMT:
      case VIDIOC_S_FMT:
      case VIDIOC_TRY_FMT:
        return format(io, NativeStruct.wrap(layouts.format(), arg));
      case VIDIOC_S_PARM:
      case VIDIOC_G_PARM:
        {
          NativeStruct s = NativeStruct.wrap(layouts.streamParm(), arg);
          Queue q = queue(s.getInt("type"));
          if (q == null || !q.output) {
            return -Errno.EINVAL;
          }
          if (s.get("parm.output.timeperframe.denominator") == 0) {
            s.set("parm.output.timeperframe.numerator", 1)
                .set("parm.output.timeperframe.denominator", 30);
          }
          return 0;
        }
      case VIDIOC_REQBUFS:
        return reqbufs(NativeStruct.wrap(layouts.requestBuffers(), arg));
      case VIDIOC_QUERYBUF:
      case VIDIOC_QBUF:
      case VIDIOC_DQBUF:
        return buffer(io, arg);
      case VIDIOC_STREAMON:
      case VIDIOC_STREAMOFF:
        {
          Queue q = queue(arg.getInt(0));
          if (q == null || q.memory.length == 0) {
            return -Errno.EINVAL;
          }
          q.streaming = io == V4l2Ioctl.VIDIOC_STREAMON;
          if (!q.streaming && !q.output) {
            captureStreamOffs++;
          }
          if (!q.streaming) {
            q.queued.clear();
            q.done.clear();
            java.util.Arrays.fill(q.state, 0);
            if (!q.output) {
              lastDequeued = false;
              lastPending = false;
              draining = false;
              stopped = false;
              headerSent = false;
            }
          }
          return 0;
        }
      case VIDIOC_ENCODER_CMD:
      case VIDIOC_TRY_ENCODER_CMD:
        {
          NativeStruct s = NativeStruct.wrap(layouts.encoderCmd(), arg);
          int cmd = s.getInt("cmd");
          if (clearsCommandFlags && (cmd == V4L2_ENC_CMD_START || cmd == V4L2_ENC_CMD_STOP)) {
            s.set("flags", 0);
          }
          if (cmd != V4L2_ENC_CMD_START && cmd != V4L2_ENC_CMD_STOP || s.getInt("flags") != 0) {
            return -Errno.EINVAL;
          }
          if (io == V4l2Ioctl.VIDIOC_TRY_ENCODER_CMD || !out.streaming || !cap.streaming) {
            return 0;
          }
          if (draining) {
            return -Errno.EBUSY;
          }
          if (cmd == V4L2_ENC_CMD_STOP) {
            draining = true;
            if (out.queued.isEmpty()) {
              lastPending = true;
            }
          } else {
            stopped = false;
            lastDequeued = lastDequeued && keepsLastAfterStart;
          }
          return 0;
        }
      case VIDIOC_SUBSCRIBE_EVENT:
      case VIDIOC_UNSUBSCRIBE_EVENT:
        {
          NativeStruct s = NativeStruct.wrap(layouts.eventSubscription(), arg);
          if (s.getInt("type") != V4L2_EVENT_EOS && s.getInt("type") != 0) {
            return -Errno.EINVAL;
          }
          eosSubscribed = io == V4l2Ioctl.VIDIOC_SUBSCRIBE_EVENT;
          return 0;
        }
      case VIDIOC_DQEVENT:
        {
          int[] e = pendingEvents.poll();
          if (e == null) {
            return -Errno.ENOENT;
          }
          NativeStruct s = NativeStruct.wrap(layouts.event(), arg);
          s.clear();
          s.set("type", e[0]).set("sequence", e[1]).set("pending", pendingEvents.size());
          s.set("timestamp.tv_sec", 7).set("timestamp.tv_nsec", 500);
          return 0;
        }
      default:
        return -Errno.ENOTTY;
    }
  }

  private Queue queue(int type) {
    int outType = multiplanar ? V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE : V4L2_BUF_TYPE_VIDEO_OUTPUT;
    int capType = multiplanar ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE : V4L2_BUF_TYPE_VIDEO_CAPTURE;
    return type == outType ? out : type == capType ? cap : null;
  }

  private int format(V4l2Ioctl io, NativeStruct s) {
    Queue q = queue(s.getInt("type"));
    if (q == null) {
      return -Errno.EINVAL;
    }
    String p = multiplanar ? "fmt.pix_mp." : "fmt.pix.";
    if (io != V4l2Ioctl.VIDIOC_G_FMT && q.output) {
      if (io == V4l2Ioctl.VIDIOC_S_FMT && q.memory.length > 0) {
        return -Errno.EBUSY;
      }
      int w = Math.max(16, s.getInt(p + "width") & ~1);
      int h = Math.max(16, s.getInt(p + "height") & ~1);
      if (io == V4l2Ioctl.VIDIOC_S_FMT) {
        width = w;
        height = h;
        codedSize = Math.max(codedSize, w * h * 3 / 2 + 64);
      }
    } else if (io == V4l2Ioctl.VIDIOC_S_FMT) {
      if (out.memory.length > 0 || cap.memory.length > 0) {
        return -Errno.EBUSY;
      }
      long asked = multiplanar ? s.get(p + "plane_fmt[0].sizeimage") : s.get(p + "sizeimage");
      codedSize = (int) Math.max(width * height * 3 / 2 + 64, asked);
    }
    int type = s.getInt("type");
    s.clear();
    s.set("type", type)
        .set(p + "width", width)
        .set(p + "height", height)
        .set(p + "pixelformat", q.output ? FourCc.YUV420 : FourCc.FWHT)
        .set(p + "field", V4L2_FIELD_NONE);
    int size = q.output ? width * height * 3 / 2 : codedSize;
    int stride = q.output ? width : 0;
    if (multiplanar) {
      s.set(p + "num_planes", 1)
          .set(p + "plane_fmt[0].sizeimage", size)
          .set(p + "plane_fmt[0].bytesperline", stride);
    } else {
      s.set(p + "sizeimage", size).set(p + "bytesperline", stride);
    }
    return 0;
  }

  private int reqbufs(NativeStruct s) {
    Queue q = queue(s.getInt("type"));
    if (q == null || s.getInt("memory") != V4L2_MEMORY_MMAP) {
      return -Errno.EINVAL;
    }
    if (q.streaming) {
      return -Errno.EBUSY;
    }
    free(q);
    int n = (int) Math.min(8, s.get("count"));
    q.memory = new Memory[n];
    q.state = new int[n];
    q.used = new int[n];
    q.flags = new int[n];
    q.stamp = new long[n];
    q.sequence = new long[n];
    for (int i = 0; i < n; i++) {
      q.memory[i] = new Memory(q.output ? width * height * 3 / 2 : codedSize);
      q.memory[i].clear();
    }
    s.set("count", n);
    return 0;
  }

  private void free(Queue q) {
    q.streaming = false;
    q.queued.clear();
    q.done.clear();
    q.memory = new Memory[0];
    q.state = new int[0];
  }

  private int buffer(V4l2Ioctl io, Pointer arg) {
    StructLayout bl = layouts.buffer();
    NativeStruct b = NativeStruct.wrap(bl, arg);
    Queue q = queue(b.getInt("type"));
    if (q == null || b.getInt("memory") != V4L2_MEMORY_MMAP) {
      return -Errno.EINVAL;
    }
    NativeStruct plane = null;
    if (multiplanar) {
      if (b.getInt("length") < 1 || b.get("m.planes") == 0) {
        return -Errno.EINVAL;
      }
      plane = NativeStruct.wrap(layouts.plane(), new Pointer(b.get("m.planes")));
    }
    int index;
    if (io == V4l2Ioctl.VIDIOC_DQBUF) {
      if (!q.streaming) {
        return -Errno.EINVAL;
      }
      if (!q.output && lastDequeued) {
        return -Errno.EPIPE;
      }
      Integer i = q.done.poll();
      if (i == null) {
        return -Errno.EAGAIN;
      }
      index = i;
      q.state[index] = 0;
      if (!q.output && (q.flags[index] & V4L2_BUF_FLAG_LAST) != 0) {
        lastDequeued = true;
        draining = false;
        stopped = true;
      }
    } else {
      index = b.getInt("index");
      if (index < 0 || index >= q.memory.length) {
        return -Errno.EINVAL;
      }
      if (io == V4l2Ioctl.VIDIOC_QBUF) {
        if (q.state[index] != 0) {
          return -Errno.EINVAL;
        }
        q.state[index] = 1;
        q.queued.add(index);
        if (q.output) {
          long used = multiplanar ? plane.get("bytesused") : b.get("bytesused");
          q.used[index] = (int) (used == 0 ? q.memory[index].size() : used);
          q.stamp[index] = b.get("timestamp.tv_sec") * 1_000_000L + b.get("timestamp.tv_usec");
        }
      }
    }
    long offset = (q.output ? 0 : CAPTURE_OFFSETS) + index * OFFSET_STEP;
    b.clear();
    b.set("index", index)
        .set("type", typeOf(q))
        .set("memory", V4L2_MEMORY_MMAP)
        .set("flags", (q.flags[index] | V4L2_BUF_FLAG_TIMESTAMP_COPY) & 0xFFFF_FFFFL)
        .set("sequence", q.sequence[index])
        .set("timestamp.tv_sec", q.stamp[index] / 1_000_000L)
        .set("timestamp.tv_usec", q.stamp[index] % 1_000_000L);
    if (multiplanar) {
      b.set("length", 1).set("m.planes", Pointer.nativeValue(plane.pointer()));
      plane.clear();
      plane
          .set("bytesused", q.used[index])
          .set("length", q.memory[index].size())
          .set("m.mem_offset", offset);
    } else {
      b.set("bytesused", q.used[index])
          .set("length", q.memory[index].size())
          .set("m.offset", offset);
    }
    return 0;
  }

  private int outTypeCode() {
    return multiplanar ? V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE : V4L2_BUF_TYPE_VIDEO_OUTPUT;
  }

  private int capTypeCode() {
    return multiplanar ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE : V4L2_BUF_TYPE_VIDEO_CAPTURE;
  }

  private int typeOf(Queue q) {
    return q.output ? outTypeCode() : capTypeCode();
  }

  /** Runs every job that can run: a raw frame and a coded buffer, both queues streaming. */
  private void run() {
    while (out.streaming && cap.streaming && !cap.queued.isEmpty()) {
      if (headerFirst && !headerSent && !out.queued.isEmpty()) {
        int c = cap.queued.poll();
        cap.memory[c].write(0, STREAM_HEADER, 0, STREAM_HEADER.length);
        complete(c, STREAM_HEADER.length, 0, 0);
        headerSent = true;
        continue;
      }
      if (lastPending) {
        int c = cap.queued.poll();
        complete(c, 0, V4L2_BUF_FLAG_LAST, 0);
        lastPending = false;
        continue;
      }
      if (out.queued.isEmpty() || stopped) {
        return;
      }
      int o = out.queued.poll();
      int c = cap.queued.poll();
      int n = out.used[o];
      int flags = V4L2_BUF_FLAG_KEYFRAME;
      int bytes = 0;
      if (errorFrames > 0) {
        errorFrames--;
        flags = V4L2_BUF_FLAG_ERROR;
      } else {
        byte[] frame = out.memory[o].getByteArray(0, n);
        byte[] coded = new byte[HEADER.length + n];
        System.arraycopy(HEADER, 0, coded, 0, HEADER.length);
        for (int i = 0; i < n; i++) {
          coded[HEADER.length + i] = (byte) (frame[i] + 1);
        }
        cap.memory[c].write(0, coded, 0, coded.length);
        bytes = coded.length;
      }
      out.state[o] = 2;
      out.done.add(o);
      if (draining && out.queued.isEmpty()) {
        flags |= V4L2_BUF_FLAG_LAST;
      }
      complete(c, bytes, flags, out.stamp[o]);
    }
  }

  private void complete(int c, int bytes, int flags, long stampMicros) {
    cap.used[c] = bytes;
    cap.flags[c] = flags;
    cap.stamp[c] = stampMicros;
    cap.sequence[c] = captureSequence++;
    cap.state[c] = 2;
    cap.done.add(c);
    if ((flags & V4L2_BUF_FLAG_LAST) != 0 && eosSubscribed) {
      pendingEvents.add(new int[] {V4L2_EVENT_EOS, eventSequence++});
    }
  }
}
