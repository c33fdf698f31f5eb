package io.eyetoystreamer.streamer.http;

import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cap on open connections, viewers included ({@code --max-connections}). It keeps the process
 * below its open-file limit whatever clients do, and it keeps room for real clients when the cap is
 * reached: the oldest connection that is only waiting for a request (a slowloris, an idle
 * keep-alive) is closed to admit the newcomer. Only when every connection is busy or a viewer is
 * the newcomer refused. Thread-safe; one instance per server.
 */
public final class ConnectionLimiter {
  private final int max;
  private final LinkedHashSet<ConnectionGuard> waiting = new LinkedHashSet<>();
  private final LongAdder refused = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private int open;

  /** Admits at most {@code max} connections at once. */
  public ConnectionLimiter(int max) {
    this.max = max;
  }

  /**
   * Counts a newly accepted channel in, closing the oldest waiting connection to make room if the
   * cap is reached. The channel is counted out when it closes.
   *
   * @return false if the cap is reached and no connection could make room: refuse the channel
   */
  boolean admit(Channel channel) {
    ConnectionGuard victim = null;
    synchronized (this) {
      if (open >= max) {
        Iterator<ConnectionGuard> oldest = waiting.iterator();
        if (!oldest.hasNext()) {
          refused.increment();
          return false;
        }
        victim = oldest.next();
        oldest.remove();
      }
      open++;
    }
    channel.closeFuture().addListener(f -> closed());
    if (victim != null) {
      evicted.increment();
      victim.evict();
    }
    return true;
  }

  private synchronized void closed() {
    open--;
  }

  /** Marks a connection as only waiting for its next request: it may be closed to make room. */
  synchronized void waiting(ConnectionGuard guard) {
    waiting.remove(guard); // so that it counts as the newest
    waiting.add(guard);
  }

  /** Marks a connection as busy (a request is being answered) or gone. */
  synchronized void busy(ConnectionGuard guard) {
    waiting.remove(guard);
  }

  /** Connections open now. */
  public synchronized int open() {
    return open;
  }

  /** The cap. */
  public int max() {
    return max;
  }

  /** Connections refused at the cap since start. */
  public long refused() {
    return refused.sum();
  }

  /** Waiting connections closed to make room for a newcomer since start. */
  public long evicted() {
    return evicted.sum();
  }
}
