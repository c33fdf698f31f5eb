package io.eyetoystreamer.streamer.fanout;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
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
 * comes, the previous one is dropped for that loop's viewers (counted as skipped); H.264 units,
 * which depend on the ones before, queue up instead, a few at most. The frame references ({@link
 * #offer(WireFrame)}, {@link #offer(JpegFrame)}, {@link #offer(H264Frame)}) are thread-safe; {@link
 * #run()} runs on the loop only.
 */
final class LoopFanout implements Runnable {
  private static final Logger LOG = Logger.getLogger(LoopFanout.class.getName());
  private static final Viewer[] NONE = new Viewer[0];

  /** H.264 units a loop may be behind before the oldest is dropped. */
  static final int H264_QUEUE = 8;

  final EventLoop loop;
  private final long stallNanos;
  private final AtomicReference<WireFrame> raw = new AtomicReference<>();
  private final AtomicReference<JpegFrame> jpeg = new AtomicReference<>();
  private final AtomicInteger rawDropped = new AtomicInteger();
  private final AtomicInteger jpegDropped = new AtomicInteger();

  /** H.264 units not yet written, oldest first: a late loop costs its viewers no key frame. */
  private final ArrayDeque<H264Frame> h264 = new ArrayDeque<>(H264_QUEUE);

  private final AtomicBoolean scheduled = new AtomicBoolean();
  volatile Viewer[] viewers = NONE;

  private final Viewers owner;

  LoopFanout(EventLoop loop, long stallNanos, Viewers owner) {
    this.loop = loop;
    this.stallNanos = stallNanos;
    this.owner = owner;
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

  /**
   * Queues an H.264 unit for this loop's H.264 viewers; takes a hold on it until written. Units
   * queue up (unlike frames: each depends on the ones before), at most {@link #H264_QUEUE}; past
   * that the oldest is dropped, and the viewers see the gap and wait for a key frame.
   */
  void offer(H264Frame unit) {
    unit.retain();
    H264Frame dropped = null;
    synchronized (h264) {
      if (h264.size() == H264_QUEUE) {
        dropped = h264.pollFirst();
      }
      h264.addLast(unit);
    }
    if (dropped != null) {
      dropped.release();
    }
    schedule();
  }

  private H264Frame nextUnit() {
    synchronized (h264) {
      return h264.pollFirst();
    }
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
          if (v.kind().raw()) {
            v.skipped(lost);
            send(v, frame, now);
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
            send(v, encoded, now);
          }
        }
      } finally {
        encoded.release();
      }
    }
    KeyFrameCache keyFrames = owner.keyFrameCache();
    for (H264Frame unit = nextUnit(); unit != null; unit = nextUnit()) {
      try {
        for (Viewer v : all) {
          if (v.kind().h264()) {
            if (keyFrames != null
                && v.waitsForKeyFrame()
                && !unit.keyFrame()
                && v.channel().isActive()
                && keyFrames.start(v, unit)) {
              continue; // an edge's joiner: started at the cached key frame, sent this unit
            }
            send(v, unit, now);
          }
        }
      } finally {
        unit.release();
      }
    }
  }

  /** Offers a {@link WireFrame}, {@link JpegFrame} or {@link H264Frame} to {@code viewer}. */
  private void send(Viewer viewer, Object frame, long now) {
    try {
      boolean closed;
      if (frame instanceof WireFrame) {
        closed = viewer.offer((WireFrame) frame, now, stallNanos);
      } else if (frame instanceof JpegFrame) {
        closed = viewer.offerJpeg((JpegFrame) frame, now, stallNanos);
      } else {
        closed = viewer.offerH264((H264Frame) frame, now, stallNanos);
      }
      if (closed) {
        LOG.info(() -> "closed viewer " + viewer.address() + ": stalled");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "dropping viewer " + viewer.address(), e);
      viewer.channel().close();
    }
  }
}
