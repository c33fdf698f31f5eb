package io.eyetoystreamer.streamer.fanout;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connected viewers, with a hard limit, grouped by the event loop that serves each one (a
 * {@link LoopFanout} per loop). Joining reserves a place first (so that a burst of handshakes
 * cannot exceed the limit), leaving frees it. Thread-safe. The fan-out reads immutable array
 * snapshots once per frame: no lock, no iterator, no allocation; joins and leaves (rare) copy the
 * arrays.
 */
public final class Viewers {
  private static final Viewer[] NONE = new Viewer[0];
  private static final LoopFanout[] NO_LOOPS = new LoopFanout[0];

  private final int max;
  private final long stallNanos;
  private final AtomicInteger reserved = new AtomicInteger();
  private final Object changes = new Object();
  private final List<LoopFanout> allLoops = new ArrayList<>();
  private volatile Viewer[] snapshot = NONE;
  private volatile LoopFanout[] loops = NO_LOOPS;
  private volatile int jpegViewers;
  private volatile int h264Viewers;
  private long departedFramesSent;
  private long departedFramesSkipped;
  private long departedBytesSent;
  private volatile Runnable onJoin = () -> {};
  private volatile KeyFrameCache keyFrameCache;
  private volatile Runnable onChange = () -> {};

  /**
   * What all viewers, connected and departed, have been sent and skipped since start: counters that
   * never go down (Prometheus reads a decrease as a restart).
   */
  public record Totals(long framesSent, long framesSkipped, long bytesSent) {}

  /**
   * A registry that admits at most {@code max} viewers.
   *
   * @param stallLimit how long a viewer may stay unable to take frames before it is closed
   */
  public Viewers(int max, Duration stallLimit) {
    this.max = max;
    this.stallNanos = stallLimit.toNanos();
  }

  /** Reserves a place for a viewer about to connect; false if the limit is reached. */
  public boolean reserve() {
    while (true) {
      int n = reserved.get();
      if (n >= max) {
        return false;
      }
      if (reserved.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a reservation that did not become a viewer (failed handshake). */
  public void unreserve() {
    reserved.decrementAndGet();
  }

  /** Runs {@code onJoin} after each viewer joins (to wake an idle camera). */
  public void onJoin(Runnable onJoin) {
    this.onJoin = onJoin;
  }

  /** Adds a viewer to a place reserved before; it leaves by itself when its channel closes. */
  public void add(Viewer viewer) {
    synchronized (changes) {
      Viewer[] now = Arrays.copyOf(snapshot, snapshot.length + 1);
      now[now.length - 1] = viewer;
      publish(now);
    }
    onJoin.run();
    viewer.channel().closeFuture().addListener(f -> remove(viewer));
    onChange.run();
  }

  /**
   * Runs {@code listener} after every join and leave (on the thread that made the change, outside
   * any lock): an edge subscribes to what its viewers want. It must be quick.
   */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  private void remove(Viewer viewer) {
    synchronized (changes) {
      Viewer[] old = snapshot;
      int i = Arrays.asList(old).indexOf(viewer);
      if (i < 0) {
        return;
      }
      Viewer[] now = new Viewer[old.length - 1];
      System.arraycopy(old, 0, now, 0, i);
      System.arraycopy(old, i + 1, now, i, old.length - i - 1);
      // Under the same lock as totals(): a reader sees the viewer either connected or departed.
      departedFramesSent += viewer.framesSent();
      departedFramesSkipped += viewer.framesSkipped();
      departedBytesSent += viewer.bytesSent();
      publish(now);
    }
    reserved.decrementAndGet();
    onChange.run();
  }

  /** Installs a new set of viewers: the global snapshot and each loop's share. Under the lock. */
  private void publish(Viewer[] now) {
    List<LoopFanout> active = new ArrayList<>();
    for (LoopFanout loop : allLoops) {
      loop.viewers = NONE;
    }
    int jpeg = 0;
    int h264 = 0;
    for (Viewer v : now) {
      LoopFanout loop = loopOf(v.channel().eventLoop());
      Viewer[] mine = Arrays.copyOf(loop.viewers, loop.viewers.length + 1);
      mine[mine.length - 1] = v;
      loop.viewers = mine;
      if (!active.contains(loop)) {
        active.add(loop);
      }
      if (v.kind().jpeg()) {
        jpeg++;
      } else if (v.kind().h264()) {
        h264++;
      }
    }
    snapshot = now;
    loops = active.toArray(NO_LOOPS);
    jpegViewers = jpeg;
    h264Viewers = h264;
  }

  private LoopFanout loopOf(EventLoop eventLoop) {
    for (LoopFanout loop : allLoops) {
      if (loop.loop == eventLoop) {
        return loop;
      }
    }
    LoopFanout created = new LoopFanout(eventLoop, stallNanos, this);
    allLoops.add(created);
    return created;
  }

  /** Totals over every viewer since start, connected or not. */
  public Totals totals() {
    synchronized (changes) {
      long sent = departedFramesSent;
      long skipped = departedFramesSkipped;
      long bytes = departedBytesSent;
      for (Viewer v : snapshot) {
        sent += v.framesSent();
        skipped += v.framesSkipped();
        bytes += v.bytesSent();
      }
      return new Totals(sent, skipped, bytes);
    }
  }

  /** The viewers now: an array the caller must not modify, safe while viewers come and go. */
  public Viewer[] snapshot() {
    return snapshot;
  }

  /** An edge's cached key frame, for its joining H.264 viewers; set once at start. */
  void keyFrameCache(KeyFrameCache cache) {
    this.keyFrameCache = cache;
  }

  /** The edge's cached key frame, or null (no relay edge: key frames are forced instead). */
  KeyFrameCache keyFrameCache() {
    return keyFrameCache;
  }

  /** How many connected viewers take {@code format}. */
  public int count(StreamFormat format) {
    switch (format) {
      case RAW:
        return rawCount();
      case JPEG:
        return jpegViewers;
      default:
        return h264Viewers;
    }
  }

  /** The event loops serving at least one viewer, each with its viewers. */
  LoopFanout[] loops() {
    return loops;
  }

  /** How many connected viewers take JPEG. */
  public int jpegCount() {
    return jpegViewers;
  }

  /** How many connected viewers take H.264. */
  public int h264Count() {
    return h264Viewers;
  }

  /** How many connected viewers take raw frames. */
  public int rawCount() {
    return snapshot.length - jpegViewers - h264Viewers;
  }

  /** How many viewers are connected. */
  public int count() {
    return snapshot.length;
  }

  /** The limit. */
  public int max() {
    return max;
  }

  /** How long a viewer may stall before it is closed, in nanoseconds. */
  public long stallNanos() {
    return stallNanos;
  }
}
