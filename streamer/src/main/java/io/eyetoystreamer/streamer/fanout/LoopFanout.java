package io.eyetoystreamer.streamer.fanout;

import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The viewers of one event loop, and the one reusable task that writes a frame to all of them from
 * inside that loop. The fan-out hands a frame to each loop once (one wake-up per loop per frame,
 * not per viewer); the writes then happen on the loop's own thread, where Netty needs no write task
 * and recycles the buffer duplicates: no allocation per viewer.
 *
 * <p>Newest frame wins here too: if a loop has not yet run the previous frame when the next one
 * comes, the previous one is dropped for that loop's viewers (counted as skipped). The frame
 * references ({@link #offer(WireFrame)}, {@link #offer(JpegFrame)}) are thread-safe; {@link #run()}
 * runs on the loop only.
 */
final class LoopFanout implements Runnable {
  private static final Logger LOG = Logger.getLogger(LoopFanout.class.getName());
  private static final Viewer[] NONE = new Viewer[0];

  final EventLoop loop;
  private final long stallNanos;
  private final AtomicReference<WireFrame> raw = new AtomicReference<>();
  private final AtomicReference<JpegFrame> jpeg = new AtomicReference<>();
  private final AtomicInteger rawDropped = new AtomicInteger();
  private final AtomicInteger jpegDropped = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  volatile Viewer[] viewers = NONE;

  LoopFanout(EventLoop loop, long stallNanos) {
    this.loop = loop;
    this.stallNanos = stallNanos;
  }

  /** Queues a raw frame for this loop's raw viewers; takes a hold on it until written. */
  void offer(WireFrame frame) {
    frame.acquire();
    WireFrame old = raw.getAndSet(frame);
    if (old != null) {
      old.release();
      rawDropped.incrementAndGet();
    }
    schedule();
  }

  /** Queues a JPEG for this loop's JPEG viewers; takes a hold on it until written. */
  void offer(JpegFrame frame) {
    frame.retain();
    JpegFrame old = jpeg.getAndSet(frame);
    if (old != null) {
      old.release();
      jpegDropped.incrementAndGet();
    }
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    scheduled.set(false);
    long now = System.nanoTime();
    Viewer[] all = viewers;
    WireFrame frame = raw.getAndSet(null);
    if (frame != null) {
      try {
        int lost = rawDropped.getAndSet(0);
        for (Viewer v : all) {
          if (!v.kind().jpeg()) {
            v.skipped(lost);
            send(v, frame, null, now);
          }
        }
      } finally {
        frame.release();
      }
    }
    JpegFrame encoded = jpeg.getAndSet(null);
    if (encoded != null) {
      try {
        int lost = jpegDropped.getAndSet(0);
        for (Viewer v : all) {
          if (v.kind().jpeg()) {
            v.skipped(lost);
            send(v, null, encoded, now);
          }
        }
      } finally {
        encoded.release();
      }
    }
  }

  private void send(Viewer viewer, WireFrame frame, JpegFrame encoded, long now) {
    try {
      boolean closed =
          frame != null
              ? viewer.offer(frame, now, stallNanos)
              : viewer.offerJpeg(encoded, now, stallNanos);
      if (closed) {
        LOG.info(() -> "closed viewer " + viewer.address() + ": stalled");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "dropping viewer " + viewer.address(), e);
      viewer.channel().close();
    }
  }
}
