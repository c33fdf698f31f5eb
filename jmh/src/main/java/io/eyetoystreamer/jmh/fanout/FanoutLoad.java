package io.eyetoystreamer.jmh.fanout;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * The fan-out load tool: N viewers of a server on this machine, measured for a fixed time.
 *
 * <p>It opens N connections (Netty, native epoll where available) to the streamer's {@code /ws},
 * with {@code --jpeg} or {@code --h264} to its {@code /ws?format=jpeg} or {@code /ws?format=h264}
 * (the same header, then one JPEG or one H.264 access unit: checked whole, H.264 units for their
 * key frame flag and each viewer's first unit for being a key frame, and key frames counted), with
 * {@code --mjpeg} to its {@code /stream.mjpg} (multipart parts read by their Content-Length), or
 * with {@code --raw} to a {@link RawBaselineServer}; waits until all are open (handshakes done);
 * lets them warm up; then reads for a fixed window and reports per-viewer delivered fps (min,
 * median), frames skipped (sequence gaps), total MB/s, frame age (receive time of the last byte
 * minus the header's capture time: one CLOCK_MONOTONIC on one machine) p50/p99/max, the server
 * process's CPU seconds and context switches in the window and its peak RSS from {@code /proc}, and
 * its own CPU. MJPEG parts carry no sequence (skipped frames are not counted) and their capture
 * time only as wall-clock {@code X-Timestamp}, which the server rounds down to the millisecond: the
 * frame age of MJPEG reads up to 1 ms high.
 *
 * <p>Loopback only (frame age needs the server's clock), and bounded in time: it gives up after the
 * connect timeout, and the whole run is killed by a watchdog if it overruns.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.FanoutLoad \
 *     --port 8080 --viewers 50 --seconds 10 [--raw | --mjpeg | --jpeg | --h264] [--pid PID] \
 *     [--out result.properties]
 * </pre>
 *
 * <p>Exit status: 0 when every viewer opened and received frames with no error, 1 otherwise, 2 for
 * a bad command line, 3 when the watchdog fired.
 */
public final class FanoutLoad {
  private static final int MAX_ERRORS_LISTED = 10;

  private FanoutLoad() {}

  /** What the viewers read. */
  public enum Protocol {
    /** WebSocket frames with the 32-byte header ({@code /ws}). */
    WS,
    /** A {@link RawBaselineServer}'s length-prefixed frames. */
    RAW,
    /** MJPEG over HTTP ({@code /stream.mjpg}): multipart parts with Content-Length. */
    MJPEG,
    /** JPEG frames over WebSocket ({@code /ws?format=jpeg}): the header, then one JPEG. */
    JPEG,
    /** H.264 over WebSocket ({@code /ws?format=h264}): the header, then one access unit. */
    H264;

    /**
     * The name in results: {@code ws}, {@code raw}, {@code mjpeg}, {@code jpeg} or {@code h264}.
     */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What to run.
   *
   * @param host the server's host: a loopback address or name
   * @param port the server's port
   * @param protocol what the viewers read
   * @param path the request path (with any query), e.g. {@code /ws}; ignored for {@code RAW}
   * @param viewers how many viewers
   * @param warmupSeconds how long to read after all are open before measuring
   * @param seconds the measured window
   * @param serverPid the server's process id, or 0 to find the process listening on {@code port}
   * @param threads event loop threads; 0 for one per core
   * @param connectSeconds how long all viewers may take to open
   */
  public record Options(
      String host,
      int port,
      Protocol protocol,
      String path,
      int viewers,
      double warmupSeconds,
      double seconds,
      long serverPid,
      int threads,
      double connectSeconds) {

    /** Defaults for everything but the port. */
    public static Options defaults(int port) {
      return new Options("127.0.0.1", port, Protocol.WS, "/ws", 10, 2, 10, 0, 0, 15);
    }

    /** The longest a run of these options can take, with room for starting and stopping. */
    double boundSeconds() {
      return connectSeconds + warmupSeconds + seconds + 30;
    }
  }

  /**
   * Beyond one server: more servers to spread the viewers over, and other processes whose CPU to
   * measure in the same window (the relay's publisher and NATS server, say). What was measured of
   * them lands in {@link #measured} as {@code watch.NAME.cpu} (CPU seconds) and, for a streamer
   * whose metrics port is known, {@code watch.NAME.frames} (frames it captured in the window).
   *
   * @param morePorts further servers on the same host: viewer {@code i} goes to the {@code i % (1 +
   *     morePorts.size())}-th of the option's port and these
   * @param watched process ids by name
   * @param metricsPorts HTTP ports of watched streamers, by name (for their frame counters)
   */
  public record Extras(
      List<Integer> morePorts,
      Map<String, Long> watched,
      Map<String, Integer> metricsPorts,
      Map<String, String> measured) {
    /** Nothing beyond the one server. */
    public static Extras none() {
      return new Extras(List.of(), Map.of(), Map.of(), new java.util.LinkedHashMap<>());
    }
  }

  /** Runs the load as the command line says and prints the report. */
  public static void main(String[] args) throws InterruptedException {
    Options o;
    Path out = null;
    Extras extras;
    try {
      Object[] parsed = parse(args);
      o = (Options) parsed[0];
      out = (Path) parsed[1];
      extras = (Extras) parsed[2];
    } catch (IllegalArgumentException e) {
      if (e.getMessage().equals("help")) {
        System.out.println(usage());
        return;
      }
      System.err.println("FanoutLoad: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    Options options = o;
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep((long) (options.boundSeconds() * 1000));
                System.err.println(
                    "FanoutLoad: gave up after " + options.boundSeconds() + " s (watchdog)");
                Runtime.getRuntime().halt(3);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    LoadResult r;
    try {
      r = run(o, extras);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("FanoutLoad: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.print(r.format());
    for (Map.Entry<String, String> e : extras.measured().entrySet()) {
      System.out.println(e.getKey() + " = " + e.getValue());
    }
    if (out != null) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : r.toMap().entrySet()) {
        sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
      for (Map.Entry<String, String> e : extras.measured().entrySet()) {
        sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
      try {
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("FanoutLoad: cannot write " + out + ": " + e.getMessage());
        System.exit(1);
      }
    }
    System.exit(r.errors().isEmpty() ? 0 : 1);
  }

  /**
   * Runs one load and measures it.
   *
   * @throws IllegalArgumentException if the host is not a loopback address
   * @throws IllegalStateException if the server's process cannot be found
   * @throws IOException if {@code /proc} cannot be read
   */
  public static LoadResult run(Options o) throws IOException, InterruptedException {
    return run(o, Extras.none());
  }

  /**
   * Runs one load over one or more servers and measures it, and the {@code extras}' processes.
   *
   * @throws IllegalArgumentException if the host is not a loopback address
   * @throws IllegalStateException if the server's process cannot be found
   * @throws IOException if {@code /proc} cannot be read
   */
  public static LoadResult run(Options o, Extras extras) throws IOException, InterruptedException {
    InetAddress address = InetAddress.getByName(o.host());
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          o.host()
              + " is not a loopback address: the load tool only measures a server on this machine"
              + " (frame age compares the server's clock with its own)");
    }
    long pid = o.serverPid() > 0 ? o.serverPid() : ProcStats.listenerPid(o.port());
    if (pid <= 0) {
      throw new IllegalStateException(
          "no process of this user listens on port "
              + o.port()
              + ": start the server or give --pid");
    }
    long self = ProcessHandle.current().pid();
    boolean epoll = Epoll.isAvailable();
    int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    MeasurementWindow window = new MeasurementWindow();
    List<ViewerConnection> viewers = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    ports.add(o.port());
    ports.addAll(extras.morePorts());
    boolean[] failed = new boolean[o.viewers()];
    int opened = 0;
    Measured measured = Measured.NOTHING;
    try {
      Bootstrap b =
          new Bootstrap()
              .group(group)
              .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS,
                  (int) Math.max(1000, o.connectSeconds() * 1000))
              // Pooled, as the streamer's: Netty 4.2's default (adaptive) allocator takes receive
              // buffers this large unpooled, a new direct ByteBuffer per read.
              .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .option(
                  ChannelOption.RECVBUF_ALLOCATOR,
                  new AdaptiveRecvByteBufAllocator(4096, 65536, 256 * 1024));
      for (int i = 0; i < o.viewers(); i++) {
        int port = ports.get(i % ports.size());
        String hostPort = (o.host().contains(":") ? "[" + o.host() + "]" : o.host()) + ":" + port;
        ViewerConnection v = new ViewerConnection(hostPort, o.protocol(), o.path(), window);
        ChannelFuture f = b.clone().handler(v).connect(address, port);
        f.addListener(
            done -> {
              if (!done.isSuccess()) {
                v.open().completeExceptionally(done.cause());
              }
            });
        viewers.add(v);
        channels.add(f.channel());
      }
      long deadline = System.nanoTime() + (long) (o.connectSeconds() * 1e9);
      for (int i = 0; i < viewers.size(); i++) {
        try {
          viewers
              .get(i)
              .open()
              .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          opened++;
        } catch (ExecutionException e) {
          failed[i] = true;
          errors.add("viewer " + i + " did not open: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
          failed[i] = true;
          errors.add("viewer " + i + " did not open within " + o.connectSeconds() + " s");
        }
      }
      if (opened == o.viewers()) {
        Thread.sleep((long) (o.warmupSeconds() * 1000));
        ProcStats.Cpu server0 = ProcStats.cpu(pid);
        Map<Long, Long> serverThreads0 = ProcStats.threadRunNanos(pid);
        Map<Long, ProcStats.Switches> switches0 = ProcStats.threadSwitches(pid);
        long faults0 = ProcStats.minorFaults(pid);
        Map<Long, Long> clientThreads0 = ProcStats.threadRunNanos(self);
        double machine0 = ProcStats.machineBusySeconds();
        Map<String, Double> watched0 = new java.util.LinkedHashMap<>();
        Map<String, Long> frames0 = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Long> w : extras.watched().entrySet()) {
          watched0.put(w.getKey(), ProcStats.cpu(w.getValue()).totalSeconds());
        }
        for (Map.Entry<String, Integer> m : extras.metricsPorts().entrySet()) {
          frames0.put(m.getKey(), framesCaptured(o.host(), m.getValue()));
        }
        long start = window.open();
        Thread.sleep((long) (o.seconds() * 1000));
        long end = window.close();
        for (Map.Entry<String, Long> w : extras.watched().entrySet()) {
          double cpu = ProcStats.cpu(w.getValue()).totalSeconds() - watched0.get(w.getKey());
          extras.measured().put("watch." + w.getKey() + ".cpu", String.format("%.4f", cpu));
        }
        for (Map.Entry<String, Integer> m : extras.metricsPorts().entrySet()) {
          long frames = framesCaptured(o.host(), m.getValue()) - frames0.get(m.getKey());
          extras.measured().put("watch." + m.getKey() + ".frames", Long.toString(frames));
        }
        double machine = ProcStats.machineBusySeconds() - machine0;
        double clientCpu =
            ProcStats.runSecondsBetween(clientThreads0, ProcStats.threadRunNanos(self));
        double serverCpu =
            ProcStats.runSecondsBetween(serverThreads0, ProcStats.threadRunNanos(pid));
        ProcStats.Cpu serverSplit = ProcStats.cpu(pid).minus(server0);
        ProcStats.Switches switches =
            ProcStats.switchesBetween(switches0, ProcStats.threadSwitches(pid));
        long faults = ProcStats.minorFaults(pid) - faults0;
        double otherCpu = machine - clientCpu - (pid == self ? 0 : serverCpu);
        measured =
            new Measured(
                (end - start) / 1e9,
                serverCpu,
                serverSplit,
                switches,
                faults,
                clientCpu,
                otherCpu,
                ProcStats.memory(pid));
      }
    } finally {
      for (ViewerConnection v : viewers) {
        v.closing();
      }
      for (Channel c : channels) {
        c.close();
      }
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
    return collect(o, epoll, pid, opened, measured, viewers, failed, errors);
  }

  /** What the load tool measured of the machine during the window. */
  private record Measured(
      double windowSeconds,
      double serverCpu,
      ProcStats.Cpu serverSplit,
      ProcStats.Switches switches,
      long minorFaults,
      double clientCpu,
      double otherCpu,
      ProcStats.Memory memory) {
    static final Measured NOTHING =
        new Measured(
            0,
            0,
            new ProcStats.Cpu(0, 0),
            new ProcStats.Switches(0, 0),
            0,
            0,
            0,
            new ProcStats.Memory(0, 0));
  }

  private static LoadResult collect(
      Options o,
      boolean epoll,
      long pid,
      int opened,
      Measured m,
      List<ViewerConnection> viewers,
      boolean[] failed,
      List<String> errors) {
    double windowSeconds = m.windowSeconds();
    double[] fps = new double[viewers.size()];
    long frames = 0;
    long skipped = 0;
    long bytes = 0;
    long payloadBytes = 0;
    long keyFrames = 0;
    long keyFrameBytes = 0;
    long text = 0;
    long bad = 0;
    Histogram ages = new Histogram(ViewerConnection.MAX_AGE_MICROS, 3);
    for (int i = 0; i < viewers.size(); i++) {
      ViewerConnection v = viewers.get(i);
      fps[i] = windowSeconds > 0 ? v.frames() / windowSeconds : 0;
      frames += v.frames();
      skipped += v.skipped();
      bytes += v.bytes();
      payloadBytes += v.payloadBytes();
      keyFrames += v.keyFrames();
      keyFrameBytes += v.keyFrameBytes();
      text += v.textMessages();
      bad += v.badFrames();
      ages.add(v.ages());
      if (v.error() != null && !failed[i]) {
        errors.add("viewer " + i + ": " + v.error());
      } else if (windowSeconds > 0 && v.frames() == 0) {
        errors.add("viewer " + i + " received no frame in the window");
      }
    }
    if (errors.size() > MAX_ERRORS_LISTED) {
      int more = errors.size() - MAX_ERRORS_LISTED;
      errors = new ArrayList<>(errors.subList(0, MAX_ERRORS_LISTED));
      errors.add("... and " + more + " more");
    }
    Arrays.sort(fps);
    int n = fps.length;
    double median = n == 0 ? 0 : n % 2 == 1 ? fps[n / 2] : (fps[n / 2 - 1] + fps[n / 2]) / 2;
    boolean any = ages.getTotalCount() > 0;
    return new LoadResult(
        o.protocol().key(),
        epoll ? "epoll" : "nio",
        o.viewers(),
        opened,
        windowSeconds,
        n == 0 ? 0 : fps[0],
        median,
        n == 0 ? 0 : fps[n - 1],
        frames,
        skipped,
        bytes,
        payloadBytes,
        keyFrames,
        keyFrameBytes,
        any ? ages.getValueAtPercentile(50) / 1000.0 : 0,
        any ? ages.getValueAtPercentile(99) / 1000.0 : 0,
        any ? ages.getMaxValue() / 1000.0 : 0,
        pid,
        m.serverCpu(),
        m.serverSplit().userSeconds(),
        m.serverSplit().systemSeconds(),
        m.memory().peakBytes(),
        m.memory().currentBytes(),
        m.switches().total(),
        m.switches().involuntary(),
        m.minorFaults(),
        m.clientCpu(),
        m.otherCpu(),
        text,
        bad,
        List.copyOf(errors));
  }

  /** A streamer's {@code eyetoy_frames_captured_total}, from its {@code /metrics}. */
  static long framesCaptured(String host, int port) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection)
            new java.net.URL("http://" + host + ":" + port + "/metrics").openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    try (java.io.InputStream in = c.getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("eyetoy_frames_captured_total ")) {
          return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
        }
      }
    } finally {
      c.disconnect();
    }
    throw new IOException("no eyetoy_frames_captured_total in the /metrics of port " + port);
  }

  private static Object[] parse(String[] args) {
    String host = "127.0.0.1";
    int port = -1;
    Protocol protocol = Protocol.WS;
    String path = null;
    int viewers = 10;
    double warmup = 2;
    double seconds = 10;
    long pid = 0;
    int threads = 0;
    double connect = 15;
    Path out = null;
    Extras extras = Extras.none();
    List<Integer> morePorts = new ArrayList<>();
    Map<String, Long> watched = new java.util.LinkedHashMap<>();
    Map<String, Integer> metricsPorts = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--raw") || a.equals("--mjpeg") || a.equals("--jpeg") || a.equals("--h264")) {
        protocol = Protocol.valueOf(a.substring(2).toUpperCase(java.util.Locale.ROOT));
        continue;
      }
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException("help");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--host":
            host = v;
            break;
          case "--port":
            port = Integer.parseInt(v);
            break;
          case "--path":
            path = v;
            break;
          case "--viewers":
          case "-n":
            viewers = Integer.parseInt(v);
            break;
          case "--warmup":
            warmup = Double.parseDouble(v);
            break;
          case "--seconds":
            seconds = Double.parseDouble(v);
            break;
          case "--pid":
            pid = Long.parseLong(v);
            break;
          case "--threads":
            threads = Integer.parseInt(v);
            break;
          case "--connect-timeout":
            connect = Double.parseDouble(v);
            break;
          case "--out":
            out = Path.of(v);
            break;
          case "--more-ports":
            for (String p : v.split(",")) {
              if (!p.isBlank()) {
                morePorts.add(Integer.parseInt(p.trim()));
              }
            }
            break;
          case "--watch":
            {
              // NAME=PID or NAME=PID@METRICS_PORT
              int eq = v.indexOf('=');
              if (eq <= 0) {
                throw new IllegalArgumentException("--watch expects NAME=PID[@PORT], got " + v);
              }
              String name = v.substring(0, eq);
              String rest = v.substring(eq + 1);
              int at = rest.indexOf('@');
              watched.put(name, Long.parseLong(at < 0 ? rest : rest.substring(0, at)));
              if (at >= 0) {
                metricsPorts.put(name, Integer.parseInt(rest.substring(at + 1)));
              }
              break;
            }
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(a + " expects a number, got \"" + v + "\"");
      }
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("--port is required (1..65535)");
    }
    if (viewers < 0 || seconds <= 0 || warmup < 0 || connect <= 0 || seconds > 3600) {
      throw new IllegalArgumentException(
          "--viewers must be 0 or more, --connect-timeout positive, --seconds 0..3600,"
              + " --warmup >= 0");
    }
    extras = new Extras(morePorts, watched, metricsPorts, extras.measured());
    if (path == null) {
      path =
          switch (protocol) {
            case MJPEG -> "/stream.mjpg";
            case JPEG -> "/ws?format=jpeg";
            case H264 -> "/ws?format=h264";
            default -> "/ws";
          };
    }
    return new Object[] {
      new Options(host, port, protocol, path, viewers, warmup, seconds, pid, threads, connect),
      out,
      extras
    };
  }

  private static String usage() {
    return String.join(
        "\n",
        "usage: FanoutLoad --port P [options]",
        "  --host H             server host, loopback only (default 127.0.0.1)",
        "  --raw                read a RawBaselineServer (length-prefixed frames), not /ws",
        "  --mjpeg              read MJPEG over HTTP (multipart parts with Content-Length)",
        "  --jpeg               read JPEG frames over WebSocket (/ws?format=jpeg)",
        "  --h264               read H.264 over WebSocket (/ws?format=h264): checks each unit's",
        "                       key frame flag and that each viewer starts at a key frame",
        "  --path PATH          request path (default /ws; with --mjpeg /stream.mjpg, with",
        "                       --jpeg /ws?format=jpeg, with --h264 /ws?format=h264)",
        "  --viewers N, -n N    viewers (default 10)",
        "  --warmup S           seconds to read after all are open, unmeasured (default 2)",
        "  --seconds S          measured seconds (default 10)",
        "  --pid PID            the server's process (default: the one listening on --port)",
        "  --threads T          load tool event loops (default: one per core)",
        "  --connect-timeout S  seconds for all viewers to open (default 15)",
        "  --out FILE           also write the results as key=value lines",
        "  --more-ports P,P...  spread the viewers over these servers too (round-robin)",
        "  --watch NAME=PID[@PORT]  also measure this process's CPU in the window (and, with",
        "                       its HTTP port, the frames it captured): watch.NAME.* results",
        "                       (repeatable; --viewers 0 measures only the window)");
  }
}
