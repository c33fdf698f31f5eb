package io.eyetoystreamer.streamer.relay;

import io.eyetoystreamer.streamer.http.Json;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One connection to a NATS cluster, kept up: the first connection is retried every second until a
 * server answers (the streamer starts, and serves its pages, meanwhile); after that jnats
 * reconnects by itself to any node of the cluster (those given, tried in order, and those the
 * cluster announces), forever. Each loss and each reconnection is logged once. Credentials (in the
 * URLs, or {@code --nats-creds}) and TLS ({@code tls://}, with the JVM's trust store) are jnats's.
 *
 * <p>What may queue: outgoing messages, at most {@code maxOutgoing} (the caller sizes it so that
 * they are bounded in bytes), dropped when full; nothing is buffered while disconnected (a frame
 * that cannot go now is stale by the time it could).
 */
final class NatsLink implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NatsLink.class.getName());

  /** Wait before trying a server again after a whole round of them failed. */
  static final Duration RECONNECT_WAIT = Duration.ofMillis(500);

  /** How long one connection attempt may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Pings on a quiet connection; two unanswered ones declare the server gone. */
  static final Duration PING_INTERVAL = Duration.ofSeconds(2);

  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** What the owner does when the connection changes. Called on jnats's threads. */
  interface Events {
    /** The first connection is up: subscribe. jnats resubscribes by itself after reconnecting. */
    void connected(Connection connection);

    /** The connection was lost; jnats is reconnecting. */
    default void disconnected() {}

    /** The connection is back, maybe to another server. */
    default void reconnected() {}

    /** An outgoing message was dropped: the queue was full. */
    default void discarded(Message message) {}
  }

  private final String role;
  private final NatsAddress address;
  private final Options options;
  private final Events events;
  private final Thread connector;
  private final AtomicLong reconnects = new AtomicLong();
  private volatile Connection connection;
  private volatile boolean up;
  private volatile boolean closed;
  private volatile long downSinceNanos;
  private volatile String lastProblem;
  private volatile String lastServer;
  private long lastWarnNanos;
  private int warningsSuppressed;

  /**
   * @param role {@code publisher} or {@code edge}: names the connection and the log lines
   * @param creds a NATS credentials file, or null
   * @param maxOutgoing messages that may wait to be sent; more are dropped
   * @throws IOException if the credentials file cannot be read
   */
  NatsLink(String role, NatsAddress address, Path creds, int maxOutgoing, Events events)
      throws IOException {
    this.role = role;
    this.address = address;
    this.events = events;
    if (creds != null && !Files.isReadable(creds)) {
      throw new IOException(
          "cannot read --nats-creds "
              + creds
              + ": expected a NATS credentials file (a user JWT and its NKey seed, as nsc"
              + " writes it) readable by this user");
    }
    Options.Builder b =
        new Options.Builder()
            .servers(address.servers().toArray(String[]::new))
            .noRandomize() // the first URL is the preferred node; the others are for failover
            .connectionName("eyetoy-" + role)
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .reconnectJitter(Duration.ofMillis(100))
            .connectionTimeout(CONNECT_TIMEOUT)
            .pingInterval(PING_INTERVAL)
            .maxPingsOut(2)
            .reconnectBufferSize(0)
            .maxMessagesInOutgoingQueue(maxOutgoing)
            .discardMessagesWhenOutgoingQueueFull()
            .connectionListener(this::event)
            .errorListener(new Errors());
    if (creds != null) {
      b.credentialPath(creds.toString());
    }
    try {
      this.options = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException("cannot use " + address.redacted() + ": " + e.getMessage(), e);
    }
    this.connector = new Thread(this::connectFirst, "nats-connect");
    this.connector.setDaemon(true);
  }

  /** Starts connecting, in the background. */
  void start() {
    connector.start();
  }

  private void connectFirst() {
    boolean warned = false;
    while (!closed) {
      try {
        Connection c = Nats.connect(options);
        if (closed) {
          c.close();
          return;
        }
        connection = c;
        lastServer = describe(c);
        up = true;
        LOG.info(() -> role + ": connected to NATS server " + describe(c) + " (" + address + ")");
        events.connected(c);
        return;
      } catch (IOException e) {
        String why = e.getMessage();
        lastProblem = why;
        if (!warned) {
          warned = true;
          LOG.warning(
              role
                  + ": cannot reach any NATS server of "
                  + address
                  + " ("
                  + why
                  + "); trying again every second");
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void event(Connection c, ConnectionListener.Events type) {
    switch (type) {
      case DISCONNECTED:
        if (up && !closed) {
          up = false;
          downSinceNanos = System.nanoTime();
          LOG.warning(
              role
                  + ": lost the NATS server "
                  + lastServer
                  + "; reconnecting to any of "
                  + address);
          events.disconnected();
        }
        break;
      case RECONNECTED:
        if (!up && connection != null) {
          up = true;
          reconnects.incrementAndGet();
          lastServer = describe(c);
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNanos);
          LOG.info(
              () -> role + ": reconnected to NATS server " + describe(c) + " after " + ms + " ms");
          events.reconnected();
        }
        break;
      case CLOSED:
        if (!closed) {
          up = false;
          LOG.warning(role + ": the NATS connection closed and will not reconnect");
        }
        break;
      case LAME_DUCK:
        LOG.info(role + ": the NATS server is shutting down (lame duck); moving to another");
        break;
      default:
        break;
    }
  }

  private static String describe(Connection c) {
    String url = NatsAddress.redact(String.valueOf(c.getConnectedUrl()));
    ServerInfo info = c.getServerInfo();
    return info != null && info.getServerName() != null
        ? url + " (" + info.getServerName() + ")"
        : url;
  }

  /** The connection once made (it stays the same object across reconnections), else null. */
  Connection connection() {
    return connection;
  }

  /** Whether messages can be sent now. */
  boolean connected() {
    Connection c = connection;
    return up && c != null && c.getStatus() == Connection.Status.CONNECTED;
  }

  /** The server connected to now (credentials hidden), or null. */
  String server() {
    Connection c = connection;
    return connected() ? describe(c) : null;
  }

  /** Reconnections since the first connection. */
  long reconnects() {
    return reconnects.get();
  }

  /** The last connection problem, or null. */
  String lastProblem() {
    return lastProblem;
  }

  /** What is connected where, for {@code /state}. */
  void addTo(Json json) {
    json.field("url", address.redacted())
        .field("connected", connected())
        .field("server", server())
        .field("reconnects", reconnects())
        .field("lastProblem", lastProblem);
  }

  private synchronized void warn(String message) {
    lastProblem = message;
    long now = System.nanoTime();
    if (now - lastWarnNanos < WARN_EVERY_NANOS && lastWarnNanos != 0) {
      warningsSuppressed++;
      return;
    }
    int suppressed = warningsSuppressed;
    warningsSuppressed = 0;
    lastWarnNanos = now;
    LOG.warning(
        role
            + ": "
            + message
            + (suppressed > 0
                ? " (and " + suppressed + " more NATS warnings in the last 30 s)"
                : ""));
  }

  /** jnats's errors, logged at most every 30 s with a count of the rest. */
  private final class Errors implements ErrorListener {
    @Override
    public void errorOccurred(Connection conn, String error) {
      String hint = "";
      if (error.contains("Authorization")) {
        hint = ": check the user:password in the URL, or --nats-creds";
      } else if (error.contains("Maximum Payload")) {
        hint =
            ": a frame is larger than the server's max_payload; raise it in nats-server's"
                + " configuration (max_payload: 8MB)";
      }
      warn("the NATS server says " + error + hint);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
      if (closed) {
        return;
      }
      if (exp instanceof IOException) {
        // A connection failing: the loss and the reconnection are logged once each, above.
        lastProblem = exp.toString();
        LOG.fine(() -> role + ": NATS: " + exp);
      } else {
        warn("NATS: " + exp);
      }
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
      LOG.info(
          () ->
              role
                  + ": falling behind the NATS server: frames are dropped here (newest win),"
                  + " counted in /metrics as eyetoy_relay_frames_dropped_total{reason=\"slow\"}");
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
      events.discarded(msg);
    }
  }

  /** Stops: closes the connection (or stops trying to make it). */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    connector.interrupt();
    Connection c = connection;
    if (c != null) {
      c.close();
    }
    connector.join(TimeUnit.SECONDS.toMillis(5));
  }

  /** The connection's metrics, the same for a publisher and an edge: up or not, reconnections. */
  void appendMetrics(StringBuilder out) {
    Prometheus.single(
        out,
        "eyetoy_relay_connected",
        "gauge",
        "1 while the NATS connection is up",
        connected() ? 1 : 0);
    Prometheus.single(
        out,
        "eyetoy_relay_reconnects_total",
        "counter",
        "NATS reconnections since start",
        reconnects());
  }
}
