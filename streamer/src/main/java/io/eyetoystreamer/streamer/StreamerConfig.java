package io.eyetoystreamer.streamer;

import io.eyetoystreamer.streamer.capture.IdlePolicy;
import io.eyetoystreamer.streamer.relay.NatsAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, parsed and checked. Immutable once parsed. Every option has a default, listed
 * by {@link #usage()}; an unknown or malformed option is an {@link IllegalArgumentException} whose
 * message names it.
 */
public final class StreamerConfig {
  /** What the process does. */
  public enum Mode {
    /** Capture and serve in one process (the default). */
    SERVE,
    /** Only capture, into an area file that other processes read (the original's mule). */
    CAPTURE
  }

  /** Where {@code capture} writes when no {@code --area} is given. */
  public static final Path DEFAULT_AREA = Path.of("/dev/shm/eyetoy-streamer.area");

  /** The device name that selects the simulated Eyetoy. */
  public static final String SIMULATED = "simulated";

  Mode mode = Mode.SERVE;
  String device;
  int width = 640;
  int height = 480;
  int fps = 30;
  final Map<String, Integer> controls = new LinkedHashMap<>();
  Path area;
  Path controlsFile;
  String bind = "127.0.0.1";
  int port = 8080;
  int maxViewers = 64;
  int maxConnections; // 0: the default, see maxConnections()
  Duration requestTimeout = Duration.ofSeconds(10);
  final List<String> allowedOrigins = new ArrayList<>();
  String auth;
  Path tlsCert;
  Path tlsKey;
  Duration stallLimit = Duration.ofSeconds(10);
  int eventLoops;
  int jpegQuality = 80;
  int jpegThreads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  IdlePolicy idle = IdlePolicy.SLOW;
  String h264Encoder = "auto";
  int h264Kbits = 1000;
  NatsAddress publish;
  NatsAddress source;
  Path natsCreds;
  boolean help;

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument and what was expected
   */
  public static StreamerConfig parse(String... args) {
    StreamerConfig c = new StreamerConfig();
    int i = 0;
    if (i < args.length && !args[i].startsWith("-")) {
      switch (args[i]) {
        case "serve":
          c.mode = Mode.SERVE;
          break;
        case "capture":
          c.mode = Mode.CAPTURE;
          break;
        default:
          throw new IllegalArgumentException(
              "unknown mode \"" + args[i] + "\": expected serve or capture (see --help)");
      }
      i++;
    }
    for (; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (arg.equals("--help") || arg.equals("-h")) {
        c.help = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value (see --help)");
        }
        value = args[++i];
      }
      c.set(arg, value);
    }
    c.check();
    return c;
  }

  private void set(String option, String value) {
    switch (option) {
      case "--device":
        device = value;
        break;
      case "--width":
        width = positive(option, value);
        break;
      case "--height":
        height = positive(option, value);
        break;
      case "--fps":
        fps = positive(option, value);
        break;
      case "--ctrl":
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "--ctrl expects name=value, e.g. --ctrl brightness=10; got \"" + value + "\"");
        }
        controls.put(value.substring(0, eq), integer(option, value.substring(eq + 1)));
        break;
      case "--area":
        area = Path.of(value);
        break;
      case "--controls-file":
        controlsFile = Path.of(value);
        break;
      case "--bind":
        bind = value;
        break;
      case "--port":
        port = integer(option, value);
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("--port " + value + " is not a TCP port (0..65535)");
        }
        break;
      case "--max-viewers":
        maxViewers = positive(option, value);
        break;
      case "--max-connections":
        maxConnections = positive(option, value);
        break;
      case "--request-timeout":
        requestTimeout = Duration.ofSeconds(positive(option, value));
        break;
      case "--allow-origin":
        allowedOrigins.add(value);
        break;
      case "--auth":
        auth = value;
        break;
      case "--tls-cert":
        tlsCert = Path.of(value);
        break;
      case "--tls-key":
        tlsKey = Path.of(value);
        break;
      case "--stall-timeout":
        stallLimit = Duration.ofSeconds(positive(option, value));
        break;
      case "--event-loops":
        eventLoops = positive(option, value);
        break;
      case "--jpeg-quality":
        jpegQuality = positive(option, value);
        if (jpegQuality > 100) {
          throw new IllegalArgumentException(
              "--jpeg-quality " + value + " is out of range: 1..100");
        }
        break;
      case "--jpeg-threads":
        jpegThreads = positive(option, value);
        break;
      case "--idle":
        idle = IdlePolicy.parse(value);
        break;
      case "--h264-encoder":
        if (!value.equals("auto")
            && !value.equals("openh264")
            && !value.equals("off")
            && !value.startsWith("/dev/")) {
          throw new IllegalArgumentException(
              "--h264-encoder "
                  + value
                  + ": expected auto, openh264, off or a mem2mem encoder device such as"
                  + " /dev/video11");
        }
        h264Encoder = value;
        break;
      case "--h264-bitrate":
        h264Kbits = positive(option, value);
        if (h264Kbits > 100_000) {
          throw new IllegalArgumentException(
              "--h264-bitrate " + value + " is out of range: 1..100000 kbit/s");
        }
        break;
      case "--publish":
        publish = NatsAddress.parse(option, value);
        break;
      case "--source":
        source = NatsAddress.parse(option, value);
        break;
      case "--nats-creds":
        natsCreds = Path.of(value);
        break;
      default:
        throw new IllegalArgumentException("unknown option " + option + " (see --help)");
    }
  }

  private void check() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException(
          "--tls-cert and --tls-key go together: give both or neither");
    }
    if (maxConnections != 0 && maxConnections < maxViewers) {
      throw new IllegalArgumentException(
          "--max-connections "
              + maxConnections
              + " is below --max-viewers "
              + maxViewers
              + ": every viewer is a connection; raise --max-connections or lower --max-viewers");
    }
    if (controlsFile != null && mode == Mode.SERVE && area != null && device == null) {
      throw new IllegalArgumentException(
          "--controls-file needs the camera in this process; with serve --area another process"
              + " captures: give --controls-file to it (capture --area ... --controls-file FILE)");
    }
    if (publish != null && source != null) {
      throw new IllegalArgumentException(
          "--publish and --source exclude each other: a streamer either captures and publishes,"
              + " or serves what another publishes");
    }
    if (source != null && (device != null || area != null)) {
      throw new IllegalArgumentException(
          "--source serves a camera published elsewhere: drop "
              + (device != null ? "--device" : "--area")
              + ", or drop --source to serve a camera of this machine");
    }
    if (mode == Mode.CAPTURE && (publish != null || source != null)) {
      throw new IllegalArgumentException(
          "capture only writes an area; use serve --publish to publish over NATS");
    }
    if (natsCreds != null && publish == null && source == null) {
      throw new IllegalArgumentException(
          "--nats-creds goes with --publish or --source (the NATS connection it authenticates)");
    }
    if (width % 2 != 0) {
      throw new IllegalArgumentException(
          "--width " + width + " must be even for YUYV (2 pixels per 4 bytes)");
    }
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects a whole number, got \"" + value + "\"");
    }
  }

  private static int positive(String option, String value) {
    int n = integer(option, value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + n);
    }
    return n;
  }

  /** The {@code --help} text: every option with its default. */
  public static String usage() {
    return String.join(
        "\n",
        "usage: java -jar eyetoy-streamer.jar [serve|capture] [options]",
        "",
        "modes:",
        "  serve                  capture and serve in one process (default); with --area, serve frames",
        "                         that another process captures into that area file; with",
        "                         --source, serve frames published over NATS",
        "  capture                only capture, into --area (default " + DEFAULT_AREA + ")",
        "",
        "camera:",
        "  --device PATH          V4L2 capture device, or \"simulated\" for the simulated Eyetoy",
        "                         (default: the first capture device; the simulated Eyetoy if none)",
        "  --width N              frame width in pixels (default 640)",
        "  --height N             frame height in pixels (default 480)",
        "  --fps N                frames per second asked of the driver (default 30)",
        "  --ctrl NAME=VALUE      set a camera control, e.g. brightness=10 (repeatable)",
        "  --controls-file FILE   keep the control values set through POST /controls in FILE",
        "                         (NAME=VALUE lines, replaced atomically) and set them again at",
        "                         start, after --ctrl; with capture, only read (default: none)",
        "  --area PATH            shared area file (see modes; default: in memory for serve)",
        "  --idle POLICY          while no viewer watches: slow (one fresh frame a second, full",
        "                         rate again within a frame of the first viewer), stop (close the",
        "                         camera after 5 s, open it again for the next viewer) or capture",
        "                         (every frame); default slow. A capture process always captures",
        "",
        "server:",
        "  --bind ADDRESS         address to listen on (default 127.0.0.1: this machine only;",
        "                         0.0.0.0 for every interface)",
        "  --port N               TCP port (default 8080; 0 picks a free one)",
        "  --max-viewers N        WebSocket viewers at once; more get 503 (default 64)",
        "  --max-connections N    open connections at once, viewers included (default 256, or",
        "                         --max-viewers + 64 if larger); at the",
        "                         limit the oldest connection still waiting for a request is closed",
        "                         to make room, or the newcomer is refused. Keep it below the",
        "                         process's open-file limit (ulimit -n, LimitNOFILE)",
        "  --request-timeout S    a request must arrive whole within S seconds of connecting or of the",
        "                         previous answer, else the connection is closed (default 10)",
        "  --allow-origin ORIGIN  also admit WebSockets from this page origin, e.g.",
        "                         https://example.org, or * for any (repeatable; default: own origin)",
        "  --auth USER:PASSWORD   require HTTP basic auth on every page and WebSocket (default: none)",
        "  --tls-cert FILE        PEM certificate chain: serve HTTPS and WSS (with --tls-key)",
        "  --tls-key FILE         PEM PKCS#8 private key",
        "  --stall-timeout S      close a viewer unable to take frames, or a client not taking its",
        "                         answer, for S seconds (default 10)",
        "  --event-loops N        Netty event loop threads (default 1; with TLS, one per core)",
        "  --jpeg-quality Q       JPEG quality for MJPEG and JPEG viewers, 1..100 (default 80)",
        "  --jpeg-threads N       frames that may be in JPEG encoding at once (default: cores - 1,",
        "                         at least 1); encoding happens only while a viewer wants JPEG",
        "  --h264-encoder E       H.264 for /ws?format=h264 and /stream.h264: auto (a hardware",
        "                         mem2mem encoder if one is found, else OpenH264), openh264, a",
        "                         device such as /dev/video11, or off (default auto); encoding",
        "                         happens only while an H.264 viewer watches",
        "  --h264-bitrate K       H.264 target bitrate in kbit/s (default 1000)",
        "",
        "relay over NATS (many servers for one camera; see README):",
        "  --publish URL          also publish this camera's frames, e.g.",
        "                         nats://h1:4222,nats://h2:4222/kitchen: every node of the",
        "                         cluster, first preferred, then /CAMERA (letters, digits, _ -);",
        "                         tls:// for TLS, nats://user:password@host for a password.",
        "                         Each format is published (and encoded) only while an edge wants it",
        "  --source URL           serve a camera published elsewhere (no camera, no --area here):",
        "                         subscribes to what this server's viewers want",
        "  --nats-creds FILE      NATS credentials file (user JWT and NKey seed) for either",
        "",
        "  --help                 this text",
        "");
  }

  /** What capture does while nobody watches. */
  public IdlePolicy idle() {
    return idle;
  }

  /** Where to publish this camera's frames ({@code --publish}), or null. */
  public NatsAddress publish() {
    return publish;
  }

  /** Where this edge's frames come from ({@code --source}), or null. */
  public NatsAddress source() {
    return source;
  }

  /** The NATS credentials file, or null. */
  public Path natsCreds() {
    return natsCreds;
  }

  /** {@code auto}, {@code openh264}, {@code off} or a mem2mem encoder device path. */
  public String h264Encoder() {
    return h264Encoder;
  }

  /** H.264 target bitrate, bits per second. */
  public int h264BitsPerSecond() {
    return h264Kbits * 1000;
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** The device asked for, or null to pick one. */
  public String device() {
    return device;
  }

  /** Frame width asked for. */
  public int width() {
    return width;
  }

  /** Frame height asked for. */
  public int height() {
    return height;
  }

  /** Frame rate asked for. */
  public int fps() {
    return fps;
  }

  /** Controls to set, by name, in order. */
  public Map<String, Integer> controls() {
    return controls;
  }

  /** Where control values set through HTTP are kept ({@code --controls-file}), or null. */
  public Path controlsFile() {
    return controlsFile;
  }

  /** The area file, or null. */
  public Path area() {
    return area;
  }

  /** Listen address. */
  public String bind() {
    return bind;
  }

  /** Listen port. */
  public int port() {
    return port;
  }

  /** Viewer limit. */
  public int maxViewers() {
    return maxViewers;
  }

  /** Connection limit, viewers included: as given, or 256 (64 more than the viewers if larger). */
  public int maxConnections() {
    return maxConnections != 0 ? maxConnections : Math.max(256, maxViewers + 64);
  }

  /** How long a connection may take to send a whole request (head and body). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Extra WebSocket origins. */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** {@code user:password}, or null. */
  public String auth() {
    return auth;
  }

  /** TLS certificate file, or null. */
  public Path tlsCert() {
    return tlsCert;
  }

  /** TLS key file, or null. */
  public Path tlsKey() {
    return tlsKey;
  }

  /** How long a viewer may stall. */
  public Duration stallLimit() {
    return stallLimit;
  }

  /** Event loop threads; 0 for the default (one; with TLS, one per core). */
  public int eventLoops() {
    return eventLoops;
  }

  /** JPEG quality, 1..100. */
  public int jpegQuality() {
    return jpegQuality;
  }

  /** JPEG encoder threads. */
  public int jpegThreads() {
    return jpegThreads;
  }

  /** Whether {@code --help} was given. */
  public boolean help() {
    return help;
  }
}
