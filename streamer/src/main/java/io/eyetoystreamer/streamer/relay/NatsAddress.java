package io.eyetoystreamer.streamer.relay;

import io.eyetoystreamer.streamer.fanout.StreamFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a camera's frames travel: the NATS servers (every node of a cluster that this streamer may
 * use, in order of preference) and the camera's name, which names its subjects. Parsed from {@code
 * --publish} or {@code --source}:
 *
 * <pre>
 *   nats://h1:4222,nats://h2:4222/CAMERA
 *   nats://user:password@h1:4222,h2:4222/CAMERA     (a server without a scheme takes the first's)
 *   tls://h1:4222/CAMERA                            (TLS, with the JVM's trust store)
 * </pre>
 *
 * <p>Subjects: {@code eyetoy.CAMERA.raw}, {@code .jpeg}, {@code .h264} (frames), {@code .status}
 * (the camera's state), {@code .interest} (formats edges want) and {@code .keyframe} (an edge's
 * request for an H.264 key frame).
 *
 * @param servers the server URLs as jnats takes them, credentials included
 * @param camera the camera's name: one subject token
 */
public record NatsAddress(List<String> servers, String camera) {
  /** What a camera name may be: letters, digits, {@code _} and {@code -}, 1 to 64 of them. */
  private static final Pattern CAMERA = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The first token of every subject. */
  public static final String PREFIX = "eyetoy";

  /** The default NATS client port. */
  public static final int DEFAULT_PORT = 4222;

  /** Keeps an unmodifiable copy of {@code servers}. */
  public NatsAddress {
    servers = List.copyOf(servers);
  }

  /**
   * Parses and checks {@code value}, the argument of {@code option}.
   *
   * @throws IllegalArgumentException naming the option, what is wrong and what is expected
   */
  public static NatsAddress parse(String option, String value) {
    String expected =
        "; expected nats://HOST:PORT[,nats://HOST:PORT...]/CAMERA, e.g."
            + " nats://h1:4222,nats://h2:4222/kitchen (tls:// for TLS)";
    int scheme = value.indexOf("://");
    if (scheme <= 0) {
      throw new IllegalArgumentException(option + " " + value + ": no nats:// URL" + expected);
    }
    int slash = value.lastIndexOf('/');
    if (slash <= scheme + 2) {
      throw new IllegalArgumentException(
          option + " " + value + ": no camera name after the servers" + expected);
    }
    String camera = value.substring(slash + 1);
    if (!CAMERA.matcher(camera).matches()) {
      throw new IllegalArgumentException(
          option
              + " "
              + value
              + ": the camera name \""
              + camera
              + "\" is not a valid subject token; use 1 to 64 letters, digits, _ or - (no dots,"
              + " spaces, * or >)");
    }
    String firstScheme = value.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
    List<String> servers = new ArrayList<>();
    for (String part : value.substring(0, slash).split(",", -1)) {
      String url = part.trim();
      if (url.isEmpty()) {
        throw new IllegalArgumentException(
            option + " " + value + ": an empty server between commas" + expected);
      }
      if (!url.contains("://")) {
        url = firstScheme + "://" + url;
      }
      servers.add(checkServer(option, value, url, expected));
    }
    return new NatsAddress(servers, camera);
  }

  private static String checkServer(String option, String value, String url, String expected) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          option + " " + value + ": " + redact(url) + " is not a URL (" + e.getReason() + ")");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("nats") && !scheme.equals("tls")) {
      throw new IllegalArgumentException(
          option + " " + value + ": scheme " + scheme + "://" + " is not nats:// or tls://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          option + " " + value + ": " + redact(url) + " has no host" + expected);
    }
    if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          option
              + " "
              + value
              + ": "
              + redact(url)
              + " has a path; only the last URL ends with /CAMERA"
              + expected);
    }
    if (uri.getPort() == -1) {
      url = url + ":" + DEFAULT_PORT;
    } else if (uri.getPort() < 1 || uri.getPort() > 65535) {
      throw new IllegalArgumentException(
          option + " " + value + ": port " + uri.getPort() + " is not a TCP port (1..65535)");
    }
    return url;
  }

  /** Whether any server is reached over TLS. */
  public boolean tls() {
    return servers.stream().anyMatch(s -> s.regionMatches(true, 0, "tls://", 0, 6));
  }

  /** The subject of frames of {@code format}: {@code eyetoy.CAMERA.raw} and so on. */
  public String subject(StreamFormat format) {
    return subject(format.token());
  }

  /** The subject {@code eyetoy.CAMERA.leaf}. */
  public String subject(String leaf) {
    return PREFIX + "." + camera + "." + leaf;
  }

  /** The camera's state, JSON, on change and every second. */
  public String statusSubject() {
    return subject("status");
  }

  /** Edges announce the formats their viewers want here. */
  public String interestSubject() {
    return subject("interest");
  }

  /** Edges ask for an H.264 key frame here. */
  public String keyFrameSubject() {
    return subject("keyframe");
  }

  /**
   * The address as given, with passwords and tokens replaced by {@code ***}: for logs and pages.
   */
  public String redacted() {
    StringBuilder out = new StringBuilder();
    for (String s : servers) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(redact(s));
    }
    return out.append('/').append(camera).toString();
  }

  /** {@code url} with its user information's secret part replaced by {@code ***}. */
  public static String redact(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String user = url.substring(scheme + 3, at);
    int colon = user.indexOf(':');
    String shown = colon >= 0 ? user.substring(0, colon) + ":***" : "***";
    return url.substring(0, scheme + 3) + shown + url.substring(at);
  }

  @Override
  public String toString() {
    return redacted();
  }
}
