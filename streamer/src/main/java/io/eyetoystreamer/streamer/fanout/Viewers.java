package io.eyetoystreamer.streamer.fanout;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connected viewers, with a hard limit. Joining reserves a place first (so that a burst of
 * handshakes cannot exceed the limit), leaving frees it. Thread-safe. The fan-out reads an
 * immutable array snapshot once per frame: no lock, no iterator, no allocation; joins and leaves
 * (rare) copy the array.
 */
public final class Viewers {
  private static final Viewer[] NONE = new Viewer[0];

  private final int max;
  private final AtomicInteger reserved = new AtomicInteger();
  private final Object changes = new Object();
  private volatile Viewer[] snapshot = NONE;
  private volatile int jpegViewers;

  /** A registry that admits at most {@code max} viewers. */
  public Viewers(int max) {
    this.max = max;
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

  /** Adds a viewer to a place reserved before; it leaves by itself when its channel closes. */
  public void add(Viewer viewer) {
    synchronized (changes) {
      Viewer[] now = Arrays.copyOf(snapshot, snapshot.length + 1);
      now[now.length - 1] = viewer;
      snapshot = now;
      jpegViewers = countJpeg(now);
    }
    viewer.channel().closeFuture().addListener(f -> remove(viewer));
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
      snapshot = now;
      jpegViewers = countJpeg(now);
    }
    reserved.decrementAndGet();
  }

  /** The viewers now: an array the caller must not modify, safe while viewers come and go. */
  public Viewer[] snapshot() {
    return snapshot;
  }

  private static int countJpeg(Viewer[] viewers) {
    int n = 0;
    for (Viewer v : viewers) {
      if (v.kind().jpeg()) {
        n++;
      }
    }
    return n;
  }

  /** How many connected viewers take JPEG. */
  public int jpegCount() {
    return jpegViewers;
  }

  /** How many connected viewers take raw frames. */
  public int rawCount() {
    return snapshot.length - jpegViewers;
  }

  /** How many viewers are connected. */
  public int count() {
    return snapshot.length;
  }

  /** The limit. */
  public int max() {
    return max;
  }
}
