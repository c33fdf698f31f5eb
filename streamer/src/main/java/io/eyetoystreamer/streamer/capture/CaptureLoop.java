package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.Fourcc;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.DeviceGoneException;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Fraction;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The capture loop (the original's mule): takes frames from the camera and publishes each into the
 * area, copying it once from the driver's buffer into the area's next slot and giving the buffer
 * straight back to the driver.
 *
 * <p>It keeps going whatever the camera does: unplugged, stalled, or failing to open, the state
 * says offline with the reason, the writer keeps its heartbeat, and the loop retries every second
 * until the camera is back. One thread; {@link #close()} from any thread.
 */
public final class CaptureLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CaptureLoop.class.getName());
  private static final int BUFFERS = 4;
  private static final long POLL_MILLIS = 500;
  private static final long STALL_OFFLINE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long STALL_REOPEN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long RETRY_MILLIS = 1000;

  /** {@link IdlePolicy#SLOW}: one fresh frame this often while nobody watches. */
  static final long SLOW_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** An idle loop's longest sleep: the area's heartbeat (stale after 3 s) comes this often. */
  static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** {@link IdlePolicy#STOP}: the device is closed after this long without a viewer. */
  static final long STOP_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final CameraSource source;
  private final CaptureSettings settings;
  private final CameraState state;
  private final FpsMeter meter = new FpsMeter();
  private V4l2Device device;
  private Format format;
  private Thread thread;
  private volatile boolean running = true;
  private volatile String failure;
  private final BiConsumer<String, Throwable> onDeath;
  private IdlePolicy idlePolicy = IdlePolicy.CAPTURE;
  private Demand demand = Demand.always();
  private volatile boolean idle;
  private volatile long awakeSinceNanos = System.nanoTime();
  private volatile long lastLoopNanos = System.nanoTime();
  private boolean stoppedIdle;
  private CaptureHook hook = CaptureHook.NONE;

  /** A loop over {@code source}, asking for {@code settings}, reporting into {@code state}. */
  public CaptureLoop(CameraSource source, CaptureSettings settings, CameraState state) {
    this(source, settings, state, (stage, e) -> {});
  }

  /**
   * A loop that also tells {@code onDeath} (stage name, cause) if its thread dies of an {@link
   * Error} (out of memory, say), after which no frame will come: the process should exit for its
   * supervisor to restart it. A {@link RuntimeException} does not kill the loop: it closes the
   * camera and retries, like a camera failure.
   */
  public CaptureLoop(
      CameraSource source,
      CaptureSettings settings,
      CameraState state,
      BiConsumer<String, Throwable> onDeath) {
    this.source = source;
    this.settings = settings;
    this.state = state;
    this.onDeath = onDeath;
  }

  /**
   * Gives {@code hook} the device at each open, between frames and at each close (camera controls
   * over HTTP: {@link CameraControls}). Call before {@link #prepare()}.
   */
  public void hook(CaptureHook hook) {
    this.hook = hook;
  }

  /**
   * Opens the camera and negotiates the format, so that the area can be made to fit. Returns the
   * geometry the driver chose, or the requested one if the camera cannot be opened now (the loop
   * will keep trying).
   */
  public AreaGeometry prepare() {
    try {
      openAndNegotiate();
      return new AreaGeometry(
          AreaGeometry.DEFAULT_SLOTS,
          Math.max(format.sizeImage(), format.bytesPerLine() * format.height()),
          format.width(),
          format.height(),
          format.pixelFormat(),
          format.bytesPerLine());
    } catch (V4l2Exception e) {
      closeDevice();
      state.offline(source.name() + " is not available: " + e.getMessage());
      LOG.warning(
          () ->
              "camera "
                  + source.name()
                  + " not available, retrying every second: "
                  + e.getMessage());
      return AreaGeometry.yuyv(settings.width(), settings.height());
    }
  }

  /**
   * What to do while {@code demand} says nobody wants frames ({@code --idle}); call before {@link
   * #start}. The default captures everything.
   */
  public void idle(IdlePolicy policy, Demand demand) {
    this.idlePolicy = policy;
    this.demand = demand;
  }

  /** Starts capturing into {@code writer} on a new thread. Call {@link #prepare()} first. */
  public void start(AreaWriter writer) {
    thread = new Thread(() -> run(writer), "capture");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(AreaWriter writer) {
    try {
      loop(writer);
    } catch (Error e) {
      failure = e.toString();
      state.offline("the capture thread died: " + e);
      LOG.log(Level.SEVERE, "the capture thread died; no frame will follow", e);
      onDeath.accept("capture", e);
    }
  }

  private void loop(AreaWriter writer) {
    while (running) {
      if (stoppedIdle) {
        if (!demand.wanted(System.nanoTime())) {
          pause(writer, HEARTBEAT_NANOS); // the device stays closed until someone wants frames
          continue;
        }
        stoppedIdle = false;
        wake();
        LOG.info(() -> source.name() + ": a viewer came, opening the camera again");
      }
      try {
        if (device == null) {
          openAndNegotiate();
        }
        checkFits(writer);
        stream(writer);
      } catch (DeviceGoneException e) {
        state.offline(source.name() + " is gone (unplugged or failed): " + e.getMessage());
        LOG.warning(() -> "camera " + source.name() + " gone (" + e.getMessage() + "); retrying");
      } catch (V4l2Exception | IllegalStateException e) {
        state.offline(source.name() + ": " + e.getMessage());
        LOG.warning(() -> "camera " + source.name() + ": " + e.getMessage() + "; retrying");
      } catch (RuntimeException e) {
        // A bug, ours or the driver's: start the camera afresh rather than stop capturing.
        state.offline(source.name() + " failed unexpectedly: " + e);
        LOG.log(Level.WARNING, "capture from " + source.name() + " failed; retrying", e);
      } finally {
        closeDevice();
      }
      if (!stoppedIdle) {
        sleepHeartbeating(writer, RETRY_MILLIS);
      }
    }
  }

  private void wake() {
    idle = false;
    awakeSinceNanos = System.nanoTime();
  }

  /**
   * Idles up to {@code nanos}: the writer's heartbeat, then sleep until a viewer comes ({@link
   * Demand#signal} wakes it at once) or the time is up. No polling: an idle camera costs a wake-up
   * a second.
   */
  private void pause(AreaWriter writer, long nanos) {
    writer.heartbeat();
    lastLoopNanos = System.nanoTime();
    demand.await(Math.max(0, Math.min(nanos, HEARTBEAT_NANOS)));
  }

  private void openAndNegotiate() {
    device = source.open();
    Negotiated<Format> f =
        device.setFormat(Format.of(settings.width(), settings.height(), Fourcc.YUYV));
    format = f.actual();
    if (format.pixelFormat() != Fourcc.YUYV) {
      throw new V4l2Exception(
          source.name(),
          "VIDIOC_S_FMT",
          "the driver offers "
              + FourCc.toString(format.pixelFormat())
              + ", this server needs YUYV");
    }
    Negotiated<Fraction> rate = device.setFrameRate(settings.fps());
    for (Map.Entry<String, Integer> c : settings.controls().entrySet()) {
      long set = device.controls().set(c.getKey(), c.getValue());
      LOG.info(() -> source.name() + " control " + c.getKey() + " = " + set);
    }
    hook.opened(device);
    double fps = rate.actual().perSecond();
    String caps = device.capabilities().driver() + ", " + device.capabilities().card();
    LOG.info(() -> source.name() + " detected width = " + format.width());
    LOG.info(() -> source.name() + " detected height = " + format.height());
    LOG.info(() -> source.name() + " detected format = " + FourCc.toString(format.pixelFormat()));
    LOG.info(() -> source.name() + " frame rate: " + rate + " (" + caps + ")");
    if (f.adjusted()) {
      LOG.warning(() -> source.name() + " format: " + f);
    }
    state.online(
        source.name(),
        device.capabilities().driver(),
        device.capabilities().card(),
        FourCc.toString(format.pixelFormat()),
        format.width(),
        format.height(),
        settings.fps(),
        fps,
        "streaming " + format + " at " + Math.round(fps * 100) / 100.0 + " fps from " + caps);
  }

  private void checkFits(AreaWriter writer) {
    if (format.sizeImage() > writer.slotCapacity()) {
      throw new IllegalStateException(
          "the camera now delivers "
              + format
              + ", larger than the area's "
              + writer.slotCapacity()
              + "-byte slots; restart the server to follow the new format");
    }
  }

  private void stream(AreaWriter writer) {
    try (CaptureStream stream = device.startCapture(BUFFERS)) {
      LOG.info(() -> source.name() + " started streaming frames to the shared area");
      long lastFrame = System.nanoTime();
      boolean stalled = false;
      long unwantedSince = 0;
      long lastPublished = 0;
      boolean paused = false;
      long freshAfter = Long.MIN_VALUE; // frames captured before this waited out a pause
      int staleLeft = 0; // the same, for drivers without monotonic timestamps
      while (running) {
        hook.betweenFrames(device);
        long now = System.nanoTime();
        lastLoopNanos = now;
        if (idlePolicy != IdlePolicy.CAPTURE && !demand.wanted(now)) {
          if (unwantedSince == 0) {
            unwantedSince = now;
          }
          if (idlePolicy == IdlePolicy.STOP && now - unwantedSince > STOP_AFTER_NANOS) {
            stoppedIdle = true;
            idle = true;
            LOG.info(() -> source.name() + ": no viewer, camera closed (--idle stop)");
            return;
          }
          if (idlePolicy == IdlePolicy.STOP || now - lastPublished < SLOW_INTERVAL_NANOS) {
            // Leave the buffers with the driver: it fills them, then drops frames.
            paused = true;
            idle = true;
            pause(
                writer,
                idlePolicy == IdlePolicy.STOP
                    ? STOP_AFTER_NANOS - (now - unwantedSince) + 1
                    : SLOW_INTERVAL_NANOS - (now - lastPublished));
            lastFrame = System.nanoTime();
            continue;
          }
        } else {
          unwantedSince = 0;
          if (idle) {
            wake();
          }
        }
        if (paused) {
          paused = false;
          freshAfter = now;
          staleLeft = BUFFERS;
        }
        Frame frame = stream.next(POLL_MILLIS);
        now = System.nanoTime();
        if (frame == null) {
          writer.heartbeat();
          if (!stalled && now - lastFrame > STALL_OFFLINE_NANOS) {
            stalled = true;
            state.offline(source.name() + " stalled: no frame for over 2 s");
          }
          if (now - lastFrame > STALL_REOPEN_NANOS) {
            LOG.warning(() -> source.name() + " stalled for 5 s; reopening it");
            return;
          }
          continue;
        }
        try {
          boolean stale =
              frame.timestampMonotonic() ? frame.timestampNanos() < freshAfter : staleLeft-- > 0;
          if (stale) {
            continue; // captured before the pause ended: never publish an old picture as new
          }
          staleLeft = 0;
          publish(writer, frame, now);
          lastPublished = now;
        } finally {
          frame.release();
        }
        lastFrame = now;
        if (stalled) {
          stalled = false;
          state.resumed();
        }
      }
    }
  }

  private void publish(AreaWriter writer, Frame frame, long now) {
    ByteBuffer data = frame.data();
    int length = frame.bytesUsed();
    ByteBuffer slot = writer.claim();
    slot.put(0, data, data.position(), length);
    writer.commit(length, frame.timestampMonotonic() ? frame.timestampNanos() : now);
    meter.record(now);
  }

  private void sleepHeartbeating(AreaWriter writer, long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (running && System.nanoTime() < end) {
      writer.heartbeat();
      try {
        Thread.sleep(Math.min(millis, 250));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void closeDevice() {
    if (device != null) {
      hook.closed();
      try {
        device.close();
      } catch (V4l2Exception e) {
        LOG.log(Level.FINE, "closing " + source.name(), e);
      }
      device = null;
    }
  }

  /** Frames per second published, measured. */
  public double measuredFps() {
    return meter.fps(System.nanoTime());
  }

  /**
   * Whether the loop idles by policy now: nobody wants frames, and it publishes one a second
   * ({@code slow}) or none with the camera closed ({@code stop}).
   */
  public boolean idle() {
    return idle;
  }

  /** The idle policy in force. */
  public IdlePolicy idlePolicy() {
    return idlePolicy;
  }

  /** {@code System.nanoTime()} when the loop last stopped idling (or started). */
  public long awakeSinceNanos() {
    return awakeSinceNanos;
  }

  /** {@code System.nanoTime()} when the loop last came round (every frame, or every pause). */
  public long lastLoopNanos() {
    return lastLoopNanos;
  }

  /** Why the capture thread died, or null while it lives. */
  public String failure() {
    return failure;
  }

  /** Frames published since start. */
  public long framesCaptured() {
    return meter.count();
  }

  /** Stops the loop, stops streaming and releases the device. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } else {
      closeDevice();
    }
  }
}
