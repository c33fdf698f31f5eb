package io.eyetoystreamer.streamer.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a WebSocket handshake's {@code Origin} may connect: the server's own origin (the
 * request's {@code Host}), the configured extra origins, or any with {@code *}. A handshake without
 * an Origin (not a browser: curl, the load tool) is admitted: Origin checks protect browsers from
 * other sites' pages, and only browsers send one. Immutable and thread-safe.
 */
public final class OriginPolicy {
  private final List<String> allowed;
  private final boolean any;

  /** A policy admitting the server's own origin and {@code allowed} ({@code *} for any). */
  public OriginPolicy(List<String> allowed) {
    this.allowed = allowed.stream().map(OriginPolicy::normalise).toList();
    this.any = allowed.contains("*");
  }

  /**
   * Whether a handshake with this Origin and Host may connect.
   *
   * @param origin the Origin header, or null
   * @param host the Host header, or null
   */
  public boolean admits(String origin, String host) {
    if (origin == null || any) {
      return true;
    }
    String o = normalise(origin);
    if (allowed.contains(o)) {
      return true;
    }
    if (host == null) {
      return false;
    }
    try {
      URI uri = new URI(o);
      String authority = uri.getRawAuthority();
      return authority != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && authority.equals(host.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
