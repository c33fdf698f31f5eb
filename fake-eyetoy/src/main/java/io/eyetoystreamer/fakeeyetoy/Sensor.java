package io.eyetoystreamer.fakeeyetoy;

/**
 * The camera's frame clock and what happens at each tick. Once streaming has started, a frame slot
 * is due every {@code 1 / rate} seconds on {@code System.nanoTime()}, counted from the start (so
 * timing does not drift). At each due slot the sensor makes frame {@code n}: it paints it into the
 * oldest queued buffer, timestamps it with the slot's due time (plus any delivery delay) and hands
 * it to the queue. With no buffer queued the frame is dropped and its sequence number skipped, as a
 * camera that keeps running does. Faults act here too: a stall makes no frames and uses no sequence
 * numbers; slow delivery completes frames late and loses one in {@code K} (a gap); error frames are
 * flagged; an armed unplug stops frames after the last one and asks for the unplug once the
 * application has dequeued them.
 *
 * <p>Frames are made lazily: every call into the fake first {@link #catchUp catches up} with the
 * clock, making the frames that fell due since, in order and with their own due times, exactly as
 * the buffers would look if a driver had filled them in real time. Waiters sleep until {@link
 * #nextEventNanos()}. Guarded by the fake's lock.
 */
final class Sensor {
  private static final long SECOND = 1_000_000_000L;

  private final BufferQueue queue;
  private final Ov534Controls controls;
  private final FaultState faults;
  private FramePainter painter;
  private boolean running;
  private int rate;
  private long baseNanos;
  private long baseSlot;
  private long nextSlot;
  private long sequence;

  Sensor(BufferQueue queue, Ov534Controls controls, FaultState faults) {
    this.queue = queue;
    this.controls = controls;
    this.faults = faults;
  }

  boolean running() {
    return running;
  }

  /** Starts the clock: the first frame is due one frame time from {@code now}, sequence 0. */
  void start(long now, int framesPerSecond, PictureLayout layout) {
    if (painter == null || !painter.layout().equals(layout)) {
      painter = new FramePainter(layout);
    }
    running = true;
    rate = framesPerSecond;
    baseNanos = now;
    baseSlot = 0;
    nextSlot = 1;
    sequence = 0;
  }

  void stop() {
    running = false;
  }

  /** Changes the rate while running: the next frame is due one new frame time from {@code now}. */
  void changeRate(long now, int framesPerSecond) {
    if (running && framesPerSecond != rate) {
      rate = framesPerSecond;
      baseNanos = now;
      baseSlot = nextSlot - 1;
    }
  }

  private long due(long slot) {
    return baseNanos + (slot - baseSlot) * SECOND / rate;
  }

  /**
   * Makes every frame due by {@code now} and completes late transfers.
   *
   * @return true when an armed unplug is due: the caller must unplug the camera
   */
  boolean catchUp(long now) {
    if (!running) {
      return false;
    }
    for (long due = due(nextSlot); due - now <= 0; due = due(nextSlot)) {
      nextSlot++;
      if (tick(due, now)) {
        return true;
      }
    }
    queue.complete(now);
    return false;
  }

  /** One frame slot. Returns true when the camera must vanish now. */
  private boolean tick(long due, long now) {
    if (faults.stalled(due)) {
      return false;
    }
    if (faults.unplugCountdown == 0) {
      queue.complete(now);
      return queue.drained() || due - faults.unplugDeadline >= 0;
    }
    long n = sequence++;
    if (faults.dropOneIn > 0 && (n + 1) % faults.dropOneIn == 0) {
      return false;
    }
    Buffer b = queue.takeQueued();
    if (b == null) {
      return false;
    }
    painter.paint(b.view, painter.layout().bytesPerLine(), n, controls.picture());
    b.bytesUsed = painter.layout().imageBytes();
    b.sequence = n & 0xFFFF_FFFFL;
    b.timestampNanos = due + faults.lateByNanos;
    b.error = faults.errorFrames > 0;
    if (b.error) {
      faults.errorFrames--;
    }
    queue.filled(b, b.timestampNanos, now);
    if (faults.unplugCountdown > 0 && --faults.unplugCountdown == 0) {
      faults.unplugDeadline = due + FaultState.DRAIN_GRACE_NANOS;
    }
    return false;
  }

  /** When something next happens without a call: a frame slot or a transfer completing. */
  long nextEventNanos() {
    if (!running) {
      return Long.MAX_VALUE;
    }
    long slot = due(nextSlot);
    long completion = queue.nextCompletionNanos();
    return completion != Long.MAX_VALUE && completion - slot < 0 ? completion : slot;
  }
}
