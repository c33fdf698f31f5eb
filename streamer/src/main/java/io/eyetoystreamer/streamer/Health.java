package io.eyetoystreamer.streamer;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.CaptureLoop;
import io.eyetoystreamer.streamer.fanout.FrameFanout;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What {@code /healthz} answers: healthy only while live frames flow. It reads the frame clock
 * (when the fan-out last took a new frame) rather than what the stages say of themselves, so that
 * no failure, named or not, can leave a frozen picture reported healthy: a dead capture or fan-out
 * thread, a stuck one, a camera unplugged or stalled, a capture process gone, frames dropped for
 * want of memory. Healthy while the capture loop idles by policy ({@code --idle}: nobody watches),
 * if its loop comes round. Unhealthy while the camera is offline, and after {@link #INTERVALS}
 * frame intervals without a frame (at least {@link #MIN_SILENCE_NANOS}, so that a scheduling hiccup
 * is not an outage); at once when a stage thread has died. Thread-safe.
 */
final class Health {
  /** Frame intervals without a new frame that make the server unhealthy. */
  static final int INTERVALS = 3;

  /** The least silence that makes the server unhealthy, whatever the frame rate. */
  static final long MIN_SILENCE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final CameraState camera;
  private final FrameFanout fanout;
  private final CaptureLoop capture;
  private final LongSupplier frameClock;

  /**
   * @param capture this process's capture loop, or null when another process captures
   */
  Health(CameraState camera, FrameFanout fanout, CaptureLoop capture) {
    this(camera, fanout, capture, fanout::lastFrameNanos);
  }

  /**
   * @param capture this process's capture loop, or null when another process captures
   * @param frameClock when a new frame last came ({@code System.nanoTime()}): the fan-out's frame
   *     clock, or on an edge of the relay the time the last relayed frame arrived
   */
  Health(CameraState camera, FrameFanout fanout, CaptureLoop capture, LongSupplier frameClock) {
    this.camera = camera;
    this.fanout = fanout;
    this.capture = capture;
    this.frameClock = frameClock;
  }

  /** Why the server is not delivering live frames, or null if it is. */
  String problem() {
    if (capture != null && capture.failure() != null) {
      return "the capture thread died: " + capture.failure();
    }
    String fanoutProblem = fanout.problem();
    if (fanoutProblem != null) {
      return fanoutProblem;
    }
    if (capture != null && capture.idle()) {
      // Idle by policy (--idle slow or stop): nobody watches, so no frame is owed; the loop must
      // still come round.
      long quiet = System.nanoTime() - capture.lastLoopNanos();
      return quiet > TimeUnit.SECONDS.toNanos(5)
          ? "the capture thread has been stuck for " + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms"
          : null;
    }
    CameraState.Snapshot c = camera.current();
    if (!c.online()) {
      return "the camera is offline: " + c.message();
    }
    double fps = c.driverFps() > 0 ? c.driverFps() : c.requestedFps();
    if (fps <= 0) {
      fps = fanout.measuredFps() > 0 ? fanout.measuredFps() : 1;
    }
    long interval = (long) (TimeUnit.SECONDS.toNanos(1) / fps);
    long limit = Math.max(INTERVALS * interval, MIN_SILENCE_NANOS);
    long lastFrame = frameClock.getAsLong();
    if (capture != null && capture.awakeSinceNanos() - lastFrame > 0) {
      lastFrame = capture.awakeSinceNanos(); // just woken from idling: the silence starts now
    }
    long silent = System.nanoTime() - lastFrame;
    if (silent <= limit) {
      return null;
    }
    return "no new frame for "
        + TimeUnit.NANOSECONDS.toMillis(silent)
        + " ms (one expected every "
        + TimeUnit.NANOSECONDS.toMillis(interval)
        + " ms) though the camera is online: frames are not reaching viewers (see the log)";
  }
}
