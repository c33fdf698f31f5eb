package io.eyetoystreamer.streamer.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP basic authentication against one {@code user:password}, compared in constant time. Immutable
 * and thread-safe. Use it with TLS on anything but a trusted network: basic auth sends the password
 * in every request.
 */
public final class BasicAuth {
  /** The challenge sent with 401. */
  public static final String CHALLENGE = "Basic realm=\"eyetoy-streamer\", charset=\"UTF-8\"";

  private final byte[] expected;

  /**
   * @param userColonPassword {@code user:password}
   * @throws IllegalArgumentException if there is no colon or the user is empty
   */
  public BasicAuth(String userColonPassword) {
    int colon = userColonPassword.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "--auth expects user:password, e.g. --auth viewer:s3cret; got no user or no colon");
    }
    this.expected = userColonPassword.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether an Authorization header carries the right credentials. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, expected);
  }
}
