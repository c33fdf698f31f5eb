package io.eyetoystreamer.fakeeyetoy;

import java.time.Duration;
import java.util.Objects;

/**
 * Makes a {@link FakeEyetoy} misbehave the ways real cameras do, on demand. Get it from {@link
 * FakeEyetoy#faults()}. Every method takes effect at once, wakes anyone waiting in {@code poll} or
 * {@code DQBUF}, and is thread-safe (it takes the fake's lock). Faults stay set until changed or
 * {@link #clear() cleared}, across unplugs.
 *
 * <ul>
 *   <li>Unplug: the camera vanishes; every call on a descriptor opened before answers {@code
 *       ENODEV} (so the library raises {@code DeviceGoneException}), {@code poll} reports {@code
 *       POLLERR | POLLHUP}, {@code open} answers {@code ENOENT} and {@code deviceNodes()} is empty,
 *       as when udev has removed the node. {@code munmap} and {@code close} still work. {@link
 *       #replug()} brings a new camera with default settings.
 *   <li>Stall: no frames for a while; {@code poll} times out; frames then resume, their sequence
 *       numbers continuing without a gap (the sensor sent nothing).
 *   <li>Error frames: the next frames come flagged {@code V4L2_BUF_FLAG_ERROR} (a corrupt
 *       transfer).
 *   <li>Slow delivery: frames complete late, and one in {@code K} is lost on the bus, leaving a
 *       sequence gap, as on a busy USB bus.
 *   <li>Busy on second open: {@code open} answers {@code EBUSY} while another descriptor is open.
 *       Off by default: the real driver allows many opens and refuses a second streamer with {@code
 *       EBUSY} on its buffer ioctls instead, which the fake always does.
 * </ul>
 */
public final class Faults {
  private final FakeEyetoy fake;
  private final FaultState state;

  Faults(FakeEyetoy fake, FaultState state) {
    this.fake = fake;
    this.state = state;
  }

  /**
   * Arms an unplug: the camera delivers {@code frames} more frames, then vanishes as soon as the
   * application has dequeued them (or a second after the last one, if it does not). With 0 it
   * vanishes at once. Ignored while unplugged; replaces an unplug armed before.
   *
   * @param frames frames still to deliver, {@code >= 0}
   */
  public void unplugAfterFrames(int frames) {
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0: " + frames);
    }
    fake.locked(
        () -> {
          fake.catchUpLocked();
          if (frames == 0) {
            fake.unplugLocked();
          } else if (fake.pluggedLocked()) {
            state.unplugCountdown = frames;
          }
        });
  }

  /** Unplugs the camera now. Frames not yet dequeued are lost. Does nothing when unplugged. */
  public void unplug() {
    unplugAfterFrames(0);
  }

  /**
   * Plugs the camera back in (a new camera with the driver's defaults; descriptors opened before
   * the unplug stay dead). Cancels an armed unplug. Does nothing when plugged in.
   */
  public void replug() {
    fake.locked(fake::replugLocked);
  }

  /**
   * Tells whether the camera is plugged in.
   *
   * @return false after an unplug until {@link #replug()}
   */
  public boolean plugged() {
    return fake.lockedGet(
        () -> {
          fake.catchUpLocked();
          return fake.pluggedLocked();
        });
  }

  /**
   * Stalls the sensor from now for a while: no frames are made, none are counted.
   *
   * @param duration how long, {@code >= 0}; zero ends a stall
   */
  public void stall(Duration duration) {
    long nanos = nonNegative(duration, "duration").toNanos();
    fake.locked(
        () -> {
          fake.catchUpLocked();
          long now = System.nanoTime();
          state.stallFrom = now;
          state.stallUntil = now + nanos;
        });
  }

  /**
   * Flags the next frames the camera makes with {@code V4L2_BUF_FLAG_ERROR}.
   *
   * @param frames how many, {@code >= 0}; replaces an earlier count
   */
  public void flagErrorFrames(int frames) {
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0: " + frames);
    }
    fake.locked(
        () -> {
          fake.catchUpLocked();
          state.errorFrames = frames;
        });
  }

  /**
   * Slows delivery down like a busy USB bus: every frame completes {@code lateBy} after its due
   * time (its timestamp is then), and every {@code dropOneIn}-th frame is lost, its sequence number
   * skipped. {@code slowDelivery(Duration.ZERO, 0)} restores normal delivery.
   *
   * @param lateBy delay of every frame, {@code >= 0}
   * @param dropOneIn lose one frame in this many ({@code >= 2}), or 0 to lose none
   */
  public void slowDelivery(Duration lateBy, int dropOneIn) {
    long nanos = nonNegative(lateBy, "lateBy").toNanos();
    if (dropOneIn != 0 && dropOneIn < 2) {
      throw new IllegalArgumentException("dropOneIn must be 0 (none) or >= 2: " + dropOneIn);
    }
    fake.locked(
        () -> {
          fake.catchUpLocked();
          state.lateByNanos = nanos;
          state.dropOneIn = dropOneIn;
        });
  }

  /**
   * Makes {@code open} fail with {@code EBUSY} while another descriptor is open (as some drivers
   * and camera-sharing daemons do). Off by default.
   *
   * @param enabled true to refuse a second open
   */
  public void busyOnSecondOpen(boolean enabled) {
    fake.locked(() -> state.busyOnSecondOpen = enabled);
  }

  /**
   * Turns every fault off: no stall, normal delivery, no error frames, no armed unplug, open
   * allowed. Does not replug an unplugged camera.
   */
  public void clear() {
    fake.locked(
        () -> {
          fake.catchUpLocked();
          state.clear();
        });
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }
}
