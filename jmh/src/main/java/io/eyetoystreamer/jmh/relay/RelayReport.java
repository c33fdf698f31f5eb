package io.eyetoystreamer.jmh.relay;

import io.eyetoystreamer.jmh.DocSection;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay benchmark's tables ({@code jmh/run-relay.sh}), from its per-run result files
 * (FanoutLoad {@code --out} properties):
 *
 * <ul>
 *   <li>{@code rR-edgesE.properties}: round R, the publisher with E edges (one raw viewer each);
 *       {@code watch.publisher.*} and {@code watch.nats.*} are the publisher's and nats-server's
 *       CPU and the frames the publisher captured in the window;
 *   <li>{@code rR-nN-single.properties} and {@code rR-nN-edge.properties}: N raw viewers of the
 *       single-machine streamer, and of an edge (server CPU is the edge's).
 * </ul>
 *
 * <p>Medians over rounds; ratios are taken per round (same round, so the same machine load) and
 * their median and range shown.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.relay.RelayReport RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class RelayReport {
  static final String BEGIN = "<!-- relay:begin -->";
  static final String END = "<!-- relay:end -->";
  private static final Pattern EDGES = Pattern.compile("r(\\d+)-edges(\\d+)\\.properties");
  private static final Pattern VIEWERS =
      Pattern.compile("r(\\d+)-n(\\d+)-(single|edge)\\.properties");

  private RelayReport() {}

  /** Prints the tables, and writes them into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    DocSection.report(args, "RelayReport", RelayReport::tables, BEGIN, END);
  }

  static String tables(Path dir) throws IOException {
    // edges -> round -> result
    Map<Integer, Map<Integer, Properties>> byEdges = new TreeMap<>();
    // viewers -> kind -> round -> result
    Map<Integer, Map<String, Map<Integer, Properties>>> byViewers = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        Matcher e = EDGES.matcher(name);
        Matcher v = VIEWERS.matcher(name);
        if (e.matches()) {
          byEdges
              .computeIfAbsent(Integer.parseInt(e.group(2)), k -> new TreeMap<>())
              .put(Integer.parseInt(e.group(1)), load(f));
        } else if (v.matches()) {
          byViewers
              .computeIfAbsent(Integer.parseInt(v.group(2)), k -> new TreeMap<>())
              .computeIfAbsent(v.group(3), k -> new TreeMap<>())
              .put(Integer.parseInt(v.group(1)), load(f));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    publisherTable(out, byEdges);
    out.append('\n');
    edgeTable(out, byViewers);
    return out.toString();
  }

  private static void publisherTable(
      StringBuilder out, Map<Integer, Map<Integer, Properties>> rows) {
    out.append(
        "| edges (one raw viewer each) | runs | publisher CPU ms per frame (range) | / 1 edge,"
            + " per round | nats-server CPU ms per frame | fps per edge viewer, min / median |"
            + " errors |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    Map<Integer, Properties> one = rows.get(1);
    for (Map.Entry<Integer, Map<Integer, Properties>> row : rows.entrySet()) {
      List<Double> pub = new ArrayList<>();
      List<Double> nats = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      List<Double> fpsMin = new ArrayList<>();
      List<Double> fpsMedian = new ArrayList<>();
      int errors = 0;
      for (Map.Entry<Integer, Properties> run : row.getValue().entrySet()) {
        Properties p = run.getValue();
        double frames = num(p, "watch.publisher.frames");
        if (frames <= 0) {
          errors++;
          continue;
        }
        double ms = 1000 * num(p, "watch.publisher.cpu") / frames;
        pub.add(ms);
        nats.add(1000 * num(p, "watch.nats.cpu") / frames);
        if (row.getKey() > 0) {
          fpsMin.add(num(p, "fpsMin"));
          fpsMedian.add(num(p, "fpsMedian"));
        }
        errors += (int) num(p, "errors");
        Properties base = one == null ? null : one.get(run.getKey());
        if (base != null && num(base, "watch.publisher.frames") > 0) {
          double baseMs =
              1000 * num(base, "watch.publisher.cpu") / num(base, "watch.publisher.frames");
          ratio.add(ms / baseMs);
        }
      }
      out.append("| ")
          .append(row.getKey())
          .append(" | ")
          .append(pub.size())
          .append(" | ")
          .append(withRange(pub, 2))
          .append(" | ")
          .append(row.getKey() == 1 ? "1" : withRange(ratio, 2))
          .append(" | ")
          .append(fmt(median(nats), 2))
          .append(" | ")
          .append(
              row.getKey() == 0 ? "" : fmt(median(fpsMin), 1) + " / " + fmt(median(fpsMedian), 1))
          .append(" | ")
          .append(errors)
          .append(" |\n");
    }
  }

  private static void edgeTable(
      StringBuilder out, Map<Integer, Map<String, Map<Integer, Properties>>> rows) {
    out.append(
        "| N | server | runs | fps per viewer min / median | MB/s | server CPU s per GB | edge /"
            + " single, per round | frame age p50 / p99 ms | added by the hop p50 / p99 ms |"
            + " publisher CPU ms per frame |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<Integer, Map<String, Map<Integer, Properties>>> row : rows.entrySet()) {
      Map<Integer, Properties> single = row.getValue().getOrDefault("single", Map.of());
      Map<Integer, Properties> edge = row.getValue().getOrDefault("edge", Map.of());
      for (String kind : List.of("single", "edge")) {
        Map<Integer, Properties> runs = kind.equals("single") ? single : edge;
        List<Double> fpsMin = new ArrayList<>();
        List<Double> fpsMedian = new ArrayList<>();
        List<Double> mbs = new ArrayList<>();
        List<Double> perGb = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> add50 = new ArrayList<>();
        List<Double> add99 = new ArrayList<>();
        List<Double> pub = new ArrayList<>();
        for (Map.Entry<Integer, Properties> run : runs.entrySet()) {
          Properties p = run.getValue();
          fpsMin.add(num(p, "fpsMin"));
          fpsMedian.add(num(p, "fpsMedian"));
          mbs.add(num(p, "megabytesPerSecond"));
          perGb.add(num(p, "cpuSecondsPerGigabyte"));
          p50.add(num(p, "ageP50Millis"));
          p99.add(num(p, "ageP99Millis"));
          if (num(p, "watch.publisher.frames") > 0) {
            pub.add(1000 * num(p, "watch.publisher.cpu") / num(p, "watch.publisher.frames"));
          }
          Properties s = single.get(run.getKey());
          if (kind.equals("edge") && s != null) {
            ratio.add(num(p, "cpuSecondsPerGigabyte") / num(s, "cpuSecondsPerGigabyte"));
            add50.add(num(p, "ageP50Millis") - num(s, "ageP50Millis"));
            add99.add(num(p, "ageP99Millis") - num(s, "ageP99Millis"));
          }
        }
        out.append("| ")
            .append(row.getKey())
            .append(" | ")
            .append(kind.equals("single") ? "single machine" : "edge")
            .append(" | ")
            .append(runs.size())
            .append(" | ")
            .append(fmt(median(fpsMin), 1))
            .append(" / ")
            .append(fmt(median(fpsMedian), 1))
            .append(" | ")
            .append(fmt(median(mbs), 0))
            .append(" | ")
            .append(fmt(median(perGb), 3))
            .append(" | ")
            .append(kind.equals("edge") ? withRange(ratio, 2) : "")
            .append(" | ")
            .append(fmt(median(p50), 2))
            .append(" / ")
            .append(fmt(median(p99), 2))
            .append(" | ")
            .append(
                kind.equals("edge") ? fmt(median(add50), 2) + " / " + fmt(median(add99), 2) : "")
            .append(" | ")
            .append(pub.isEmpty() ? "" : fmt(median(pub), 2))
            .append(" |\n");
      }
    }
  }

  private static Properties load(Path f) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  private static double num(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      return 0;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String withRange(List<Double> values, int digits) {
    if (values.isEmpty()) {
      return "";
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    String m = fmt(median(values), digits);
    return values.size() < 2 ? m : m + " (" + fmt(min, digits) + " to " + fmt(max, digits) + ")";
  }

  private static String fmt(double v, int digits) {
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
