package io.eyetoystreamer.streamer.fanout;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.AreaWriterWatch;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.FpsMeter;
import io.eyetoystreamer.streamer.capture.ServedArea;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fan-out stage: one thread that sleeps on the area until a new frame is published, copies it
 * once into one pooled direct buffer, frames it for the wire ({@link WireFrame}) and offers the
 * same bytes to every viewer. It also tells {@code /ws} viewers when the camera's status changes
 * and closes viewers stalled for too long.
 *
 * <p>Nothing here blocks on a viewer: writes are queued on each channel's event loop, and a viewer
 * that is not ready skips the frame. The writer of the area is never slowed down by any of this.
 */
public final class FrameFanout implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FrameFanout.class.getName());
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final int RING = 8;

  private final ServedArea served;
  private final Viewers viewers;
  private final ByteBufAllocator allocator;
  private final CameraState camera;
  private final long stallNanos;
  private final Thread thread;

  /** Frames in turn; one is refilled once every event loop has written it (see WireFrame). */
  private final WireFrame[] ring = new WireFrame[RING];

  private final FpsMeter meter = new FpsMeter();
  private final AreaWriterWatch watch;
  private final JpegStage jpeg;
  private final H264Stage h264;
  private volatile boolean running = true;
  private volatile long framesPublished;
  private volatile long framesDropped;
  private volatile long lastLoopNanos = System.nanoTime();
  private volatile String failure;
  private long lastNoMemoryLog = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  private volatile long lastSequence;
  private volatile long lastFrameNanos = System.nanoTime();
  private long statusVersion = -1;
  private BiConsumer<String, Throwable> onDeath = (stage, e) -> {};
  private volatile RelaySink relay = RelaySink.NONE;

  /**
   * @param stallLimit how long a viewer may stay unable to take frames before it is closed
   * @param watch turns the area writer's liveness into camera state (serving another process's
   *     area), or null when this process captures
   * @param jpeg encodes frames for JPEG viewers, or null where JPEG frames come encoded (an edge of
   *     the relay)
   * @param h264 encodes frames for H.264 viewers, or null where units come encoded (an edge)
   */
  public FrameFanout(
      ServedArea served,
      Viewers viewers,
      ByteBufAllocator allocator,
      CameraState camera,
      Duration stallLimit,
      AreaWriterWatch watch,
      JpegStage jpeg,
      H264Stage h264) {
    this.watch = watch;
    this.jpeg = jpeg;
    this.h264 = h264;
    this.served = served;
    this.viewers = viewers;
    this.allocator = allocator;
    this.camera = camera;
    this.stallNanos = stallLimit.toNanos();
    for (int i = 0; i < RING; i++) {
      ring[i] = new WireFrame();
    }
    // A FastThreadLocalThread: Netty's buffer pool and recycler work without allocating on it.
    this.thread = new FastThreadLocalThread(this::run, "fanout");
    this.thread.setDaemon(true);
  }

  /**
   * Tells {@code onDeath} (stage name, cause) if the fan-out thread dies of an {@link Error}; call
   * before {@link #start()}.
   */
  public void onDeath(BiConsumer<String, Throwable> onDeath) {
    this.onDeath = onDeath;
  }

  /**
   * Also sends every frame to {@code sink} (raw, and through the encoders) while it wants them;
   * call before {@link #start()}.
   */
  public void relayTo(RelaySink sink) {
    this.relay = sink;
  }

  /** Starts the fan-out thread. */
  public void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        fanOut();
      } catch (RuntimeException e) {
        // The fan-out must outlive any bug in one frame or one viewer: log it and carry on.
        LOG.log(Level.SEVERE, "fan-out failed; restarting it", e);
      } catch (Error e) {
        // Anything else is fatal: say so, and let /healthz report it so a supervisor restarts us.
        LOG.log(Level.SEVERE, "fan-out died; /healthz now reports it", e);
        failure = e.toString();
        onDeath.accept("fan-out", e);
        throw e;
      }
    }
  }

  /** Fans out frames of the area served now; returns when it is replaced (or on stop). */
  private void fanOut() {
    FrameArea area = served.get();
    AreaReader reader = area.newReader();
    AreaGeometry g = area.geometry();
    long last = area.latestSequence() > 0 ? area.latestSequence() - 1 : 0;
    while (running) {
      long newest = reader.awaitNewer(last, POLL_NANOS);
      long now = System.nanoTime();
      lastLoopNanos = now;
      if (watch != null && watch.seen(newest)) {
        return; // a new capture process's area: start again on it
      }
      if (served.get() != area) {
        return; // replaced (an edge's frames changed size): start again on the new area
      }
      announceStatus();
      if (newest <= 0) {
        closeStalled(now);
        if (newest == AreaReader.WRITER_GONE) {
          // The reader returns at once while the writer is gone: wait here instead of spinning.
          LockSupport.parkNanos(POLL_NANOS);
        }
        continue;
      }
      RelaySink sink = relay;
      boolean raw = viewers.rawCount() > 0;
      boolean relayRaw = sink.wants(StreamFormat.RAW);
      boolean toJpeg = jpeg != null && (viewers.jpegCount() > 0 || sink.wants(StreamFormat.JPEG));
      boolean toH264 = h264 != null && (viewers.h264Count() > 0 || sink.wants(StreamFormat.H264));
      if (!raw && !relayRaw && !toJpeg && !toH264) {
        last = newest; // nobody watches, here or remotely: no copy, no encoding
        lastFrameNanos = now;
        continue;
      }
      WireFrame frame = idleFrame();
      if (frame == null) {
        last = newest; // every event loop is eight frames behind: let them catch up
        framesDropped++;
        continue;
      }
      ByteBuf buffer;
      try {
        buffer = frame.nextBuffer(allocator, g.slotCapacity());
      } catch (OutOfMemoryError e) {
        // Direct memory is full: slow viewers hold frames. Skip this frame; they drain or stall
        // out (and are closed), and delivery resumes.
        last = newest;
        framesDropped++;
        noMemory(e);
        closeStalled(now);
        continue;
      }
      long sequence = reader.readLatest(WireFrame.frameRegion(buffer), last);
      if (sequence == AreaReader.NOTHING_NEWER) {
        buffer.release();
        continue;
      }
      frame.frame(
          buffer,
          reader.frameLength(),
          sequence,
          reader.captureTimeNanos(),
          g.width(),
          g.height(),
          g.pixelFormat(),
          g.bytesPerLine());
      try {
        if (raw) {
          for (LoopFanout loop : viewers.loops()) {
            loop.offer(frame);
          }
        }
        if (relayRaw) {
          sink.raw(frame);
        }
        if (toJpeg) {
          jpeg.submit(frame, g.width(), g.height(), g.bytesPerLine(), reader.captureTimeNanos());
        }
        if (toH264) {
          h264.submit(frame);
        }
      } finally {
        frame.release();
      }
      last = sequence;
      lastSequence = sequence;
      lastFrameNanos = now;
      framesPublished++;
      meter.record(now);
    }
  }

  private void noMemory(OutOfMemoryError e) {
    long now = System.nanoTime();
    if (now - lastNoMemoryLog > TimeUnit.MINUTES.toNanos(1)) {
      lastNoMemoryLog = now;
      LOG.warning(
          "no direct memory for the next frame ("
              + e.getMessage()
              + "); skipping frames until viewers drain. Raise -XX:MaxDirectMemorySize or lower"
              + " --max-viewers.");
    }
  }

  private WireFrame idleFrame() {
    for (WireFrame f : ring) {
      if (f.idle()) {
        return f;
      }
    }
    return null;
  }

  private void announceStatus() {
    CameraState.Snapshot s = camera.current();
    if (s.version() != statusVersion) {
      statusVersion = s.version();
      String json = s.statusJson();
      for (Viewer viewer : viewers.snapshot()) {
        viewer.status(json);
      }
    }
  }

  private void closeStalled(long now) {
    for (Viewer viewer : viewers.snapshot()) {
      if (viewer.closeIfStalled(now, stallNanos)) {
        LOG.info(
            () -> "closed viewer " + viewer.address() + ": stalled for over " + stallSeconds());
      }
    }
  }

  private String stallSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s";
  }

  /**
   * The frame clock: {@code System.nanoTime()} when the fan-out last took a new frame (sent it out,
   * or had nobody to send it to). Frames dropped for want of memory or of an idle event loop do not
   * count: a picture that does not reach viewers is not live.
   */
  public long lastFrameNanos() {
    return lastFrameNanos;
  }

  /** Frames fanned out since start. */
  public long framesPublished() {
    return framesPublished;
  }

  /**
   * Why the fan-out is not working, or null if it is: it died, or it has not come round its loop
   * (at most every quarter second) for five seconds.
   */
  public String problem() {
    if (failure != null) {
      return "the fan-out thread died: " + failure;
    }
    if (running && System.nanoTime() - lastLoopNanos > TimeUnit.SECONDS.toNanos(5)) {
      return "the fan-out thread has been stuck for over 5 s";
    }
    return null;
  }

  /** Frames not fanned out because every event loop was far behind, or memory was short. */
  public long framesDropped() {
    return framesDropped;
  }

  /** Frames per second fanned out, measured. */
  public double measuredFps() {
    return meter.fps(System.nanoTime());
  }

  /** Sequence of the last frame fanned out. */
  public long lastSequence() {
    return lastSequence;
  }

  /** Stops the thread and waits for it. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(5));
    if (!thread.isAlive()) {
      for (WireFrame f : ring) {
        f.dispose();
      }
    }
  }
}
