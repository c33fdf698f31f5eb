package io.eyetoystreamer.streamer.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.streamer.NoLeaks;
import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.streamer.http.Assets;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzzer of issue 16: seeded random malformed HTTP requests and WebSocket frames against the
 * server, with no unhandled exception, no leak, well-formed answers and the witness viewer
 * unaffected.
 *
 * <ol>
 *   <li>In-process ({@link EmbeddedFuzzer}): the corpus's regressions and seeds as they are, then
 *       {@code -Dfuzz.inputs} (default 1,000,000) generated inputs, or as many as fit in {@code
 *       -Dfuzz.seconds} (default 190: a million inputs take about 160 s here), each on a new
 *       channel carrying the real per-connection pipeline of a running server ({@code
 *       HttpServer.initChannel}): one in five against a server with {@code --auth}, mostly with the
 *       right credentials. Netty's leak detector runs paranoid for the first {@code
 *       -Dfuzz.paranoidInputs} (default 2,000, those up to 64 KiB: it makes each input about twenty
 *       times slower) and off after that, where the per-connection allocator count is the leak
 *       oracle. If the server's viewer slots leak (a valid handshake refused), it is reported and
 *       the server restarted.
 *   <li>Over TCP ({@link TcpFuzzer}): the regressions and seeds, then {@code -Dfuzz.tcpInputs}
 *       (default 3,000, at most {@code -Dfuzz.tcpSeconds}, default 20) generated inputs other than
 *       the in-process ones, half of them among those the in-process phase leaves out (snapshots,
 *       controls), MJPEG included, from three client threads, against a fresh server on loopback,
 *       with the leak detector paranoid, while a {@link Witness} viewer on {@code /ws} counts
 *       frames: it must get at least 25 of every 30 frames the camera captured in the same window
 *       (from {@code eyetoy_frames_captured_total}), then {@code /healthz} must answer 200 and a
 *       new viewer must get in and receive a frame. (If, in three seconds before the fuzzing, the
 *       witness of the unattacked server already gets fewer than 25 of 30, the machine is too
 *       loaded to judge and the ratio is only printed, with a warning.)
 * </ol>
 *
 * <p>Every input is a function of the run's seed ({@code -Dfuzz.seed}, printed; random when not
 * given) and its index, so failures reproduce; each failure's input is also written to {@code
 * target/fuzz-failures/} in corpus form, to be kept in {@code src/test/resources/fuzz/regressions}
 * and replayed with {@code -Dfuzz.replay=FILE} (that file only, in both phases); {@code
 * -Dfuzz.only=I} runs input I of the seed alone, and {@code -Dfuzz.verbose=true} prints what the
 * server sent in-process.
 */
@ExtendWith(NoLeaks.class)
class HttpWsFuzzTest {
  private static final Assets PAGE =
      path ->
          "/".equals(path)
              ? Optional.of(
                  new Assets.Asset(
                      ByteBuffer.wrap(
                          "<!doctype html><title>viewer</title>".getBytes(StandardCharsets.UTF_8)),
                      "text/html; charset=UTF-8"))
              : Optional.empty();

  private static final Path FAILURES = Paths.get("target", "fuzz-failures");

  @Test
  void fuzzHttpAndWebSocketInput() throws Exception {
    long seed = Long.getLong("fuzz.seed", new java.util.Random().nextLong());
    long inputs = Long.getLong("fuzz.inputs", 1_000_000);
    long seconds = Long.getLong("fuzz.seconds", 190);
    long paranoid = Long.getLong("fuzz.paranoidInputs", 2_000);
    long tcpInputs = Long.getLong("fuzz.tcpInputs", 3_000);
    long tcpSeconds = Long.getLong("fuzz.tcpSeconds", 20);
    String replay = System.getProperty("fuzz.replay");
    System.out.println("[fuzz] seed " + seed + " (-Dfuzz.seed=" + seed + " reproduces this run)");

    List<Script> seeds = load("seeds");
    List<Named> fixed = new ArrayList<>();
    if (replay != null && !replay.isBlank()) {
      Path file = Paths.get(replay);
      if (!Files.exists(file) && Files.exists(Paths.get("..").resolve(replay))) {
        file = Paths.get("..").resolve(replay); // relative to the repository, not the module
      }
      fixed.add(new Named("file " + replay, Script.parse(Files.readString(file))));
      inputs = 0;
      tcpInputs = 0;
    } else {
      for (Named n : loadNamed("regressions")) {
        fixed.add(n);
      }
      for (Named n : loadNamed("seeds")) {
        fixed.add(n);
      }
    }
    Generator gen = new Generator(seeds, seed);
    long only = Long.getLong("fuzz.only", -1);
    if (only >= 0) {
      fixed.clear();
      fixed.add(new Named("seed " + seed + " input #" + only, gen.input(only)));
      inputs = 0;
      tcpInputs = 0;
    }
    if (Files.isDirectory(FAILURES)) {
      try (Stream<Path> old = Files.list(FAILURES)) {
        for (Path f : old.filter(x -> x.toString().endsWith(".fuzz")).toList()) {
          Files.delete(f);
        }
      }
    }
    ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
    List<String> summary = new ArrayList<>();
    try (Findings findings = new Findings()) {
      try {
        inProcess(gen, seed, fixed, inputs, seconds, paranoid, findings, summary);
        ResourceLeakDetector.setLevel(level);
        overTcp(gen, seed, fixed, tcpInputs, tcpSeconds, findings, summary);
      } finally {
        ResourceLeakDetector.setLevel(level);
      }
      summary.forEach(System.out::println);
      if (!findings.isEmpty()) {
        fail(
            "the fuzzer found "
                + findings.all().size()
                + " kinds of failure (seed "
                + seed
                + "; inputs written to "
                + FAILURES.toAbsolutePath()
                + ", replay one with -Dfuzz.replay=FILE):"
                + findings.report(FAILURES));
      }
    }
  }

  // ------------------------------------------------------------------ phase 1: in-process

  private static void inProcess(
      Generator gen,
      long seed,
      List<Named> fixed,
      long inputs,
      long seconds,
      long paranoid,
      Findings findings,
      List<String> summary)
      throws Exception {
    // Two servers: one open, one with --auth (scripts marked "! auth" run against that one).
    List<AtomicReference<Streamer>> servers =
        List.of(
            new AtomicReference<>(start()),
            new AtomicReference<>(start("--auth", Script.CREDENTIALS)));
    AtomicReference<Exception> failed = new AtomicReference<>();
    AtomicLong restarts = new AtomicLong();
    long[] done = new long[1];
    long[] threadCpu = new long[1];
    EmbeddedFuzzer[] fuzzer = new EmbeddedFuzzer[1];
    long t0 = System.nanoTime();
    Thread t =
        new io.netty.util.concurrent.FastThreadLocalThread(
            () -> {
              try {
                FuzzLoop loop = new FuzzLoop(Thread.currentThread());
                java.lang.management.ThreadMXBean mx =
                    java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = mx.getCurrentThreadCpuTime();
                EmbeddedFuzzer f =
                    new EmbeddedFuzzer(
                        auth -> servers.get(auth ? 1 : 0).get().http(), loop, findings);
                fuzzer[0] = f;
                ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
                for (Named n : fixed) {
                  if (!f.run(n.script, n.name, true)) {
                    restart(servers, n.script.auth, restarts);
                  }
                }
                long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
                for (long i = 0; i < inputs; i++) {
                  if ((i & 63) == 0 && System.nanoTime() > deadline) {
                    break;
                  }
                  String where = "seed " + seed + " input #" + i;
                  Script input = gen.input(i);
                  ResourceLeakDetector.setLevel(
                      i < paranoid && input.length() <= 65536
                          ? ResourceLeakDetector.Level.PARANOID
                          : ResourceLeakDetector.Level.DISABLED);
                  if (!f.run(input, where) && restarts.get() < 10) {
                    restart(servers, input.auth, restarts);
                  }
                  done[0] = i + 1;
                  if (done[0] % 100_000 == 0) {
                    System.out.printf(
                        "[fuzz] in-process: %,d inputs, %.0f/s%n",
                        done[0], done[0] / ((System.nanoTime() - t0) / 1e9));
                  }
                }
                threadCpu[0] = mx.getCurrentThreadCpuTime() - cpu0;
                ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
                for (AtomicReference<Streamer> server : servers) {
                  server.get().close();
                }
                // Frames the fan-out handed to the loop after the last input: run (and release).
                loop.runAll();
              } catch (Exception e) {
                failed.set(e);
              }
            },
            "fuzz-embedded");
    t.start();
    t.join();
    double secs = (System.nanoTime() - t0) / 1e9;
    if (failed.get() != null) {
      for (AtomicReference<Streamer> server : servers) {
        server.get().close();
      }
      throw failed.get();
    }
    EmbeddedFuzzer f = fuzzer[0];
    summary.add(
        String.format(
            "[fuzz] in-process: %,d corpus + %,d generated inputs in %.1f s = %,.0f inputs/s;"
                + " %,d run, %,d deferred to TCP (snapshots, controls); %,d WebSocket sessions; most queued"
                + " for a non-reading client %,d bytes; %,d connections open after 10 idle"
                + " minutes; %d server restarts after refused handshakes",
            fixed.size(),
            done[0],
            secs,
            (fixed.size() + done[0]) / secs,
            f.run,
            f.deferred,
            f.upgraded,
            f.maxQueued,
            f.openAfterIdle,
            restarts.get()));
    summary.add(
        String.format(
            "[fuzz] in-process %s; with generating them, %,.0f inputs per CPU second of the"
                + " fuzzer's thread",
            f.cpuSummary(), (fixed.size() + done[0]) / (threadCpu[0] / 1e9)));
    System.out.println(summary.get(summary.size() - 2));
    System.out.println(summary.get(summary.size() - 1));
  }

  private static void restart(
      List<AtomicReference<Streamer>> servers, boolean auth, AtomicLong restarts) throws Exception {
    restarts.incrementAndGet();
    AtomicReference<Streamer> server = servers.get(auth ? 1 : 0);
    server.get().close();
    server.set(auth ? start("--auth", Script.CREDENTIALS) : start());
  }

  private static Streamer start(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    args.addAll(List.of(extra));
    return Streamer.start(
        StreamerConfig.parse(args.toArray(String[]::new)), new SimulatedCamera(), PAGE);
  }

  // ------------------------------------------------------------------ phase 2: TCP

  private static void overTcp(
      Generator gen,
      long seed,
      List<Named> fixed,
      long inputs,
      long seconds,
      Findings findings,
      List<String> summary)
      throws Exception {
    try (Streamer server = start()) {
      InetSocketAddress addr = server.address();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      TcpFuzzer tcp = new TcpFuzzer(addr, findings);
      try (Witness witness = new Witness(addr)) {
        assertTrue(witness.awaitFrames(3, 10_000), "the witness got no frames before the fuzzing");
        // How well an unattacked server keeps this witness fed on this machine right now.
        long idleFrames0 = witness.frames();
        long idleCaptured0 = captured(http, addr);
        Thread.sleep(3000);
        long idleGot = witness.frames() - idleFrames0;
        long idleMade = captured(http, addr) - idleCaptured0;
        boolean starved = idleGot * 30 < idleMade * 25;
        long frames0 = witness.frames();
        long captured0 = captured(http, addr);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicLong next = new AtomicLong();
        for (int w = 0; w < 3; w++) {
          pool.execute(
              () -> {
                long i;
                while ((i = next.getAndIncrement()) < fixed.size() + inputs
                    && System.nanoTime() < deadline) {
                  if (i < fixed.size()) {
                    Named n = fixed.get((int) i);
                    tcp.run(n.script, "tcp " + n.name, i);
                  } else {
                    long k = tcpIndex(gen, i - fixed.size());
                    tcp.run(gen.input(k), "tcp seed " + seed + " input #" + k, gen.inputSeed(k));
                  }
                }
              });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        long captured1 = captured(http, addr);
        long frames1 = witness.frames();
        double secs = (System.nanoTime() - t0) / 1e9;
        long got = frames1 - frames0;
        long made = captured1 - captured0;
        summary.add(
            String.format(
                "[fuzz] TCP: %,d inputs in %.1f s = %,.0f inputs/s; the witness received %d of"
                    + " the %d frames captured meanwhile%s",
                tcp.sent.get(),
                secs,
                tcp.sent.get() / secs,
                got,
                made,
                witness.ended() == null ? "" : " and then stopped: " + witness.ended()));
        System.out.println(summary.get(summary.size() - 1));
        findings.drainLog("the TCP phase", Script.parse("# (an input of the TCP phase)\n"));
        boolean window = made >= 30; // below a second the ratio means nothing
        if (starved) {
          summary.add(
              String.format(
                  "[fuzz] WARNING: before any fuzzing the witness got only %d of %d frames: this"
                      + " machine is too loaded to judge it, so its 25-of-30 oracle is not applied",
                  idleGot, idleMade));
          System.out.println(summary.get(summary.size() - 1));
        }
        if (window && !starved && got * 30 < made * 25 || witness.ended() != null) {
          findings.add(
              "witness: the witness viewer received "
                  + got
                  + " of "
                  + made
                  + " frames captured during the TCP phase (at least 25 of 30 required)"
                  + (witness.ended() == null ? "" : "; it was cut off: " + witness.ended()),
              "tcp seed " + seed,
              Script.parse("# (the whole TCP phase)\n"));
        }
      }
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(uri(addr, "/healthz")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() != 200) {
        findings.add(
            "health: /healthz answered "
                + health.statusCode()
                + " after the TCP phase: "
                + health.body(),
            "tcp seed " + seed,
            Script.parse("# (the whole TCP phase)\n"));
      }
      try (Witness late = new Witness(addr)) {
        if (!late.awaitFrames(1, 5_000)) {
          findings.add(
              "witness: a viewer connecting after the TCP phase got no frame",
              "tcp seed " + seed,
              Script.parse("# (the whole TCP phase)\n"));
        }
      } catch (IOException e) {
        findings.add(
            "witness: a viewer connecting after the TCP phase was refused: " + e.getMessage(),
            "tcp seed " + seed,
            Script.parse("# (the whole TCP phase)\n"));
      }
      findings.drainLog("the TCP phase", Script.parse("# (an input of the TCP phase)\n"));
    }
  }

  /**
   * The index of the {@code n}th input of the TCP phase: inputs the in-process phase does not run
   * (from 2^40 on), every other one among those it leaves to this phase (the snapshot and controls
   * routes).
   */
  static long tcpIndex(Generator gen, long n) {
    long k = (1L << 40) + n * 64;
    if (n % 2 == 0) {
      for (int i = 0; i < 64; i++) {
        if (EmbeddedFuzzer.deferred(gen.input(k + i))) {
          return k + i;
        }
      }
    }
    return k;
  }

  private static long captured(HttpClient http, InetSocketAddress addr) throws Exception {
    String body =
        http.send(
                HttpRequest.newBuilder(uri(addr, "/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^eyetoy_frames_captured_total (\\d+)").matcher(body);
    assertTrue(m.find(), "no eyetoy_frames_captured_total in /metrics");
    return Long.parseLong(m.group(1));
  }

  private static URI uri(InetSocketAddress addr, String path) throws URISyntaxException {
    return new URI("http://127.0.0.1:" + addr.getPort() + path);
  }

  // ------------------------------------------------------------------ corpus

  private record Named(String name, Script script) {}

  private static List<Script> load(String dir) throws Exception {
    return loadNamed(dir).stream().map(Named::script).toList();
  }

  private static List<Named> loadNamed(String dir) throws Exception {
    Path p = Paths.get(HttpWsFuzzTest.class.getResource("/fuzz/" + dir).toURI());
    List<Named> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(p)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".fuzz")).sorted().toList()) {
        out.add(
            new Named("corpus " + dir + "/" + f.getFileName(), Script.parse(Files.readString(f))));
      }
    }
    return out;
  }
}
