package io.eyetoystreamer.jmh.fanout;

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
 * {@code streamer} or {@code baseline}), as {@link FanoutLoad}'s {@code --out} writes them. Every
 * figure in the table is the median over rounds; the ratio streamer/baseline is taken per round
 * (the two runs of a round were side by side) and its median and range are shown.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.FanoutReport RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class FanoutReport {
  static final String BEGIN = "<!-- fanout:begin -->";
  static final String END = "<!-- fanout:end -->";
  private static final String STREAMER = "streamer";
  private static final String BASELINE = "baseline";

  private FanoutReport() {}

  /** Prints the table, and writes it into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: FanoutReport RESULTS_DIR [--doc FILE] [--note-file FILE]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Path doc = null;
    String note = "";
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--doc")) {
        doc = Path.of(args[i + 1]);
      } else if (args[i].equals("--note-file")) {
        note = Files.readString(Path.of(args[i + 1]), StandardCharsets.UTF_8);
      }
    }
    String table = table(read(dir));
    String section = note.isBlank() ? table : note.strip() + "\n\n" + table;
    System.out.print(section);
    if (doc != null) {
      Files.writeString(doc, splice(Files.readString(doc, StandardCharsets.UTF_8), section));
      System.out.println("(written into " + doc + ")");
    }
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

  /** The markdown table of {@code runs}. */
  static String table(List<Run> runs) {
    Map<Integer, Map<String, List<Run>>> byN = new TreeMap<>();
    for (Run r : runs) {
      byN.computeIfAbsent(r.viewers(), k -> new HashMap<>())
          .computeIfAbsent(r.server(), k -> new ArrayList<>())
          .add(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| N | server | runs | fps per viewer min / median | skipped | MB/s"
            + " | server CPU s per GB (user %) | streamer / baseline | frame age p50 / p99 ms"
            + " | RSS peak MB |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<Integer, Map<String, List<Run>>> e : byN.entrySet()) {
      int n = e.getKey();
      String ratio = ratio(e.getValue().get(STREAMER), e.getValue().get(BASELINE));
      for (String server : List.of(STREAMER, BASELINE)) {
        List<Run> rs = e.getValue().getOrDefault(server, List.of());
        if (rs.isEmpty()) {
          continue;
        }
        List<Run> good = rs.stream().filter(Run::ok).toList();
        sb.append("| ").append(n).append(" | ").append(server).append(" | ");
        sb.append(good.size()).append(good.size() < rs.size() ? " of " + rs.size() : "");
        if (good.isEmpty()) {
          sb.append(" | failed: ")
              .append(rs.get(0).values().getProperty("error.0", "no result").replace('|', '/'))
              .append(" | | | | | | |\n");
          continue;
        }
        double cpu = median(good, "serverCpu");
        double split = median(good, "serverUserCpu") + median(good, "serverSystemCpu");
        sb.append(
            String.format(
                Locale.ROOT,
                " | %.1f / %.1f | %.0f | %.0f | %.3f (%.0f%%) | %s | %.2f / %.2f | %.0f |\n",
                median(good, "fpsMin"),
                median(good, "fpsMedian"),
                median(good, "skipped"),
                median(good, "megabytesPerSecond"),
                median(good, "cpuSecondsPerGigabyte"),
                split > 0 ? 100 * median(good, "serverUserCpu") / split : 0,
                server.equals(STREAMER) ? ratio : "",
                median(good, "ageP50Millis"),
                median(good, "ageP99Millis"),
                median(good, "serverPeakRss") / 1048576.0));
      }
    }
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
    if (other.length > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "\nNoise: other processes used %.2f CPUs (median; range %.2f to %.2f) of %d during"
                  + " the measured windows; the load tool itself used %.2f CPUs (median).\n",
              median(other),
              other[0],
              other[other.length - 1],
              Runtime.getRuntime().availableProcessors(),
              median(client)));
    }
    return sb.toString();
  }

  private static String ratio(List<Run> streamer, List<Run> baseline) {
    if (streamer == null || baseline == null) {
      return "";
    }
    Map<Integer, Double> base = new HashMap<>();
    for (Run b : baseline) {
      if (b.ok()) {
        base.put(b.round(), b.num("cpuSecondsPerGigabyte"));
      }
    }
    List<Double> ratios = new ArrayList<>();
    for (Run s : streamer) {
      Double b = base.get(s.round());
      if (s.ok() && b != null && b > 0) {
        ratios.add(s.num("cpuSecondsPerGigabyte") / b);
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
   * Replaces what lies between the fanout markers of {@code doc} with {@code section}.
   *
   * @throws IllegalArgumentException if the markers are missing or out of order
   */
  static String splice(String doc, String section) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "the document has no " + BEGIN + " ... " + END + " section to fill");
    }
    return doc.substring(0, begin + BEGIN.length())
        + "\n"
        + section.strip()
        + "\n"
        + doc.substring(end);
  }
}
