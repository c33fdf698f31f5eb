package io.eyetoystreamer.streamer.relay;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.ServedArea;
import io.eyetoystreamer.streamer.fanout.EdgeFeed;
import io.eyetoystreamer.streamer.fanout.StreamFormat;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.eyetoystreamer.streamer.http.Json;
import io.eyetoystreamer.streamer.http.RelayReport;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The serving side of the relay ({@code serve --source}): no camera; frames come from a publisher
 * through NATS and go out through the same endpoints, fan-out and slow-viewer policy as a local
 * camera's.
 *
 * <ul>
 *   <li>It subscribes only to the formats its own viewers take, and announces each on {@code
 *       eyetoy.CAMERA.interest} at once when the first viewer of it joins and every second while it
 *       has some, so the publisher publishes (and encodes) it.
 *   <li>Raw frames are written into a local in-memory frame area; the ordinary fan-out serves them
 *       (and snapshots read them). JPEG frames and H.264 units go to the event loops as they came,
 *       without re-encoding ({@link EdgeFeed}: one copy into a pooled direct buffer per message,
 *       shared by all local viewers); the newest H.264 key frame and the units since are kept, so a
 *       viewer joining here starts at once.
 *   <li>Core NATS delivers at most once: each format has its own bounded pending queue (jnats's
 *       pending limits, in messages and bytes); past it the server's messages are dropped, and a
 *       raw or JPEG frame with a newer one already waiting is skipped (newest wins). Both are
 *       counted.
 *   <li>The camera's state follows the publisher's status messages; none for {@link
 *       #PUBLISHER_GONE} means the publisher is gone, and the camera is offline for this edge's
 *       viewers (and {@code /healthz}).
 * </ul>
 *
 * <p>Threads: one jnats dispatcher per format and one for status messages call the handlers; the
 * {@code relay} thread subscribes, announces and watches the publisher's heartbeat.
 */
public final class RelayEdge implements RelayReport, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RelayEdge.class.getName());

  /** No status message for this long: the publisher is gone. */
  public static final Duration PUBLISHER_GONE = Duration.ofSeconds(3);

  /** How often interest is announced while viewers want a format. */
  public static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(1);

  /** Bytes of H.264 kept for joining viewers. */
  public static final long KEY_FRAME_CACHE_BYTES = 4L << 20;

  private static final long TICK_MILLIS = 250;
  private static final long KEY_FRAME_REQUEST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final StreamFormat[] FORMATS = StreamFormat.values();

  private final NatsAddress address;
  private final ServedArea served;
  private final CameraState camera;
  private final Viewers viewers;
  private final EdgeFeed feed;
  private final int rawPendingBytes;
  private final NatsLink link;
  private final ScheduledExecutorService control;

  // The relay thread's own.
  private final boolean[] subscribed = new boolean[FORMATS.length];
  private long lastAnnounceNanos;
  private long watchFromNanos;
  private boolean goneSaid;

  /** One dispatcher per format, by ordinal; null until connected. Set once. */
  private volatile Dispatcher[] dispatchers;

  private final AtomicLongArray received = new AtomicLongArray(FORMATS.length);
  private final AtomicLongArray stale = new AtomicLongArray(FORMATS.length);
  private final AtomicLongArray malformed = new AtomicLongArray(FORMATS.length);
  private volatile int subscriptions;
  private volatile long lastFrameNanos = System.nanoTime();
  private volatile long lastStatusNanos;
  private volatile String publisher;
  private volatile StatusMessage lastStatus;
  private volatile boolean resetH264;
  private volatile long lastKeyFrameRequestNanos;
  private volatile long keyFrameRequests;
  private volatile boolean malformedLogged;

  // The raw dispatcher's own (the area's one writer), but heartbeats come from the relay thread.
  private volatile AreaWriter writer;
  private FrameArea area;

  // The H.264 dispatcher's own.
  private long lastUnitIndex;

  private RelayEdge(
      NatsAddress address,
      Path creds,
      ServedArea served,
      CameraState camera,
      Viewers viewers,
      EdgeFeed feed)
      throws IOException {
    this.address = address;
    this.served = served;
    this.camera = camera;
    this.viewers = viewers;
    this.feed = feed;
    this.area = served.get();
    this.writer = area.writer();
    this.rawPendingBytes = (int) Math.max(4 << 20, 2L * (area.geometry().slotCapacity() + 64));
    this.link =
        new NatsLink(
            "edge",
            address,
            creds,
            256,
            new NatsLink.Events() {
              @Override
              public void connected(Connection c) {
                runOnControl(() -> subscribe(c));
              }

              @Override
              public void disconnected() {
                lastStatus = null; // the next status after reconnecting says online again
                camera.offline(
                    "the connection to the NATS cluster ("
                        + address
                        + ") is lost; reconnecting to any of its servers");
              }

              @Override
              public void reconnected() {
                resetH264 = true;
                runOnControl(
                    () -> {
                      watchFromNanos = System.nanoTime();
                      announce(watchFromNanos);
                    });
              }
            });
    this.control =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "relay");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects (in the background) and follows the viewers: subscribes to what they take.
   *
   * @param creds a NATS credentials file, or null
   * @param served the in-memory area raw frames are written into; this edge is its one writer
   * @param feed where JPEG frames and H.264 units go
   * @throws IOException if the credentials cannot be read or the options are unusable
   */
  public static RelayEdge start(
      NatsAddress address,
      Path creds,
      ServedArea served,
      CameraState camera,
      Viewers viewers,
      EdgeFeed feed)
      throws IOException {
    RelayEdge e = new RelayEdge(address, creds, served, camera, viewers, feed);
    camera.offline("connecting to the NATS cluster " + address);
    viewers.onChange(() -> e.runOnControl(e::reconcile));
    e.link.start();
    e.control.scheduleWithFixedDelay(e::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "serving camera "
                + address.camera()
                + " from "
                + address
                + ": subscribing to "
                + address.subject("{raw,jpeg,h264}")
                + " as viewers want them");
    return e;
  }

  private void runOnControl(Runnable task) {
    try {
      control.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException ex) {
              LOG.log(Level.WARNING, "relay edge: " + ex, ex);
            }
          });
    } catch (RejectedExecutionException stopping) {
      // closing: nothing more to do
    }
  }

  /** The first connection: a dispatcher per format (subscribed as viewers come) and the status. */
  private void subscribe(Connection c) {
    Dispatcher[] d = new Dispatcher[FORMATS.length];
    d[StreamFormat.RAW.ordinal()] = dispatcher(c, this::onRaw, 2, rawPendingBytes);
    d[StreamFormat.JPEG.ordinal()] = dispatcher(c, this::onJpeg, 4, 4 << 20);
    d[StreamFormat.H264.ordinal()] = dispatcher(c, this::onH264, 128, 8 << 20);
    dispatchers = d;
    watchFromNanos = System.nanoTime();
    dispatcher(c, this::onStatus, 16, 1 << 20).subscribe(address.statusSubject());
    reconcile();
  }

  private Dispatcher dispatcher(Connection c, MessageHandler handler, long messages, long bytes) {
    Dispatcher d =
        c.createDispatcher(
            m -> {
              try {
                handler.onMessage(m);
              } catch (RuntimeException e) {
                failed(m, e);
              }
            });
    d.setPendingLimits(messages, bytes);
    return d;
  }

  /** Subscribes to the formats viewers take now, and unsubscribes from the rest. */
  private void reconcile() {
    Dispatcher[] d = dispatchers;
    if (d == null) {
      return; // not connected yet: done on connecting
    }
    long now = System.nanoTime();
    int count = 0;
    for (StreamFormat f : FORMATS) {
      boolean want = viewers.count(f) > 0;
      int i = f.ordinal();
      if (want && !subscribed[i]) {
        subscribed[i] = true;
        if (f == StreamFormat.H264) {
          resetH264 = true;
        }
        lastFrameNanos = now; // the frame clock starts with the subscription
        d[i].subscribe(address.subject(f));
        publish(address.interestSubject(), f.token());
        if (f == StreamFormat.H264) {
          requestKeyFrame(now);
        }
        LOG.info(() -> "a viewer wants " + f.token() + ": subscribed to " + address.subject(f));
      } else if (!want && subscribed[i]) {
        subscribed[i] = false;
        d[i].unsubscribe(address.subject(f));
        if (f == StreamFormat.H264) {
          feed.forgetKeyFrame();
        }
        LOG.info(
            () -> "no viewer wants " + f.token() + " now: unsubscribed from " + address.subject(f));
      }
      if (subscribed[i]) {
        count++;
      }
    }
    subscriptions = count;
  }

  /** Every 250 ms: interest every second, the publisher's heartbeat, the area's. */
  private void tick() {
    try {
      long now = System.nanoTime();
      writer.heartbeat(); // no raw frames come while no viewer takes them: the area is not dead
      reconcile();
      if (now - lastAnnounceNanos >= ANNOUNCE_EVERY.toNanos()) {
        announce(now);
      }
      watchPublisher(now);
      if (subscribed[StreamFormat.H264.ordinal()] && !feed.keyFrameCached()) {
        requestKeyFrame(now);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "relay edge: " + e, e);
    }
  }

  private void announce(long now) {
    lastAnnounceNanos = now;
    for (StreamFormat f : FORMATS) {
      if (subscribed[f.ordinal()]) {
        publish(address.interestSubject(), f.token());
      }
    }
  }

  private void watchPublisher(long now) {
    if (!link.connected()) {
      return; // the connection's loss is what the camera state says
    }
    long since = Math.max(lastStatusNanos, watchFromNanos);
    boolean gone = since != 0 && now - since > PUBLISHER_GONE.toNanos();
    if (gone && !goneSaid) {
      goneSaid = true;
      lastStatus = null;
      camera.offline(
          "publisher gone: no status on "
              + address.statusSubject()
              + " for "
              + PUBLISHER_GONE.toSeconds()
              + " s; is the publisher of camera "
              + address.camera()
              + " running, and connected to this NATS cluster?");
      LOG.warning(() -> "no status from the publisher of " + address.camera() + " for 3 s");
    } else if (!gone) {
      goneSaid = false;
    }
  }

  private void requestKeyFrame(long now) {
    if (now - lastKeyFrameRequestNanos >= KEY_FRAME_REQUEST_NANOS) {
      lastKeyFrameRequestNanos = now;
      keyFrameRequests++;
      publish(address.keyFrameSubject(), "");
    }
  }

  private void publish(String subject, String text) {
    Connection c = link.connection();
    if (c == null || !link.connected()) {
      return;
    }
    try {
      c.publish(subject, text.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalStateException e) {
      // disconnected in between: announced again within a second
    }
  }

  // ---- the dispatchers' handlers ----

  private void failed(Message m, RuntimeException e) {
    long now = System.nanoTime();
    if (now - lastFailureLogNanos > TimeUnit.SECONDS.toNanos(30)) {
      lastFailureLogNanos = now;
      LOG.log(Level.WARNING, "relay edge: a message on " + m.getSubject() + " failed", e);
    }
  }

  private volatile long lastFailureLogNanos;

  private RelayHeader header(Message m, StreamFormat f, int kind) {
    try {
      RelayHeader h = RelayHeader.read(m.getData());
      if (h.kind() != kind) {
        throw new IllegalArgumentException("kind " + h.kind() + ", expected " + kind);
      }
      return h;
    } catch (IllegalArgumentException e) {
      malformed.incrementAndGet(f.ordinal());
      if (!malformedLogged) {
        malformedLogged = true;
        LOG.warning(
            "ignoring a malformed message on "
                + m.getSubject()
                + ": "
                + e.getMessage()
                + " (is another program publishing there?)");
      }
      return null;
    }
  }

  private void onRaw(Message m) {
    if (dispatchers[StreamFormat.RAW.ordinal()].getPendingMessageCount() > 0) {
      stale.incrementAndGet(StreamFormat.RAW.ordinal()); // a newer frame waits: newest wins
      return;
    }
    RelayHeader h = header(m, StreamFormat.RAW, RelayHeader.RAW);
    if (h == null) {
      return;
    }
    byte[] data = m.getData();
    ByteBuffer body = h.body(data);
    AreaGeometry g = area.geometry();
    if (g.width() != h.width()
        || g.height() != h.height()
        || g.pixelFormat() != h.fourcc()
        || g.bytesPerLine() != h.word28()
        || body.remaining() > g.slotCapacity()) {
      resize(h, body.remaining());
    }
    writer.publish(body, h.captureTimeNanos());
    received.incrementAndGet(StreamFormat.RAW.ordinal());
    lastFrameNanos = System.nanoTime();
  }

  /** The publisher's frames are of another size: a new area for them, served from now on. */
  private void resize(RelayHeader h, int frameBytes) {
    AreaGeometry g =
        AreaGeometry.of(
            h.width(),
            h.height(),
            h.fourcc(),
            h.word28(),
            Math.max(frameBytes, h.height() * h.word28()));
    FrameArea next = FrameArea.inMemory(g);
    AreaWriter w = next.writer();
    area = next;
    writer = w;
    served.set(next);
    LOG.info(() -> "the publisher's frames are " + h.width() + "x" + h.height() + ": a new area");
  }

  private void onJpeg(Message m) {
    if (dispatchers[StreamFormat.JPEG.ordinal()].getPendingMessageCount() > 0) {
      stale.incrementAndGet(StreamFormat.JPEG.ordinal());
      return;
    }
    RelayHeader h = header(m, StreamFormat.JPEG, RelayHeader.JPEG);
    if (h == null) {
      return;
    }
    feed.jpeg(h.body(m.getData()), h.sequence(), h.captureTimeNanos(), h.width(), h.height());
    received.incrementAndGet(StreamFormat.JPEG.ordinal());
    lastFrameNanos = System.nanoTime();
  }

  private void onH264(Message m) {
    RelayHeader h = header(m, StreamFormat.H264, RelayHeader.H264);
    if (h == null) {
      return;
    }
    long index = unitIndex(m.getHeaders());
    boolean follows = !resetH264 && lastUnitIndex > 0 && index == lastUnitIndex + 1;
    if (resetH264) {
      resetH264 = false;
      feed.forgetKeyFrame();
    }
    lastUnitIndex = index;
    feed.h264(
        h.body(m.getData()),
        h.sequence(),
        h.captureTimeNanos(),
        h.width(),
        h.height(),
        h.keyFrame(),
        follows);
    received.incrementAndGet(StreamFormat.H264.ordinal());
    long now = System.nanoTime();
    lastFrameNanos = now;
    if (!feed.keyFrameCached()) {
      requestKeyFrame(now); // a unit was lost, or we joined mid-way: ask for a fresh start
    }
  }

  private static long unitIndex(Headers headers) {
    if (headers == null) {
      return -1;
    }
    String v = headers.getFirst(RelayPublisher.UNIT_HEADER);
    try {
      return v == null ? -1 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void onStatus(Message m) {
    StatusMessage s;
    try {
      s = StatusMessage.decode(m.getData());
    } catch (IllegalArgumentException e) {
      if (!malformedLogged) {
        malformedLogged = true;
        LOG.warning("ignoring a malformed message on " + m.getSubject() + ": " + e.getMessage());
      }
      return;
    }
    lastStatusNanos = System.nanoTime();
    String was = publisher;
    if (!s.publisher().equals(was)) {
      publisher = s.publisher();
      resetH264 = true;
      if (was != null) {
        LOG.info(() -> "the publisher of " + address.camera() + " restarted");
      }
    }
    if (s.equals(lastStatus)) {
      return;
    }
    lastStatus = s;
    if (s.online()) {
      camera.online(
          address.redacted(),
          s.driver(),
          s.card(),
          s.format(),
          s.width(),
          s.height(),
          s.requestedFps(),
          s.driverFps(),
          "relayed over NATS: " + s.message());
    } else {
      camera.offline("the publisher's camera is offline: " + s.message());
    }
  }

  // ---- what /healthz, /state and /metrics read ----

  /**
   * The frame clock: when the last relayed frame arrived; while no format is subscribed (no
   * viewer), now as long as the publisher's heartbeat comes.
   */
  public long lastFrameNanos() {
    long now = System.nanoTime();
    if (subscriptions == 0) {
      long heard = lastStatusNanos;
      return heard != 0 && now - heard <= PUBLISHER_GONE.toNanos() ? now : heard;
    }
    return lastFrameNanos;
  }

  /** Frames of {@code format} received since start. */
  public long received(StreamFormat format) {
    return received.get(format.ordinal());
  }

  /** Frames of {@code format} dropped: by the NATS client (pending limit) or skipped as stale. */
  public long dropped(StreamFormat format) {
    return slowDropped(format) + stale.get(format.ordinal());
  }

  private long slowDropped(StreamFormat format) {
    Dispatcher[] d = dispatchers;
    return d == null ? 0 : d[format.ordinal()].getDroppedCount();
  }

  /** Whether the NATS connection is up. */
  public boolean connected() {
    return link.connected();
  }

  /** Reconnections since the first connection. */
  public long reconnects() {
    return link.reconnects();
  }

  /** The server connected to now, or null. */
  public String server() {
    return link.server();
  }

  @Override
  public String stateJson() {
    Json json = new Json().field("role", "edge");
    link.addTo(json);
    StringJoiner subs = new StringJoiner(",", "[", "]");
    Json rec = new Json();
    Json slow = new Json();
    Json old = new Json();
    for (StreamFormat f : FORMATS) {
      if (viewers.count(f) > 0) {
        subs.add("\"" + f.token() + "\"");
      }
      rec.field(f.token(), received(f));
      slow.field(f.token(), slowDropped(f));
      old.field(f.token(), stale.get(f.ordinal()));
    }
    long heard = lastStatusNanos;
    return json.field("camera", address.camera())
        .field("publisher", publisher)
        .field(
            "lastStatusMillisAgo",
            heard == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heard))
        .raw("subscribed", subs.toString())
        .raw("framesReceived", rec.toString())
        .raw("framesDroppedSlow", slow.toString())
        .raw("framesSkippedStale", old.toString())
        .field("h264KeyFrameCacheBytes", feed.keyFrameCacheBytes())
        .field("h264Gaps", feed.h264Gaps())
        .field("keyFrameRequests", keyFrameRequests)
        .toString();
  }

  @Override
  public void appendMetrics(StringBuilder out) {
    link.appendMetrics(out);
    Prometheus.describe(
        out, "eyetoy_relay_frames_received_total", "counter", "frames received from NATS");
    for (StreamFormat f : FORMATS) {
      Prometheus.sample(
          out, "eyetoy_relay_frames_received_total", "format=\"" + f.token() + "\"", received(f));
    }
    Prometheus.describe(
        out,
        "eyetoy_relay_frames_dropped_total",
        "counter",
        "frames dropped on this edge: slow (past the subscription's pending limit) or stale (a"
            + " newer one already waiting)");
    for (StreamFormat f : FORMATS) {
      String fl = "format=\"" + f.token() + "\"";
      Prometheus.sample(
          out, "eyetoy_relay_frames_dropped_total", fl + ",reason=\"slow\"", slowDropped(f));
      Prometheus.sample(
          out,
          "eyetoy_relay_frames_dropped_total",
          fl + ",reason=\"stale\"",
          stale.get(f.ordinal()));
    }
  }

  /** Stops: unsubscribes and closes the connection. */
  @Override
  public void close() throws InterruptedException {
    control.shutdownNow();
    control.awaitTermination(5, TimeUnit.SECONDS);
    link.close();
    feed.close();
  }
}
