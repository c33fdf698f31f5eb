package io.eyetoystreamer.streamer.fanout;

import io.eyetoystreamer.streamer.h264.AnnexB;
import io.eyetoystreamer.streamer.h264.H264Encoder;
import io.eyetoystreamer.streamer.h264.H264Settings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encodes frames as H.264 once each, only while an H.264 viewer watches, on one thread of its own
 * (an H.264 session encodes its frames in order), and shares each access unit with every H.264
 * viewer ({@link H264Frame}).
 *
 * <p>Newest wins: the fan-out hands over a frame and returns at once; a frame still waiting when
 * the next one comes is not encoded (counted). The encoder just sees fewer frames, and its stream
 * stays decodable.
 *
 * <p>Key frames on demand: a viewer that joins, or that missed a unit (it was not ready, or its
 * event loop was behind), waits for a key frame and is sent nothing until one comes, so it never
 * decodes from a damaged reference. While any viewer waits, the next frame is encoded as a key
 * frame, at most one forced key frame every {@link #MIN_FORCED_KEY_INTERVAL_MILLIS} ms however many
 * viewers come and go; all waiting viewers start at that one.
 *
 * <p>The encoder opens with the first frame (at the frame's size), reopens when the size or the
 * camera's rate changes, and closes after {@link #IDLE_CLOSE_SECONDS} s without frames. If it
 * cannot be opened, {@link #problem()} says why and it is tried again every {@link #RETRY_SECONDS}
 * s.
 *
 * <p>{@link #submit} is called by the fan-out thread; the statistics from any thread.
 */
public final class H264Stage implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(H264Stage.class.getName());

  /** The least time between two forced key frames, milliseconds. */
  public static final long MIN_FORCED_KEY_INTERVAL_MILLIS = 250;

  /** Seconds between key frames when no viewer asks for one. */
  public static final int KEY_FRAME_SECONDS = 2;

  /** The encoder closes after this many seconds without a frame to encode. */
  public static final int IDLE_CLOSE_SECONDS = 10;

  /** Seconds between attempts to open an encoder that failed to open. */
  public static final int RETRY_SECONDS = 5;

  private static final int YUYV = 'Y' | 'U' << 8 | 'Y' << 16 | 'V' << 24;
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Viewers viewers;
  private final ByteBufAllocator allocator;
  private final Function<H264Settings, H264Encoder> opener;
  private final int bitsPerSecond;
  private final IntSupplier cameraFps;
  private final AtomicReference<WireFrame> pending = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;
  private BiConsumer<String, Throwable> onDeath = (stage, e) -> {};
  private volatile RelaySink relay = RelaySink.NONE;

  // The encoder thread's own.
  private H264Encoder encoder;
  private H264Settings settings;
  private ByteBuffer scratch;
  private long lastForcedKeyNanos;
  private long lastFrameNanos;
  private long failedAtNanos;

  private final AtomicLong encoded = new AtomicLong();
  private final AtomicLong keyFrames = new AtomicLong();
  private final AtomicLong forcedKeyFrames = new AtomicLong();
  private final AtomicLong skippedBusy = new AtomicLong();
  private final AtomicLong totalBytes = new AtomicLong();
  private final EncodeTimes times = new EncodeTimes();
  private volatile String encoderName = "none yet";
  private volatile String problem;
  private volatile String failure;

  /**
   * @param opener opens an encoder for the given settings, or throws {@code H264EncoderException}
   *     saying why not
   * @param bitsPerSecond the target bitrate
   * @param cameraFps the camera's frame rate now (the encoder's time base); 0 if not known
   */
  public H264Stage(
      Viewers viewers,
      ByteBufAllocator allocator,
      Function<H264Settings, H264Encoder> opener,
      int bitsPerSecond,
      IntSupplier cameraFps) {
    this.viewers = viewers;
    this.allocator = allocator;
    this.opener = opener;
    this.bitsPerSecond = bitsPerSecond;
    this.cameraFps = cameraFps;
    this.thread = new FastThreadLocalThread(this::run, "h264");
    this.thread.setDaemon(true);
  }

  /**
   * Tells {@code onDeath} (stage name, cause) if the encoder thread dies of an {@link Error}; call
   * before {@link #start()}.
   */
  public void onDeath(BiConsumer<String, Throwable> onDeath) {
    this.onDeath = onDeath;
  }

  /**
   * Also hands every unit to {@code sink} (in order), and forces a key frame when it asks for one;
   * call before {@link #start()}.
   */
  public void relayTo(RelaySink sink) {
    this.relay = sink;
  }

  /** Starts the encoder thread. */
  public void start() {
    thread.start();
  }

  /** Hands {@code frame} to the encoder thread; a frame it has not taken yet is dropped. */
  void submit(WireFrame frame) {
    frame.acquire();
    WireFrame old = pending.getAndSet(frame);
    if (old != null) {
      old.release();
      skippedBusy.incrementAndGet();
    }
    LockSupport.unpark(thread);
  }

  private void run() {
    try {
      while (running) {
        WireFrame frame = pending.getAndSet(null);
        if (frame == null) {
          closeIfIdle();
          if (encoder == null) {
            LockSupport.park(this); // nothing to close later: sleep until a frame comes
          } else {
            LockSupport.parkNanos(this, PARK_NANOS);
          }
          continue;
        }
        try {
          encode(frame);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "H.264 encoding of frame " + frame.sequence() + " failed", e);
          problem = "encoding failed: " + e.getMessage();
          closeEncoder();
          failedAtNanos = System.nanoTime();
        } finally {
          frame.release();
        }
      }
    } catch (Error e) {
      LOG.log(Level.SEVERE, "the H.264 encoder thread died; /healthz now reports it", e);
      failure = e.toString();
      onDeath.accept("h264", e);
      throw e;
    } finally {
      WireFrame left = pending.getAndSet(null);
      if (left != null) {
        left.release();
      }
      closeEncoder();
    }
  }

  private void encode(WireFrame frame) {
    long now = System.nanoTime();
    lastFrameNanos = now;
    if (frame.fourcc() != YUYV) {
      problem = "H.264 needs YUYV frames; the camera gives " + fourccName(frame.fourcc());
      return;
    }
    H264Encoder e = encoderFor(frame.width(), frame.height(), now);
    if (e == null) {
      return;
    }
    boolean force = false;
    RelaySink sink = relay;
    if ((anyViewerWaitsForKeyFrame() || sink.keyFrameWanted())
        && now - lastForcedKeyNanos
            >= TimeUnit.MILLISECONDS.toNanos(MIN_FORCED_KEY_INTERVAL_MILLIS)) {
      force = true;
      lastForcedKeyNanos = now;
      forcedKeyFrames.incrementAndGet();
    }
    scratch.clear();
    long start = System.nanoTime();
    int length = e.encode(frame.frameView(), frame.bytesPerLine(), force, scratch);
    long took = System.nanoTime() - start;
    if (length <= 0) {
      return; // the encoder's rate control dropped it
    }
    scratch.flip();
    int types = AnnexB.nalTypes(scratch, 0, length);
    boolean key = AnnexB.isKeyFrame(types);
    if (!key && (types & AnnexB.bit(AnnexB.IDR)) != 0 && problem == null) {
      problem = encoderName + " wrote an IDR without SPS and PPS: no viewer can start there";
      LOG.warning(problem);
    }
    H264Frame unit =
        H264Frame.copyOf(
            allocator,
            scratch,
            frame.sequence(),
            frame.captureTimeNanos(),
            frame.width(),
            frame.height(),
            key,
            encoded.incrementAndGet());
    if (key) {
      keyFrames.incrementAndGet();
    }
    totalBytes.addAndGet(length);
    times.record(took, length, System.nanoTime());
    try {
      for (LoopFanout loop : viewers.loops()) {
        loop.offer(unit);
      }
      if (sink.wants(StreamFormat.H264)) {
        sink.h264(unit);
      }
    } finally {
      unit.release();
    }
  }

  private boolean anyViewerWaitsForKeyFrame() {
    for (Viewer v : viewers.snapshot()) {
      if (v.kind().h264() && v.waitsForKeyFrame()) {
        return true;
      }
    }
    return false;
  }

  /** The open encoder for this size and rate, opening it if needed; null while it cannot open. */
  private H264Encoder encoderFor(int width, int height, long now) {
    int camera = cameraFps.getAsInt();
    int fps = camera > 0 ? camera : 30;
    if (encoder != null
        && (settings.width() != width || settings.height() != height || settings.fps() != fps)) {
      closeEncoder();
    }
    if (encoder != null) {
      return encoder;
    }
    if (failedAtNanos != 0 && now - failedAtNanos < TimeUnit.SECONDS.toNanos(RETRY_SECONDS)) {
      return null;
    }
    H264Settings wanted =
        new H264Settings(width, height, fps, bitsPerSecond, fps * KEY_FRAME_SECONDS);
    try {
      encoder = opener.apply(wanted);
    } catch (RuntimeException e) {
      failedAtNanos = now;
      String why = "no H.264 encoder: " + e.getMessage();
      if (!why.equals(problem)) {
        LOG.warning(why);
      }
      problem = why;
      return null;
    }
    settings = wanted;
    failedAtNanos = 0;
    problem = null;
    encoderName = encoder.name();
    if (scratch == null || scratch.capacity() < encoder.maxAccessUnitBytes()) {
      scratch = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
    }
    LOG.info(
        () ->
            "H.264: "
                + encoderName
                + ", "
                + width
                + "x"
                + height
                + " at "
                + fps
                + " fps, "
                + bitsPerSecond / 1000
                + " kbit/s");
    return encoder;
  }

  private void closeIfIdle() {
    if (encoder != null
        && System.nanoTime() - lastFrameNanos > TimeUnit.SECONDS.toNanos(IDLE_CLOSE_SECONDS)) {
      LOG.fine("H.264: no viewer for " + IDLE_CLOSE_SECONDS + " s, encoder closed");
      closeEncoder();
    }
  }

  private void closeEncoder() {
    if (encoder != null) {
      try {
        encoder.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing the H.264 encoder " + encoderName, e);
      }
      encoder = null;
    }
  }

  private static String fourccName(int fourcc) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (fourcc >>> (8 * i) & 0xff);
    }
    return new String(c);
  }

  /** What encodes ({@code openh264 2.3.1}, {@code /dev/video11 ...}), or {@code none yet}. */
  public String encoderName() {
    return encoderName;
  }

  /**
   * Why H.264 viewers get nothing now (no encoder could be opened, the camera's format), or null.
   */
  public String problem() {
    return failure != null ? "the H.264 encoder thread died: " + failure : problem;
  }

  /** Frames encoded since start. */
  public long framesEncoded() {
    return encoded.get();
  }

  /** Key frames encoded since start, forced or periodic. */
  public long keyFrames() {
    return keyFrames.get();
  }

  /** Key frames asked for because a viewer joined or fell behind. */
  public long forcedKeyFrames() {
    return forcedKeyFrames.get();
  }

  /** Frames not encoded because the encoder was still busy with the one before. */
  public long framesSkippedBusy() {
    return skippedBusy.get();
  }

  /** Bytes of H.264 encoded since start. */
  public long bytesEncoded() {
    return totalBytes.get();
  }

  /** The bitrate of the last frames, bits per second. */
  public double bitsPerSecond() {
    return times.bitsPerSecond();
  }

  /** Mean encode time over the last frames, milliseconds. */
  public double meanEncodeMillis() {
    return times.meanMillis();
  }

  /** 99th percentile encode time over the last frames, milliseconds. */
  public double p99EncodeMillis() {
    return times.p99Millis();
  }

  /** Stops the encoder thread and closes the encoder. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    LockSupport.unpark(thread);
    if (thread.isAlive()) {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
  }
}
