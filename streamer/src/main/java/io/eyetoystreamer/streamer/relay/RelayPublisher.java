package io.eyetoystreamer.streamer.relay;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.fanout.H264Frame;
import io.eyetoystreamer.streamer.fanout.JpegFrame;
import io.eyetoystreamer.streamer.fanout.RelaySink;
import io.eyetoystreamer.streamer.fanout.StreamFormat;
import io.eyetoystreamer.streamer.fanout.WireFrame;
import io.eyetoystreamer.streamer.http.Json;
import io.eyetoystreamer.streamer.http.RelayReport;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The capture side of the relay ({@code --publish}): publishes each frame once per format to its
 * subject ({@code eyetoy.CAMERA.raw}, {@code .jpeg}, {@code .h264}) with the 32-byte frame header,
 * whatever the number of edges (the NATS servers fan out), and the camera's state on {@code
 * .status} on every change and every second.
 *
 * <p>Nothing is encoded that no one wants: edges announce on {@code .interest} the formats their
 * viewers take, every second while they have some; each announcement renews that format's lease for
 * {@link #LEASE} and the stages run while a local viewer or a lease wants them ({@link #wants}). An
 * edge asks for an H.264 key frame on {@code .keyframe}; the H.264 stage forces the next frame to
 * be one (at most one every 250 ms).
 *
 * <p>The stages call this on their own threads; it copies the frame once into an array for jnats
 * and queues it (bounded: see {@link #outgoingMessages}), and never blocks them: while the NATS
 * connection is down, or its queue full, frames are dropped and counted.
 */
public final class RelayPublisher implements RelaySink, RelayReport, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RelayPublisher.class.getName());

  /** How long an edge's announcement of interest keeps a format published. */
  public static final Duration LEASE = Duration.ofSeconds(3);

  /** How often the camera's state is published when it does not change. */
  public static final Duration STATUS_EVERY = Duration.ofSeconds(1);

  /** The NATS header carrying an H.264 unit's index (1, 2, 3, ... without gaps). */
  public static final String UNIT_HEADER = "Eyetoy-Unit";

  /** What the outgoing queue may hold, at most, in bytes (a count of the largest messages). */
  static final long OUTGOING_BYTES = 16L << 20;

  private static final long TICK_MILLIS = 250;
  private static final StreamFormat[] FORMATS = StreamFormat.values();

  private final NatsAddress address;
  private final CameraState camera;
  private final String instance = NUID.nextGlobal();
  private final NatsLink link;
  private final ScheduledExecutorService control;
  private final String[] subjects = new String[FORMATS.length];
  private final AtomicLongArray leaseUntil = new AtomicLongArray(FORMATS.length);
  private final AtomicLongArray published = new AtomicLongArray(FORMATS.length);
  private final AtomicLongArray dropped = new AtomicLongArray(FORMATS.length);
  private final AtomicLongArray interest = new AtomicLongArray(FORMATS.length);
  private final boolean[] leased = new boolean[FORMATS.length];
  private volatile boolean keyFrameWanted;
  private volatile long keyFrameRequests;
  private volatile boolean tooLargeLogged;
  private long lastStatusVersion = -1;
  private long lastStatusNanos;
  private long statusesPublished;

  private RelayPublisher(NatsAddress address, Path creds, CameraState camera, int maxFrameBytes)
      throws IOException {
    this.address = address;
    this.camera = camera;
    for (StreamFormat f : FORMATS) {
      subjects[f.ordinal()] = address.subject(f);
    }
    this.link =
        new NatsLink(
            "publisher",
            address,
            creds,
            outgoingMessages(maxFrameBytes),
            new NatsLink.Events() {
              @Override
              public void connected(Connection c) {
                subscribe(c);
              }

              @Override
              public void discarded(Message m) {
                StreamFormat f = formatOf(m.getSubject());
                if (f != null) {
                  dropped.incrementAndGet(f.ordinal());
                }
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
   * Connects (in the background) and starts publishing the camera's state.
   *
   * @param creds a NATS credentials file, or null
   * @param maxFrameBytes the largest frame message expected (a raw frame): sizes the queue
   * @throws IOException if the credentials cannot be read or the options are unusable
   */
  public static RelayPublisher start(
      NatsAddress address, Path creds, CameraState camera, int maxFrameBytes) throws IOException {
    RelayPublisher p = new RelayPublisher(address, creds, camera, maxFrameBytes);
    p.link.start();
    p.control.scheduleWithFixedDelay(p::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "publishing camera "
                + address.camera()
                + " to "
                + address
                + " on "
                + address.subject("{raw,jpeg,h264,status}")
                + ", each format while an edge wants it");
    return p;
  }

  /**
   * Messages the outgoing queue holds at most: {@link #OUTGOING_BYTES} of the largest frames, at
   * least 4.
   */
  static int outgoingMessages(int maxFrameBytes) {
    return (int) Math.max(4, OUTGOING_BYTES / Math.max(1, maxFrameBytes));
  }

  private void subscribe(Connection c) {
    Dispatcher d = c.createDispatcher(this::onControl);
    d.setPendingLimits(1024, 1 << 20);
    d.subscribe(address.interestSubject());
    d.subscribe(address.keyFrameSubject());
  }

  /** An edge's announcement of interest or request for a key frame (jnats's dispatcher thread). */
  private void onControl(Message m) {
    if (m.getSubject().equals(address.keyFrameSubject())) {
      keyFrameWanted = true;
      keyFrameRequests++;
      return;
    }
    String token = new String(m.getData(), StandardCharsets.US_ASCII).trim();
    StreamFormat f = StreamFormat.of(token);
    if (f == null) {
      LOG.fine(() -> "ignored an interest in \"" + token + "\": expected raw, jpeg or h264");
      return;
    }
    leaseUntil.set(f.ordinal(), System.nanoTime() + LEASE.toNanos());
    interest.incrementAndGet(f.ordinal());
  }

  @Override
  public boolean wants(StreamFormat format) {
    long until = leaseUntil.get(format.ordinal());
    return until != 0 && until - System.nanoTime() > 0;
  }

  @Override
  public void raw(WireFrame frame) {
    publish(StreamFormat.RAW, frame.relayPayload(), null);
  }

  @Override
  public void jpeg(JpegFrame frame) {
    publish(StreamFormat.JPEG, frame.relayPayload(), null);
  }

  @Override
  public void h264(H264Frame unit) {
    Headers headers = new Headers().put(UNIT_HEADER, Long.toString(unit.index()));
    if (publish(StreamFormat.H264, unit.relayPayload(), headers) && unit.keyFrame()) {
      keyFrameWanted = false;
    }
  }

  @Override
  public boolean keyFrameWanted() {
    return keyFrameWanted;
  }

  private boolean publish(StreamFormat f, byte[] payload, Headers headers) {
    Connection c = link.connection();
    if (c == null || !link.connected()) {
      dropped.incrementAndGet(f.ordinal());
      return false;
    }
    try {
      c.publish(subjects[f.ordinal()], headers, payload);
      published.incrementAndGet(f.ordinal());
      return true;
    } catch (IllegalStateException e) {
      dropped.incrementAndGet(f.ordinal()); // disconnected in between: not queued
      return false;
    } catch (IllegalArgumentException e) {
      dropped.incrementAndGet(f.ordinal());
      if (!tooLargeLogged) {
        tooLargeLogged = true;
        LOG.warning(
            "cannot publish "
                + f.token()
                + " frames of "
                + payload.length
                + " bytes to "
                + subjects[f.ordinal()]
                + ": "
                + e.getMessage()
                + ". Raise max_payload in nats-server's configuration (e.g. max_payload: 8MB)");
      }
      return false;
    }
  }

  /** Every 250 ms: the camera's state when it changed or a second passed; leases that lapsed. */
  private void tick() {
    try {
      long now = System.nanoTime();
      for (StreamFormat f : FORMATS) {
        boolean on = wants(f);
        if (on != leased[f.ordinal()]) {
          leased[f.ordinal()] = on;
          LOG.info(
              () ->
                  on
                      ? "an edge wants " + f.token() + ": publishing it on " + subjects[f.ordinal()]
                      : "no edge wants " + f.token() + " any more: not publishing it");
        }
      }
      CameraState.Snapshot s = camera.current();
      if (s.version() != lastStatusVersion || now - lastStatusNanos >= STATUS_EVERY.toNanos()) {
        if (publishStatus(StatusMessage.of(s, instance))) {
          lastStatusVersion = s.version();
          lastStatusNanos = now;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "relay: publishing the camera's state failed", e);
    }
  }

  private boolean publishStatus(StatusMessage status) {
    Connection c = link.connection();
    if (c == null || !link.connected()) {
      return false;
    }
    try {
      c.publish(address.statusSubject(), status.encode());
      statusesPublished++;
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private StreamFormat formatOf(String subject) {
    for (StreamFormat f : FORMATS) {
      if (subjects[f.ordinal()].equals(subject)) {
        return f;
      }
    }
    return null;
  }

  /** Frames of {@code format} published since start. */
  public long published(StreamFormat format) {
    return published.get(format.ordinal());
  }

  /** Frames of {@code format} not published: disconnected, or the outgoing queue full. */
  public long dropped(StreamFormat format) {
    return dropped.get(format.ordinal());
  }

  /** Whether the NATS connection is up. */
  public boolean connected() {
    return link.connected();
  }

  @Override
  public String stateJson() {
    Json json = new Json().field("role", "publisher");
    link.addTo(json);
    Json leases = new Json();
    Json pub = new Json();
    Json drop = new Json();
    long now = System.nanoTime();
    for (StreamFormat f : FORMATS) {
      long until = leaseUntil.get(f.ordinal());
      leases.field(
          f.token(),
          until != 0 && until - now > 0 ? TimeUnit.NANOSECONDS.toMillis(until - now) : 0);
      pub.field(f.token(), published(f));
      drop.field(f.token(), dropped(f));
    }
    return json.field("publisher", instance)
        .field("camera", address.camera())
        .raw("leaseMillisLeft", leases.toString())
        .raw("framesPublished", pub.toString())
        .raw("framesDropped", drop.toString())
        .field("keyFrameRequests", keyFrameRequests)
        .toString();
  }

  @Override
  public void appendMetrics(StringBuilder out) {
    link.appendMetrics(out);
    Prometheus.describe(
        out, "eyetoy_relay_wanted", "gauge", "1 while an edge's lease wants the format");
    for (StreamFormat f : FORMATS) {
      Prometheus.sample(
          out, "eyetoy_relay_wanted", "format=\"" + f.token() + "\"", wants(f) ? 1 : 0);
    }
    Prometheus.describe(
        out, "eyetoy_relay_frames_published_total", "counter", "frames published to NATS");
    for (StreamFormat f : FORMATS) {
      Prometheus.sample(
          out, "eyetoy_relay_frames_published_total", "format=\"" + f.token() + "\"", published(f));
    }
    Prometheus.describe(
        out,
        "eyetoy_relay_frames_dropped_total",
        "counter",
        "frames not published: the NATS connection down or its queue full");
    for (StreamFormat f : FORMATS) {
      Prometheus.sample(
          out, "eyetoy_relay_frames_dropped_total", "format=\"" + f.token() + "\"", dropped(f));
    }
  }

  /**
   * Stops: tells the edges the camera is offline (the publisher stopped), then closes the
   * connection.
   */
  @Override
  public void close() throws InterruptedException {
    control.shutdownNow();
    control.awaitTermination(5, TimeUnit.SECONDS);
    CameraState.Snapshot s = camera.current();
    StatusMessage last =
        new StatusMessage(
            instance,
            false,
            s.device(),
            s.driver(),
            s.card(),
            s.format(),
            s.width(),
            s.height(),
            s.requestedFps(),
            s.driverFps(),
            "the publisher stopped");
    if (publishStatus(last)) {
      try {
        link.connection().flush(Duration.ofSeconds(1));
      } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
        LOG.fine("relay: the last state did not flush: " + e);
      }
    }
    link.close();
  }
}
