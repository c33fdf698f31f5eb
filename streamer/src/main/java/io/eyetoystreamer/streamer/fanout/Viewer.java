package io.eyetoystreamer.streamer.fanout;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One connected WebSocket viewer and what it has been sent. The fan-out thread is the only writer
 * of the counters; {@code /state} and {@code /metrics} read them from other threads.
 *
 * <p>Slow viewers: a frame is written only while the channel is writable, i.e. while less than the
 * channel's low water mark (far below one frame) is queued in user space. Otherwise the viewer
 * skips the frame (counted): at most about one frame is ever queued per viewer, and a stalled
 * viewer holds at most one frame of memory. A viewer that stays unwritable longer than the stall
 * limit is closed.
 */
public final class Viewer {
  /** Which WebSocket contract the viewer speaks. */
  public enum Kind {
    /** {@code /ws}: a 32-byte header then the frame, and JSON status text messages. */
    HEADED,
    /** {@code /eyetoy}: the original article's bare frames, nothing else. */
    BARE
  }

  private final Channel channel;
  private final Kind kind;
  private final long minIntervalNanos;
  private final long connectedAtMillis = System.currentTimeMillis();
  private volatile long framesSent;
  private volatile long framesSkipped;
  private volatile long bytesSent;
  private long lastSentNanos;
  private long unwritableSinceNanos;
  private String lastStatus;

  /**
   * @param maxFps the most frames per second this viewer asked for; 0 for every frame
   */
  public Viewer(Channel channel, Kind kind, int maxFps) {
    this.channel = channel;
    this.kind = kind;
    this.minIntervalNanos = maxFps <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / maxFps - 2_000_000;
  }

  /**
   * Sends {@code frame} if the viewer is ready for it, or counts it skipped. Closes the viewer if
   * it has been stalled for longer than {@code stallNanos}. Called by the fan-out thread only.
   *
   * @return true if the viewer was closed for stalling
   */
  boolean offer(WireFrame frame, long nowNanos, long stallNanos) {
    if (!channel.isActive()) {
      return false;
    }
    if (minIntervalNanos > 0 && lastSentNanos != 0 && nowNanos - lastSentNanos < minIntervalNanos) {
      return false; // rate asked by the viewer, not a skip
    }
    if (!channel.isWritable()) {
      framesSkipped++;
      if (unwritableSinceNanos == 0) {
        unwritableSinceNanos = nowNanos;
      } else if (nowNanos - unwritableSinceNanos > stallNanos) {
        channel.close();
        return true;
      }
      return false;
    }
    unwritableSinceNanos = 0;
    lastSentNanos = nowNanos;
    if (kind == Kind.HEADED) {
      channel.writeAndFlush(frame.headed(), channel.voidPromise());
      bytesSent += frame.headedWireBytes();
    } else {
      channel.write(frame.bareHeader(), channel.voidPromise());
      channel.writeAndFlush(frame.bareBody(), channel.voidPromise());
      bytesSent += frame.bareWireBytes();
    }
    framesSent++;
    return false;
  }

  /**
   * Closes the viewer if it has been unwritable for longer than {@code stallNanos} (checked while
   * no frames flow). Called by the fan-out thread only.
   */
  boolean closeIfStalled(long nowNanos, long stallNanos) {
    if (unwritableSinceNanos != 0
        && !channel.isWritable()
        && nowNanos - unwritableSinceNanos > stallNanos) {
      channel.close();
      return true;
    }
    return false;
  }

  /**
   * Sends a JSON status message if it differs from the last one sent ({@code /ws} only). Called by
   * the fan-out and, once on joining, by the viewer's event loop.
   */
  public synchronized void status(String json) {
    if (kind == Kind.HEADED && !json.equals(lastStatus) && channel.isActive()) {
      lastStatus = json;
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  /** The viewer's channel. */
  public Channel channel() {
    return channel;
  }

  /** The endpoint the viewer connected to. */
  public Kind kind() {
    return kind;
  }

  /** The remote address as {@code host:port}. */
  public String address() {
    SocketAddress a = channel.remoteAddress();
    if (a instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) a;
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(a);
  }

  /** Frames written to the viewer. */
  public long framesSent() {
    return framesSent;
  }

  /** Frames the viewer skipped because it was not ready (slow network or client). */
  public long framesSkipped() {
    return framesSkipped;
  }

  /** Bytes written to the viewer, WebSocket framing included. */
  public long bytesSent() {
    return bytesSent;
  }

  /** When the viewer connected, epoch milliseconds. */
  public long connectedAtMillis() {
    return connectedAtMillis;
  }
}
