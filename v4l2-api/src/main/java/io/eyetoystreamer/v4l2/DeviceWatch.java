package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link V4l2Devices#watch watch} for capture devices: a daemon thread that lists the
 * devices at a fixed interval and tells the listener what appeared and what went away. A device is
 * the same device while its node path and bus info stay the same. Close it to stop; {@link
 * #close()} is idempotent and waits for the thread to finish, so no event follows it.
 */
public final class DeviceWatch implements AutoCloseable {
  private final V4l2Native sys;
  private final DeviceListener listener;
  private final long intervalNanos;
  private final Thread thread;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Map<String, DeviceInfo> known = new LinkedHashMap<>();

  DeviceWatch(V4l2Native sys, Duration interval, DeviceListener listener) {
    this.sys = Objects.requireNonNull(sys, "sys");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive: " + interval);
    }
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::run, "v4l2-device-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      do {
        scan();
      } while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void scan() {
    List<DeviceInfo> now;
    try {
      now = V4l2Devices.list(sys);
    } catch (RuntimeException e) {
      return; // a node vanished while it was being probed: the next scan sees the truth
    }
    Map<String, DeviceInfo> current = new LinkedHashMap<>();
    for (DeviceInfo d : now) {
      current.put(key(d), d);
    }
    for (Map.Entry<String, DeviceInfo> e : List.copyOf(known.entrySet())) {
      if (!current.containsKey(e.getKey())) {
        known.remove(e.getKey());
        tell(false, e.getValue());
      }
    }
    for (Map.Entry<String, DeviceInfo> e : current.entrySet()) {
      if (!known.containsKey(e.getKey())) {
        known.put(e.getKey(), e.getValue());
        tell(true, e.getValue());
      }
    }
  }

  private static String key(DeviceInfo d) {
    return d.path() + "\u0000" + d.capabilities().busInfo();
  }

  private void tell(boolean found, DeviceInfo device) {
    if (stop.getCount() == 0) {
      return;
    }
    try {
      if (found) {
        listener.found(device);
      } else {
        listener.gone(device);
      }
    } catch (RuntimeException e) {
      // the listener's own failure: dropped, as the interface says
    }
  }

  /**
   * Stops the watch and waits for its thread (unless called from the listener, which then gets no
   * further event).
   */
  @Override
  public void close() {
    stop.countDown();
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
