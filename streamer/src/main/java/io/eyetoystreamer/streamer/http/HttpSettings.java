package io.eyetoystreamer.streamer.http;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;

/**
 * How the HTTP server listens and whom it lets in. Immutable.
 *
 * @param bindAddress the address to listen on ({@code 127.0.0.1} by default: this machine only)
 * @param port the TCP port; 0 picks a free one
 * @param eventLoops event loop threads; 0 means the default ({@link #effectiveEventLoops})
 * @param maxViewers WebSocket viewers admitted at once; more get 503
 * @param allowedOrigins WebSocket origins admitted besides the server's own; {@code *} admits any
 * @param basicAuth {@code user:password} required on every page and WebSocket, or null for none
 * @param ssl the TLS context, or null for plain HTTP
 * @param stallLimit how long a viewer may be unable to take frames, or a client its answer, before
 *     it is closed
 * @param maxConnections open connections admitted at once, viewers included
 * @param requestTimeout how long a connection may take to send a whole request
 */
public record HttpSettings(
    String bindAddress,
    int port,
    int eventLoops,
    int maxViewers,
    List<String> allowedOrigins,
    String basicAuth,
    SslContext ssl,
    Duration stallLimit,
    int maxConnections,
    Duration requestTimeout) {

  /** Largest request line; longer gets 414. */
  public static final int MAX_REQUEST_LINE = 4096;

  /** Largest header block; larger gets 431. */
  public static final int MAX_HEADER_BYTES = 8192;

  /**
   * Largest request body (the server takes none); larger gets 413. Small, because every connection
   * may hold one (and {@link ConnectionGuard#MAX_WAITING} pipelined ones) in direct memory.
   */
  public static final int MAX_BODY_BYTES = 4 * 1024;

  /** Largest WebSocket message a viewer may send (they are ignored anyway); larger closes it. */
  public static final int MAX_INBOUND_WS_BYTES = 16 * 1024;

  /**
   * The event loop threads to run: {@code eventLoops}, or when it is 0 one, or one per core with
   * TLS. Plain writes are the kernel copying the same buffer into each socket; one loop does them
   * with the fewest wake-ups. A second loop on two cores cost 7 to 12% more CPU per delivered GB
   * and bought under 1 ms of frame age p99 (docs/performance.md). TLS encrypts per viewer, work
   * that does spread over cores.
   */
  public int effectiveEventLoops() {
    if (eventLoops > 0) {
      return eventLoops;
    }
    return ssl != null ? Runtime.getRuntime().availableProcessors() : 1;
  }
}
