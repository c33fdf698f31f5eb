package io.eyetoystreamer.streamer.fanout;

import java.util.ArrayDeque;

/**
 * An edge's newest H.264 key frame and the units since, so that a viewer joining an edge (or one
 * that missed a unit) starts at once instead of waiting up to a key-frame interval: its event loop
 * sends it the key frame and every unit after it, then the live ones. Bounded in bytes: a group of
 * pictures larger than the bound is dropped (viewers then start at the next key frame), as is one
 * with a unit missing.
 *
 * <p>The edge's dispatcher thread adds units; event loops read them for their joining viewers.
 * Synchronized: a unit is added about 30 times a second, a viewer starts rarely.
 */
final class KeyFrameCache {
  private final long maxBytes;
  private final ArrayDeque<H264Frame> units = new ArrayDeque<>();
  private long bytes;

  /** A cache holding at most {@code maxBytes} of units. */
  KeyFrameCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Keeps {@code unit} (taking a hold on it) if it starts or continues the cached run. */
  synchronized void add(H264Frame unit) {
    if (unit.keyFrame()) {
      clear();
    } else if (units.isEmpty() || units.peekLast().index() + 1 != unit.index()) {
      clear(); // nothing to continue, or a unit is missing: wait for the next key frame
      return;
    }
    if (bytes + unit.webSocketBytes() > maxBytes) {
      clear();
      return;
    }
    unit.retain();
    units.addLast(unit);
    bytes += unit.webSocketBytes();
  }

  /** Whether a viewer could start now: a key frame is cached. */
  synchronized boolean ready() {
    return !units.isEmpty();
  }

  /**
   * Starts {@code viewer}, which waits for a key frame, at the cached key frame: sends it the
   * cached units before {@code next}, then {@code next}. Does nothing unless the cache holds a run
   * from a key frame up to the unit just before {@code next}, and the viewer can take it now
   * (writable: a viewer that has not drained the last catch-up gets no other). Called on the
   * viewer's event loop.
   *
   * @return whether the viewer was started (and sent {@code next})
   */
  synchronized boolean start(Viewer viewer, H264Frame next) {
    if (units.isEmpty()
        || units.peekFirst().index() >= next.index()
        || units.peekLast().index() + 1 < next.index()
        || !viewer.channel().isWritable()) {
      return false;
    }
    for (H264Frame u : units) {
      if (u.index() >= next.index()) {
        break;
      }
      viewer.catchUp(u);
    }
    viewer.catchUp(next);
    viewer.channel().flush();
    return true;
  }

  /** Drops every unit. */
  synchronized void clear() {
    for (H264Frame u : units) {
      u.release();
    }
    units.clear();
    bytes = 0;
  }

  /** Bytes held. */
  synchronized long bytes() {
    return bytes;
  }
}
