package io.eyetoystreamer.jmh.fanout;

import io.eyetoystreamer.jmh.DocSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Turns the result files of {@code jmh/run-fanout.sh} into a markdown table and, if asked, puts it
 * into a document between {@code <!-- fanout:begin -->} and {@code <!-- fanout:end -->}.
 *
 * <p>Result files are named {@code r<round>-n<viewers>-<server>.properties} ({@code server} is
 * {@code streamer}, {@code baseline}, {@code old} (another streamer jar, for an A/B comparison) or
 * {@code mjpeg} (the streamer read as MJPEG)), as {@link FanoutLoad}'s {@code --out} writes them.
 * Every figure in the tables is the median over rounds; ratios between servers are taken per round
 * (the runs of a round were side by side) and their median and range are shown.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.FanoutReport RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class FanoutReport {
  static final String BEGIN = "<!-- fanout:begin -->";
  static final String END = "<!-- fanout:end -->";
  static final String KEEP = "<!-- fanout:keep -->";
  private static final String STREAMER = "streamer";
  private static final String BASELINE = "baseline";
  private static final String OLD = "old";
  private static final String MJPEG = "mjpeg";

  private FanoutReport() {}

  /** Prints the table, and writes it into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    DocSection.report(args, "FanoutReport", dir -> table(read(dir)), BEGIN, END);
  }

  /** One run: its round, viewers, server, and what the load tool wrote. */
  record Run(int round, int viewers, String server, Properties values) {
    double num(String key) {
      String v = values.getProperty(key);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }

    boolean ok() {
      return "0".equals(values.getProperty("errors"));
    }

    /** A stored figure, or one derived from them ({@code switchesPerFrame}). */
    double value(String key) {
      return key.equals("switchesPerFrame") ? switchesPerFrame() : num(key);
    }

    /** Server context switches per frame a viewer received; NaN if not recorded. */
    double switchesPerFrame() {
      double perViewer = num("frames") / num("viewers");
      return perViewer > 0 ? num("serverSwitches") / perViewer : Double.NaN;
    }

    /** Server minor page faults per frame a viewer received; NaN if not recorded. */
    double faultsPerFrame() {
      double perViewer = num("frames") / num("viewers");
      return perViewer > 0 ? num("serverMinorFaults") / perViewer : Double.NaN;
    }

    /** Server CPU in the window, in cores (CPU seconds per second). */
    double cores() {
      return num("serverCpu") / num("windowSeconds");
    }

    /** Wire bytes per frame received. */
    double bytesPerFrame() {
      return num("bytes") / num("frames");
    }
  }

  /** Reads every result file in {@code dir}. */
  static List<Run> read(Path dir) throws IOException {
    List<Run> runs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "r*-n*-*.properties")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String[] parts = name.substring(0, name.length() - ".properties".length()).split("-", 3);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          p.load(in);
        }
        runs.add(
            new Run(
                Integer.parseInt(parts[0].substring(1)),
                Integer.parseInt(parts[1].substring(1)),
                parts[2],
                p));
      }
    }
    return runs;
  }

  /** The markdown tables of {@code runs}: WebSocket and raw servers, then A/B, then MJPEG. */
  static String table(List<Run> runs) {
    Map<Integer, Map<String, List<Run>>> byN = new TreeMap<>();
    Map<Integer, List<Run>> mjpeg = new TreeMap<>();
    for (Run r : runs) {
      if (r.server().equals(MJPEG)) {
        mjpeg.computeIfAbsent(r.viewers(), k -> new ArrayList<>()).add(r);
        continue;
      }
      byN.computeIfAbsent(r.viewers(), k -> new HashMap<>())
          .computeIfAbsent(r.server(), k -> new ArrayList<>())
          .add(r);
    }
    StringBuilder sb = new StringBuilder();
    if (!byN.isEmpty()) {
      sb.append(
          "| N | server | runs | fps per viewer min / median | skipped | MB/s"
              + " | server CPU s per GB (user %) | / baseline | frame age p50 / p99 ms"
              + " | context switches per frame | RSS peak MB |\n");
      sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    }
    boolean ab = false;
    for (Map.Entry<Integer, Map<String, List<Run>>> e : byN.entrySet()) {
      int n = e.getKey();
      ab |= e.getValue().containsKey(OLD) && e.getValue().containsKey(STREAMER);
      for (String server : order(e.getValue().keySet())) {
        List<Run> rs = e.getValue().get(server);
        List<Run> good = rs.stream().filter(Run::ok).toList();
        sb.append("| ").append(n).append(" | ").append(server).append(" | ");
        sb.append(good.size()).append(good.size() < rs.size() ? " of " + rs.size() : "");
        if (good.isEmpty()) {
          sb.append(" | failed: ").append(firstError(rs)).append(" | | | | | | | |\n");
          continue;
        }
        double split = median(good, "serverUserCpu") + median(good, "serverSystemCpu");
        sb.append(
            String.format(
                Locale.ROOT,
                " | %.1f / %.1f | %.0f | %.0f | %.3f (%.0f%%) | %s | %.2f / %.2f | %s | %.0f |\n",
                median(good, "fpsMin"),
                median(good, "fpsMedian"),
                median(good, "skipped"),
                median(good, "megabytesPerSecond"),
                median(good, "cpuSecondsPerGigabyte"),
                split > 0 ? 100 * median(good, "serverUserCpu") / split : 0,
                server.equals(BASELINE) ? "" : ratio(rs, e.getValue().get(BASELINE)),
                median(good, "ageP50Millis"),
                median(good, "ageP99Millis"),
                switchesPerFrame(good),
                median(good, "serverPeakRss") / 1048576.0));
      }
    }
    if (ab) {
      sb.append(
          "\nA/B, the streamer (new) against `old` (per-round ratios new / old, median and range):\n\n"
              + "| N | CPU per GB | frame age p50 | frame age p99 | context switches per frame"
              + " | RSS peak | minor page faults per frame, new / old |\n"
              + "|---|---|---|---|---|---|---|\n");
      for (Map.Entry<Integer, Map<String, List<Run>>> e : byN.entrySet()) {
        List<Run> now = e.getValue().get(STREAMER);
        List<Run> old = e.getValue().get(OLD);
        if (now == null || old == null) {
          continue;
        }
        sb.append("| ").append(e.getKey());
        for (String key :
            List.of(
                "cpuSecondsPerGigabyte",
                "ageP50Millis",
                "ageP99Millis",
                "switchesPerFrame",
                "serverPeakRss")) {
          sb.append(" | ").append(ratio(now, old, key));
        }
        sb.append(
            String.format(
                Locale.ROOT,
                " | %.1f / %.1f |\n",
                median(now.stream().filter(Run::ok).mapToDouble(Run::faultsPerFrame).toArray()),
                median(old.stream().filter(Run::ok).mapToDouble(Run::faultsPerFrame).toArray())));
      }
    }
    String growth = growth(byN);
    if (!growth.isEmpty()) {
      sb.append('\n').append(growth);
    }
    if (!mjpeg.isEmpty()) {
      sb.append(mjpegTable(mjpeg));
    }
    sb.append(noise(runs));
    return sb.toString();
  }

  /** The servers in table order: the streamer, old, the others, the baseline last. */
  private static List<String> order(java.util.Set<String> servers) {
    List<String> out = new ArrayList<>();
    for (String s : List.of(STREAMER, OLD)) {
      if (servers.contains(s)) {
        out.add(s);
      }
    }
    servers.stream()
        .filter(s -> !s.equals(STREAMER) && !s.equals(OLD) && !s.equals(BASELINE))
        .sorted()
        .forEach(out::add);
    if (servers.contains(BASELINE)) {
      out.add(BASELINE);
    }
    return out;
  }

  private static String firstError(List<Run> rs) {
    return rs.get(0).values().getProperty("error.0", "no result").replace('|', '/');
  }

  /** Server context switches per frame each viewer received (all threads), median over runs. */
  private static String switchesPerFrame(List<Run> good) {
    double v = median(good.stream().mapToDouble(Run::switchesPerFrame).sorted().toArray());
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }

  /** How the streamer's peak RSS grows with viewers: from its smallest N to its largest. */
  private static String growth(Map<Integer, Map<String, List<Run>>> byN) {
    StringBuilder sb = new StringBuilder();
    for (String server : List.of(STREAMER, OLD)) {
      List<double[]> points = new ArrayList<>();
      for (Map.Entry<Integer, Map<String, List<Run>>> e : byN.entrySet()) {
        List<Run> good =
            e.getValue().getOrDefault(server, List.of()).stream().filter(Run::ok).toList();
        if (!good.isEmpty()) {
          points.add(
              new double[] {e.getKey(), median(good, "serverPeakRss"), median(good, "serverRss")});
        }
      }
      if (points.size() < 2) {
        continue;
      }
      double[] a = points.get(0);
      double[] b = points.get(points.size() - 1);
      sb.append(
          String.format(
              Locale.ROOT,
              "RSS of `%s` from N = %.0f to N = %.0f: peak %.1f to %.1f MB, %.1f KB per extra"
                  + " viewer (at the end of the window: %.1f to %.1f MB, %.1f KB per viewer).\n",
              server,
              a[0],
              b[0],
              a[1] / 1048576.0,
              b[1] / 1048576.0,
              (b[1] - a[1]) / 1024.0 / (b[0] - a[0]),
              a[2] / 1048576.0,
              b[2] / 1048576.0,
              (b[2] - a[2]) / 1024.0 / (b[0] - a[0])));
    }
    return sb.toString();
  }

  private static String mjpegTable(Map<Integer, List<Run>> mjpeg) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "\nMJPEG (`/stream.mjpg`, the same streamer; each frame encoded once, quality 80, and"
            + " shared):\n\n"
            + "| N | runs | fps per viewer min / median | bytes per frame | KB/s per viewer"
            + " | server CPU, % of a core | CPU per viewer, % of a core | frame age p50 / p99 ms"
            + " | context switches per frame | RSS peak MB |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n");
    List<double[]> cpu = new ArrayList<>();
    for (Map.Entry<Integer, List<Run>> e : mjpeg.entrySet()) {
      int n = e.getKey();
      List<Run> rs = e.getValue();
      List<Run> good = rs.stream().filter(Run::ok).toList();
      sb.append("| ").append(n).append(" | ").append(good.size());
      sb.append(good.size() < rs.size() ? " of " + rs.size() : "");
      if (good.isEmpty()) {
        sb.append(" | failed: ").append(firstError(rs)).append(" | | | | | | | |\n");
        continue;
      }
      double load = median(good.stream().mapToDouble(Run::cores).sorted().toArray());
      cpu.add(new double[] {n, load});
      sb.append(
          String.format(
              Locale.ROOT,
              " | %.1f / %.1f | %.0f | %.0f | %.1f | %.2f | %.2f / %.2f | %s | %.0f |\n",
              median(good, "fpsMin"),
              median(good, "fpsMedian"),
              median(good.stream().mapToDouble(Run::bytesPerFrame).sorted().toArray()),
              median(good, "megabytesPerSecond") * 1000 / n,
              100 * load,
              100 * load / n,
              median(good, "ageP50Millis"),
              median(good, "ageP99Millis"),
              switchesPerFrame(good),
              median(good, "serverPeakRss") / 1048576.0));
    }
    if (cpu.size() >= 2) {
      double[] a = cpu.get(0);
      double[] b = cpu.get(cpu.size() - 1);
      double perViewer = 100 * (b[1] - a[1]) / (b[0] - a[0]);
      sb.append(
          String.format(
              Locale.ROOT,
              "\nEach extra MJPEG viewer (N = %.0f to %.0f) costs %s; the rest is"
                  + " the encoding and capture, paid once.\n",
              a[0],
              b[0],
              perViewer < 0.005
                  ? "under 0.01 % of a core (within the noise)"
                  : String.format(Locale.ROOT, "%.2f %% of a core", perViewer)));
    }
    return sb.toString();
  }

  private static String noise(List<Run> runs) {
    double[] other =
        runs.stream()
            .filter(Run::ok)
            .mapToDouble(r -> r.num("otherCpu") / r.num("windowSeconds"))
            .sorted()
            .toArray();
    double[] client =
        runs.stream()
            .filter(Run::ok)
            .mapToDouble(r -> r.num("clientCpu") / r.num("windowSeconds"))
            .sorted()
            .toArray();
    if (other.length == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "\nNoise: other processes used %.2f CPUs (median; range %.2f to %.2f) of %d during"
            + " the measured windows; the load tool itself used %.2f CPUs (median).\n",
        median(other),
        other[0],
        other[other.length - 1],
        Runtime.getRuntime().availableProcessors(),
        median(client));
  }

  private static String ratio(List<Run> runs, List<Run> baseline) {
    return ratio(runs, baseline, "cpuSecondsPerGigabyte");
  }

  /** Per-round ratios of {@code key} between two servers' runs: median and range. */
  private static String ratio(List<Run> runs, List<Run> baseline, String key) {
    if (runs == null || baseline == null) {
      return "";
    }
    Map<Integer, Double> base = new HashMap<>();
    for (Run b : baseline) {
      if (b.ok()) {
        base.put(b.round(), b.value(key));
      }
    }
    List<Double> ratios = new ArrayList<>();
    for (Run s : runs) {
      Double b = base.get(s.round());
      if (s.ok() && b != null && b > 0) {
        ratios.add(s.value(key) / b);
      }
    }
    if (ratios.isEmpty()) {
      return "n/a";
    }
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return r.length == 1
        ? String.format(Locale.ROOT, "%.2f", r[0])
        : String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", median(r), r[0], r[r.length - 1]);
  }

  private static double median(List<Run> runs, String key) {
    return median(runs.stream().mapToDouble(r -> r.num(key)).sorted().toArray());
  }

  private static double median(double[] sorted) {
    double[] a = sorted.clone();
    Arrays.sort(a);
    int n = a.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  /**
   * Replaces what lies between the fanout markers of {@code doc} with {@code section}, keeping
   * written notes (see {@link DocSection#splice}).
   *
   * @throws IllegalArgumentException if the markers are missing or out of order
   */
  static String splice(String doc, String section) {
    return DocSection.splice(doc, section, BEGIN, END);
  }
}
