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
 * <p>Frames are offered on the viewer's own event loop ({@link LoopFanout}), which is the only
 * writer of the counters; {@code /state} and {@code /metrics} read them from other threads.
 *
 * <p>Slow viewers: a frame is written only while the channel is writable, i.e. while less than the
 * channel's low water mark (far below one frame) is queued in user space. Otherwise the viewer
 * skips the frame (counted): at most about one frame is ever queued per viewer, and a stalled
 * viewer holds at most one frame of memory. A viewer that stays unwritable longer than the stall
 * limit is closed.
 */
public final class Viewer {
  /** What the viewer receives, and how. */
  public enum Kind {
    /** {@code /ws}: a 32-byte header then the raw frame, and JSON status text messages. */
    HEADED("/ws"),
    /** {@code /eyetoy}: the original article's bare frames, nothing else. */
    BARE("/eyetoy"),
    /** {@code /ws?format=jpeg}: a 32-byte header then a JPEG, and JSON status text messages. */
    JPEG("/ws?format=jpeg"),
    /** {@code /stream.mjpg}: MJPEG over HTTP, each part with its Content-Length. */
    MJPEG("/stream.mjpg"),
    /** {@code /stream.mjpg} with advance headers: the next part opened right after each JPEG. */
    MJPEG_ADVANCE("/stream.mjpg"),
    /** {@code /ws?format=h264}: a 32-byte header then an H.264 access unit, and status messages. */
    H264("/ws?format=h264"),
    /** {@code /stream.h264}: the raw Annex-B stream over HTTP, for ffmpeg, VLC and the like. */
    H264_RAW("/stream.h264");

    private final String endpoint;

    Kind(String endpoint) {
      this.endpoint = endpoint;
    }

    /** The endpoint, for {@code /state}. */
    public String endpoint() {
      return endpoint;
    }

    /** Whether this kind receives JPEG rather than raw frames. */
    public boolean jpeg() {
      return this == JPEG || this == MJPEG || this == MJPEG_ADVANCE;
    }

    /** Whether this kind receives H.264 rather than raw frames. */
    public boolean h264() {
      return this == H264 || this == H264_RAW;
    }

    /** Whether this kind receives raw frames. */
    public boolean raw() {
      return this == HEADED || this == BARE;
    }

    /** Whether this kind takes JSON status text messages. */
    boolean status() {
      return this == HEADED || this == JPEG || this == H264;
    }
  }

  private final Channel channel;
  private final Kind kind;
  private final long minIntervalNanos;
  private final long connectedAtMillis = System.currentTimeMillis();
  private volatile long framesSent;
  private volatile long framesSkipped;
  private volatile long bytesSent;
  private long lastSentNanos;
  private volatile long unwritableSinceNanos;
  private String lastStatus;

  /** H.264: nothing but a key frame may be sent (just joined, or missed a unit). */
  private volatile boolean waitsForKeyFrame;

  /** H.264: the index of the last unit sent, or 0. */
  private long lastUnitIndex;

  /**
   * @param maxFps the most frames per second this viewer asked for; 0 for every frame. Ignored for
   *     H.264, whose units depend on the ones before: every unit is sent.
   */
  public Viewer(Channel channel, Kind kind, int maxFps) {
    this.channel = channel;
    this.kind = kind;
    this.minIntervalNanos =
        maxFps <= 0 || kind.h264() ? 0 : TimeUnit.SECONDS.toNanos(1) / maxFps - 2_000_000;
    this.waitsForKeyFrame = kind.h264();
  }

  /**
   * Sends {@code frame} if the viewer is ready for it, or counts it skipped. Closes the viewer if
   * it has been stalled for longer than {@code stallNanos}. Called by the fan-out thread only.
   *
   * @return true if the viewer was closed for stalling
   */
  boolean offer(WireFrame frame, long nowNanos, long stallNanos) {
    int gate = gate(nowNanos, stallNanos);
    if (gate != SEND) {
      return gate == CLOSED;
    }
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
   * Sends an encoded frame, like {@link #offer(WireFrame, long, long)}, to a JPEG viewer. Called on
   * the viewer's event loop only.
   *
   * @return true if the viewer was closed for stalling
   */
  boolean offerJpeg(JpegFrame frame, long nowNanos, long stallNanos) {
    int gate = gate(nowNanos, stallNanos);
    if (gate != SEND) {
      return gate == CLOSED;
    }
    switch (kind) {
      case JPEG:
        channel.writeAndFlush(frame.webSocketMessage(), channel.voidPromise());
        break;
      case MJPEG:
        channel.write(frame.partHeader(), channel.voidPromise());
        channel.writeAndFlush(frame.partBody(), channel.voidPromise());
        break;
      default:
        channel.writeAndFlush(frame.advancedPartBody(), channel.voidPromise());
        break;
    }
    bytesSent += frame.jpegBytes();
    framesSent++;
    return false;
  }

  /**
   * Sends an H.264 access unit, like {@link #offer(WireFrame, long, long)}, keeping the viewer's
   * stream decodable: after a unit it did not get, it gets nothing until the next key frame. Called
   * on the viewer's event loop only.
   *
   * @return true if the viewer was closed for stalling
   */
  boolean offerH264(H264Frame unit, long nowNanos, long stallNanos) {
    int gate = gate(nowNanos, stallNanos);
    if (gate != SEND) {
      waitsForKeyFrame = true;
      return gate == CLOSED;
    }
    if (lastUnitIndex != 0 && unit.index() != lastUnitIndex + 1) {
      waitsForKeyFrame = true; // a unit never reached this viewer's loop
    }
    if (waitsForKeyFrame) {
      if (!unit.keyFrame()) {
        framesSkipped++;
        return false;
      }
      waitsForKeyFrame = false;
    }
    if (kind == Kind.H264) {
      channel.writeAndFlush(unit.webSocketMessage(), channel.voidPromise());
      bytesSent += unit.webSocketBytes();
    } else {
      channel.writeAndFlush(unit.unit(), channel.voidPromise());
      bytesSent += unit.unitBytes();
    }
    lastUnitIndex = unit.index();
    framesSent++;
    return false;
  }

  /**
   * H.264: the viewer's decoder needs a key frame (it fell behind, or failed): nothing more is sent
   * until one comes, and the encoder stage is asked for one. Ignored for other kinds.
   */
  public void requestKeyFrame() {
    if (kind.h264()) {
      waitsForKeyFrame = true;
    }
  }

  /**
   * H.264 on an edge: writes {@code unit} as part of a catch-up from the cached key frame ({@link
   * KeyFrameCache}), whatever the channel's writability (the catch-up is bounded by the cache; the
   * caller checked the viewer was writable before it began). Not flushed. Called on the viewer's
   * event loop only.
   */
  void catchUp(H264Frame unit) {
    if (!channel.isActive()) {
      return;
    }
    if (kind == Kind.H264) {
      channel.write(unit.webSocketMessage(), channel.voidPromise());
      bytesSent += unit.webSocketBytes();
    } else {
      channel.write(unit.unit(), channel.voidPromise());
      bytesSent += unit.unitBytes();
    }
    waitsForKeyFrame = false;
    lastUnitIndex = unit.index();
    unwritableSinceNanos = 0;
    framesSent++;
  }

  /** H.264: whether the viewer waits for a key frame (it joined, or it missed a unit). */
  boolean waitsForKeyFrame() {
    return waitsForKeyFrame;
  }

  private static final int SEND = 0;
  private static final int HOLD = 1;
  private static final int CLOSED = 2;

  /** Whether to send now: the viewer's own rate, writability, and the stall limit. */
  private int gate(long nowNanos, long stallNanos) {
    if (!channel.isActive()) {
      return HOLD;
    }
    if (minIntervalNanos > 0 && lastSentNanos != 0 && nowNanos - lastSentNanos < minIntervalNanos) {
      return HOLD; // rate asked by the viewer, not a skip
    }
    if (!channel.isWritable()) {
      framesSkipped++;
      if (unwritableSinceNanos == 0) {
        unwritableSinceNanos = nowNanos;
      } else if (nowNanos - unwritableSinceNanos > stallNanos) {
        channel.close();
        return CLOSED;
      }
      return HOLD;
    }
    unwritableSinceNanos = 0;
    lastSentNanos = nowNanos;
    return SEND;
  }

  /** Counts frames this viewer missed because its event loop was still busy with older ones. */
  void skipped(int frames) {
    if (frames > 0) {
      framesSkipped += frames;
      if (kind.h264()) {
        waitsForKeyFrame = true; // a missed unit breaks the references of the ones after it
      }
    }
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
    if (kind.status() && !json.equals(lastStatus) && channel.isActive()) {
      lastStatus = json;
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  /**
   * Sends a JSON text message as it is, every time ({@code /ws} viewers only: those that take
   * status messages), e.g. the camera's controls after a change. Any thread.
   */
  public void message(String json) {
    if (kind.status() && channel.isActive()) {
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

  /** Bytes written to the viewer (raw: WebSocket framing included; JPEG: the JPEG bytes). */
  public long bytesSent() {
    return bytesSent;
  }

  /** When the viewer connected, epoch milliseconds. */
  public long connectedAtMillis() {
    return connectedAtMillis;
  }
}
