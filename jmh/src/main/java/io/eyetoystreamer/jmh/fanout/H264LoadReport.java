package io.eyetoystreamer.jmh.fanout;

import io.eyetoystreamer.jmh.DocSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the result files of {@code jmh/run-h264.sh} into markdown tables and, if asked, puts them
 * into a document between {@code <!-- h264-load:begin -->} and {@code <!-- h264-load:end -->}.
 *
 * <p>Result files are named {@code r<round>-<picture>-<format>-n<viewers>.properties} ({@code
 * format} is {@code raw}, {@code jpeg} or {@code h264}), as {@link FanoutLoad}'s {@code --out}
 * writes them, each with the server's {@code /state} taken right after the window in {@code
 * ....state.json} beside it. Every figure is the median over rounds; the cost of an extra viewer is
 * taken per round (the runs of a round were side by side) and its median and range are shown.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.H264LoadReport RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class H264LoadReport {
  static final String BEGIN = "<!-- h264-load:begin -->";
  static final String END = "<!-- h264-load:end -->";
  private static final Pattern NAME =
      Pattern.compile("r(\\d+)-([a-z0-9]+)-(raw|jpeg|h264)-n(\\d+)\\.properties");
  private static final List<String> FORMATS = List.of("raw", "jpeg", "h264");
  private static final Map<String, String> FORMAT_NAMES =
      Map.of(
          "raw",
          "raw YUYV (`/ws`)",
          "jpeg",
          "JPEG (`/ws?format=jpeg`)",
          "h264",
          "H.264 (`/ws?format=h264`)");

  private H264LoadReport() {}

  /** Prints the tables, and writes them into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    DocSection.report(args, "H264LoadReport", dir -> tables(read(dir)), BEGIN, END);
  }

  /** One run: its round, picture, format, viewers, what the load tool wrote and {@code /state}. */
  record Run(
      int round, String picture, String format, int viewers, Properties values, String state) {
    double num(String key) {
      String v = values.getProperty(key);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }

    boolean ok() {
      return "0".equals(values.getProperty("errors"));
    }

    /** Bytes of each frame after its header (the YUYV frame, JPEG or H.264 unit). */
    double payloadPerFrame() {
      return num("payloadBytes") / num("frames");
    }

    /** Bytes of each frame on the wire: WebSocket framing and the 32-byte header included. */
    double wirePerFrame() {
      return num("bytes") / num("frames");
    }

    /** Server CPU in the window, in cores (CPU seconds per second). */
    double cores() {
      return num("serverCpu") / num("windowSeconds");
    }

    /** Mean bytes of an H.264 key frame (after the header); NaN if none. */
    double keyFrameBytes() {
      return num("keyFrames") > 0 ? num("keyFrameBytes") / num("keyFrames") : Double.NaN;
    }

    /** Mean bytes of an H.264 frame that is not a key frame; NaN if none. */
    double otherFrameBytes() {
      double n = num("frames") - num("keyFrames");
      return n > 0 ? (num("payloadBytes") - num("keyFrameBytes")) / n : Double.NaN;
    }

    /** The share of H.264 bytes in key frames. */
    double keyFrameShare() {
      return num("keyFrameBytes") / num("payloadBytes");
    }

    /** H.264 key frames each viewer received, per 10 s. */
    double keyFramesPer10s() {
      return num("keyFrames") / num("viewers") / num("windowSeconds") * 10;
    }

    /** A number from the {@code /state} object {@code object} ({@code jpeg}, {@code h264}). */
    double state(String object, String key) {
      if (state == null) {
        return Double.NaN;
      }
      Matcher o = Pattern.compile("\"" + object + "\":\\{([^{}]*)\\}").matcher(state);
      if (!o.find()) {
        return Double.NaN;
      }
      Matcher m =
          Pattern.compile("\"" + key + "\":(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)").matcher(o.group(1));
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
  }

  /** Reads every result file in {@code dir}. */
  static List<Run> read(Path dir) throws IOException {
    List<Run> runs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "r*-*-n*.properties")) {
      for (Path f : files) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          p.load(in);
        }
        Path statePath =
            f.resolveSibling(f.getFileName().toString().replace(".properties", ".state.json"));
        String state =
            Files.isRegularFile(statePath)
                ? Files.readString(statePath, StandardCharsets.UTF_8)
                : null;
        runs.add(
            new Run(
                Integer.parseInt(m.group(1)),
                m.group(2),
                m.group(3),
                Integer.parseInt(m.group(4)),
                p,
                state));
      }
    }
    return runs;
  }

  /** The markdown: sizes, then frame age and CPU side by side, then CPU per H.264 viewer. */
  static String tables(List<Run> runs) {
    List<String> pictures = pictures(runs);
    int compareN = compareViewers(runs);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "**Bytes per frame** (N = %d viewers of each format; bytes after the 32-byte header,"
                + " as received by the viewers in the window; Mbit/s = bytes per frame x 30 x 8):"
                + "\n\n",
            compareN));
    sb.append(
        "| picture | format | runs | bytes per frame | Mbit/s at 30 fps | / raw | on the wire,"
            + " bytes per frame | the server's `/state` |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (String picture : pictures) {
      double raw = median(good(runs, picture, "raw", compareN), Run::payloadPerFrame);
      for (String format : FORMATS) {
        List<Run> all = select(runs, picture, format, compareN);
        if (all.isEmpty()) {
          continue;
        }
        List<Run> good = good(all);
        sb.append("| ").append(picture).append(" | ").append(FORMAT_NAMES.get(format));
        sb.append(" | ").append(count(good, all));
        if (good.isEmpty()) {
          sb.append(" | failed: ").append(firstError(all)).append(" | | | | |\n");
          continue;
        }
        double bytes = median(good, Run::payloadPerFrame);
        sb.append(
            String.format(
                Locale.ROOT,
                " | %s | %s | %s | %.0f | %s |\n",
                bytes(bytes),
                mbits(bytes * 30 * 8 / 1e6),
                format.equals("raw") || !(raw > 0) ? "" : ratio(bytes / raw),
                median(good, Run::wirePerFrame),
                serverSays(format, good)));
      }
    }
    sb.append(keyFrames(runs, pictures, compareN));
    sb.append(
        String.format(
            Locale.ROOT,
            "\n**Frame age and server CPU**, the same runs (N = %d; frame age = receipt of the"
                + " last byte minus the frame's capture time in its header; H.264 and JPEG include"
                + " the encoding):\n\n",
            compareN));
    sb.append(
        "| picture | format | fps per viewer min / median | skipped | frame age p50 / p99 ms"
            + " | encode ms, mean (`/state`) | server CPU, % of a core |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (String picture : pictures) {
      for (String format : FORMATS) {
        List<Run> good = good(runs, picture, format, compareN);
        if (good.isEmpty()) {
          continue;
        }
        double encode =
            format.equals("raw")
                ? Double.NaN
                : median(good, r -> r.state(format, "meanEncodeMillis"));
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f / %.1f | %.0f | %.2f / %.2f | %s | %.1f |\n",
                picture,
                format.equals("h264") ? "H.264" : format.equals("jpeg") ? "JPEG" : "raw",
                median(good, r -> r.num("fpsMin")),
                median(good, r -> r.num("fpsMedian")),
                median(good, r -> r.num("skipped")),
                median(good, r -> r.num("ageP50Millis")),
                median(good, r -> r.num("ageP99Millis")),
                millis(encode),
                100 * median(good, Run::cores)));
      }
    }
    sb.append(cpuPerViewer(runs, pictures));
    sb.append(noise(runs));
    return sb.toString();
  }

  /** H.264 key frames: how often, how large, against the frames between them. */
  private static String keyFrames(List<Run> runs, List<String> pictures, int n) {
    StringBuilder sb = new StringBuilder();
    for (String picture : pictures) {
      List<Run> good = good(runs, picture, "h264", n);
      if (good.isEmpty() || Double.isNaN(median(good, Run::keyFrameBytes))) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append(
            "\nH.264 key frames (SPS, PPS, IDR) and the frames between them, the same runs:\n\n"
                + "| picture | key frames per viewer per 10 s | bytes per key frame"
                + " | bytes per other frame | share of the bytes in key frames |\n"
                + "|---|---|---|---|---|\n");
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %s | %s | %.0f %% |\n",
              picture,
              median(good, Run::keyFramesPer10s),
              bytes(median(good, Run::keyFrameBytes)),
              bytes(median(good, Run::otherFrameBytes)),
              100 * median(good, Run::keyFrameShare)));
    }
    return sb.toString();
  }

  /** Server CPU against the number of H.264 viewers, and the cost of each extra one. */
  private static String cpuPerViewer(List<Run> runs, List<String> pictures) {
    TreeSet<Integer> ns = new TreeSet<>();
    for (Run r : runs) {
      if (r.format().equals("h264")) {
        ns.add(r.viewers());
      }
    }
    if (ns.size() < 2) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        "\n**CPU per extra H.264 viewer** (the server's CPU, all threads, over the window;"
            + " each access unit is encoded once and shared):\n\n");
    sb.append(
        "| picture | N | runs | fps per viewer min / median | server CPU, % of a core"
            + " | frame age p50 / p99 ms | kbit/s per viewer | encode ms, mean |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (String picture : pictures) {
      for (int n : ns) {
        List<Run> all = select(runs, picture, "h264", n);
        if (all.isEmpty()) {
          continue;
        }
        List<Run> good = good(all);
        sb.append("| ").append(picture).append(" | ").append(n).append(" | ");
        sb.append(count(good, all));
        if (good.isEmpty()) {
          sb.append(" | failed: ").append(firstError(all)).append(" | | | | |\n");
          continue;
        }
        sb.append(
            String.format(
                Locale.ROOT,
                " | %.1f / %.1f | %.1f | %.2f / %.2f | %.0f | %s |\n",
                median(good, r -> r.num("fpsMin")),
                median(good, r -> r.num("fpsMedian")),
                100 * median(good, Run::cores),
                median(good, r -> r.num("ageP50Millis")),
                median(good, r -> r.num("ageP99Millis")),
                median(good, r -> r.num("payloadBytes") * 8 / 1000 / r.num("windowSeconds") / n),
                millis(median(good, r -> r.state("h264", "meanEncodeMillis")))));
      }
    }
    sb.append(
        "\nCost of an extra H.264 viewer, % of a core (per round: the CPU difference between"
            + " two N of the same round over the viewers added; median and range over rounds):\n\n"
            + "| picture | from N | to N | % of a core per extra viewer | rounds |\n"
            + "|---|---|---|---|---|\n");
    List<Integer> list = new ArrayList<>(ns);
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < list.size(); i++) {
      pairs.add(new int[] {list.get(i), list.get(i + 1)});
    }
    if (list.size() > 2) {
      pairs.add(new int[] {list.get(0), list.get(list.size() - 1)});
    }
    for (String picture : pictures) {
      for (int[] p : pairs) {
        Map<Integer, Double> from = coresByRound(runs, picture, p[0]);
        Map<Integer, Double> to = coresByRound(runs, picture, p[1]);
        List<Double> slopes = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : to.entrySet()) {
          Double a = from.get(e.getKey());
          if (a != null) {
            slopes.add(100 * (e.getValue() - a) / (p[1] - p[0]));
          }
        }
        if (slopes.isEmpty()) {
          continue;
        }
        double[] s = slopes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %s | %d |\n",
                picture,
                p[0],
                p[1],
                s.length == 1
                    ? String.format(Locale.ROOT, "%.3f", s[0])
                    : String.format(
                        Locale.ROOT, "%.3f (%.3f to %.3f)", median(s), s[0], s[s.length - 1]),
                s.length));
      }
    }
    return sb.toString();
  }

  private static Map<Integer, Double> coresByRound(List<Run> runs, String picture, int n) {
    Map<Integer, Double> m = new LinkedHashMap<>();
    for (Run r : good(runs, picture, "h264", n)) {
      m.put(r.round(), r.cores());
    }
    return m;
  }

  /** What the server itself says of the format's size: JPEG bytes per frame, H.264 kbit/s. */
  private static String serverSays(String format, List<Run> good) {
    if (format.equals("jpeg")) {
      double b = median(good, r -> r.state("jpeg", "meanBytesPerFrame"));
      return Double.isNaN(b) ? "" : String.format(Locale.ROOT, "%.0f bytes per frame", b);
    }
    if (format.equals("h264")) {
      double bps = median(good, r -> r.state("h264", "bitsPerSecond"));
      return Double.isNaN(bps) ? "" : String.format(Locale.ROOT, "%.1f kbit/s", bps / 1000);
    }
    return "";
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
            + " the measured windows; the load tool itself used %.2f CPUs (median; range %.2f to"
            + " %.2f).\n",
        median(other),
        other[0],
        other[other.length - 1],
        Runtime.getRuntime().availableProcessors(),
        median(client),
        client[0],
        client[client.length - 1]);
  }

  /** The pictures in the order bars, texture, then any other. */
  private static List<String> pictures(List<Run> runs) {
    TreeSet<String> all = new TreeSet<>();
    runs.forEach(r -> all.add(r.picture()));
    List<String> out = new ArrayList<>();
    for (String p : List.of("bars", "texture")) {
      if (all.remove(p)) {
        out.add(p);
      }
    }
    out.addAll(all);
    return out;
  }

  /** The N at which raw and JPEG were measured (the smallest with a raw run), else 10. */
  private static int compareViewers(List<Run> runs) {
    return runs.stream()
        .filter(r -> r.format().equals("raw"))
        .mapToInt(Run::viewers)
        .min()
        .orElse(10);
  }

  private static List<Run> select(List<Run> runs, String picture, String format, int n) {
    return runs.stream()
        .filter(r -> r.picture().equals(picture) && r.format().equals(format) && r.viewers() == n)
        .toList();
  }

  private static List<Run> good(List<Run> runs, String picture, String format, int n) {
    return good(select(runs, picture, format, n));
  }

  private static List<Run> good(List<Run> runs) {
    return runs.stream().filter(Run::ok).toList();
  }

  private static String count(List<Run> good, List<Run> all) {
    return good.size() + (good.size() < all.size() ? " of " + all.size() : "");
  }

  private static String firstError(List<Run> rs) {
    return rs.get(0).values().getProperty("error.0", "no result").replace('|', '/');
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "" : String.format(Locale.ROOT, "%.2f", ms);
  }

  private static String bytes(double b) {
    return b >= 100 ? String.format(Locale.ROOT, "%.0f", b) : String.format(Locale.ROOT, "%.1f", b);
  }

  private static String mbits(double m) {
    return m >= 10
        ? String.format(Locale.ROOT, "%.1f", m)
        : m >= 0.1 ? String.format(Locale.ROOT, "%.2f", m) : String.format(Locale.ROOT, "%.3f", m);
  }

  private static String ratio(double r) {
    return r >= 0.01
        ? String.format(Locale.ROOT, "%.3f", r)
        : String.format(Locale.ROOT, "1/%.0f", 1 / r);
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    return median(runs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray());
  }

  private static double median(double[] values) {
    double[] a = values.clone();
    Arrays.sort(a);
    int n = a.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }
}
