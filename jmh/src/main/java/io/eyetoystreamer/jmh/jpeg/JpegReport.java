package io.eyetoystreamer.jmh.jpeg;

import io.eyetoystreamer.jmh.DocSection;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns the results of {@code jmh/run-jpeg.sh} into a markdown table and, if asked, puts it into a
 * document between {@code <!-- jpeg:begin -->} and {@code <!-- jpeg:end -->}.
 *
 * <p>Each round leaves two files: {@code r<round>.csv}, JMH's CSV results of {@link
 * JpegEncodeBenchmark} and {@link YuyvSplitBenchmark} (with {@code -prof gc}), and {@code
 * r<round>.tjbench.txt}, what {@code tjbench -yuv -componly} printed for the same picture. Figures
 * are medians over rounds; the ratio to tjbench is taken per round (side by side) and its median
 * and range shown. The JPEG sizes of the streamer's encoders are measured here, by encoding the
 * picture once with each.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.jpeg.JpegReport RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class JpegReport {
  static final String BEGIN = "<!-- jpeg:begin -->";
  static final String END = "<!-- jpeg:end -->";
  static final String TURBO = "encode/turbojpeg";
  static final String IMAGEIO = "encode/imageio";
  static final String SPLIT = "split";
  static final String ALLOC = ":gc.alloc.rate.norm";
  static final String C1 = "c1:";

  private JpegReport() {}

  /** One round: the JMH scores by key (ms per frame, or B per frame for allocation) and tjbench. */
  record Round(int round, Map<String, Double> jmh, Tjbench tjbench) {}

  /**
   * What tjbench said: "Comp from YUV" in milliseconds per frame and the JPEG's size, and "Encode
   * YUV" (its RGB to YUV conversion) in milliseconds per frame (NaN if absent).
   */
  record Tjbench(double millis, double bytes, double encodeYuvMillis) {}

  /** Prints the table, and writes it into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    DocSection.report(args, "JpegReport", dir -> table(read(dir), jpegSizes()), BEGIN, END);
  }

  /** Reads every round in {@code dir}. */
  static List<Round> read(Path dir) throws IOException {
    Map<Integer, Round> rounds = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "r*.csv")) {
      for (Path csv : files) {
        String name = csv.getFileName().toString();
        if (!name.matches("r[0-9]+\\.csv")) {
          continue;
        }
        int round = Integer.parseInt(name.substring(1, name.length() - ".csv".length()));
        Map<String, Double> scores = parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        Path c1 = dir.resolve("r" + round + "-c1.csv");
        if (Files.exists(c1)) {
          parseCsv(Files.readString(c1, StandardCharsets.UTF_8))
              .forEach((k, v) -> scores.put(C1 + k, v));
        }
        Path tj = dir.resolve("r" + round + ".tjbench.txt");
        rounds.put(
            round,
            new Round(
                round,
                scores,
                Files.exists(tj)
                    ? parseTjbench(Files.readString(tj, StandardCharsets.UTF_8))
                    : null));
      }
    }
    return new ArrayList<>(rounds.values());
  }

  /**
   * JMH's CSV results as {@code method[:secondary]/param} to score, e.g. {@code encode/turbojpeg},
   * {@code encode:gc.alloc.rate.norm/imageio}, {@code split}.
   */
  static Map<String, Double> parseCsv(String csv) {
    Map<String, Double> scores = new HashMap<>();
    String[] lines = csv.split("\r?\n");
    List<String> head = fields(lines[0]);
    int benchmark = head.indexOf("Benchmark");
    int score = head.indexOf("Score");
    int param = head.indexOf("Param: encoder");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[i]);
      // Older JMH versions put a middle dot before secondary results: "encode:\u00b7gc.alloc...".
      String name = f.get(benchmark).replace("\u00b7", "");
      int colon = name.indexOf(':');
      String method = name.substring(name.lastIndexOf('.', colon < 0 ? name.length() : colon) + 1);
      String p = param >= 0 && param < f.size() ? f.get(param) : "";
      scores.put(p.isEmpty() ? method : method + "/" + p, Double.parseDouble(f.get(score)));
    }
    return scores;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      out.add(f.replace("\"", "").trim());
    }
    return out;
  }

  /** The "Comp from YUV" frame rate and output size from tjbench's output. */
  static Tjbench parseTjbench(String out) {
    String[] lines = out.split("\r?\n");
    double encodeYuv = Double.NaN;
    for (String line : lines) {
      if (line.startsWith("Encode YUV")) {
        encodeYuv = 1000 / number(line, "Frame rate:");
      }
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("Comp from YUV")) {
        double fps = number(lines[i], "Frame rate:");
        double bytes = Double.NaN;
        for (int j = i + 1; j < lines.length && j <= i + 4; j++) {
          if (lines[j].contains("Output image size:")) {
            bytes = number(lines[j], "Output image size:");
          }
        }
        return new Tjbench(1000 / fps, bytes, encodeYuv);
      }
    }
    throw new IllegalArgumentException("no \"Comp from YUV\" line in the tjbench output");
  }

  private static double number(String line, String after) {
    String rest = line.substring(line.indexOf(after) + after.length()).trim();
    return Double.parseDouble(rest.split("\\s+")[0]);
  }

  /** The JPEG size of the picture from each of the streamer's encoders, by encoding it once. */
  static Map<String, Double> jpegSizes() {
    Map<String, Double> sizes = new HashMap<>();
    ByteBuffer frame = EyetoyPicture.yuyv();
    for (String kind : List.of(TURBO, IMAGEIO)) {
      try (JpegEncoder e = kind.equals(TURBO) ? JpegEncoders.turboJpeg() : JpegEncoders.imageIo()) {
        ByteBuffer out =
            ByteBuffer.allocateDirect(e.maxBytes(EyetoyPicture.WIDTH, EyetoyPicture.HEIGHT));
        sizes.put(
            kind,
            (double)
                e.encode(
                    frame,
                    EyetoyPicture.WIDTH,
                    EyetoyPicture.HEIGHT,
                    EyetoyPicture.BYTES_PER_LINE,
                    JpegEncodeBenchmark.QUALITY,
                    out));
      } catch (LinkageError e) {
        sizes.put(kind, Double.NaN);
      }
    }
    return sizes;
  }

  /** The markdown table. */
  static String table(List<Round> rounds, Map<String, Double> sizes) {
    double turbo = median(rounds, r -> r.jmh().getOrDefault(TURBO, Double.NaN));
    double imageio = median(rounds, r -> r.jmh().getOrDefault(IMAGEIO, Double.NaN));
    double split = median(rounds, r -> r.jmh().getOrDefault(SPLIT, Double.NaN));
    double tj = median(rounds, r -> r.tjbench() == null ? Double.NaN : r.tjbench().millis());
    double tjBytes = median(rounds, r -> r.tjbench() == null ? Double.NaN : r.tjbench().bytes());
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| 640x480, quality 80, 4:2:2 | ms per frame | frames/s on one core | JPEG bytes"
            + " | allocated B per frame | / tjbench |\n"
            + "|---|---|---|---|---|---|\n");
    row(
        sb,
        "streamer, TurboJPEG path (YUYV split in Java + `tjCompressFromYUVPlanes` through JNA)",
        turbo,
        sizes.getOrDefault(TURBO, Double.NaN),
        alloc(rounds, "encode" + ALLOC + "/turbojpeg"),
        ratio(rounds, TURBO));
    row(
        sb,
        "of which the YUYV split into planes (Java)",
        split,
        Double.NaN,
        alloc(rounds, SPLIT + ALLOC),
        "");
    row(
        sb,
        "of which compressing (the difference)",
        turbo - split,
        Double.NaN,
        Double.NaN,
        String.format(Locale.ROOT, "%.2f", (turbo - split) / tj));
    row(sb, "`tjbench` \"Comp from YUV\" (libjpeg-turbo, C)", tj, tjBytes, Double.NaN, "1");
    double tjEncode =
        median(rounds, r -> r.tjbench() == null ? Double.NaN : r.tjbench().encodeYuvMillis());
    if (!Double.isNaN(tjEncode)) {
      row(
          sb,
          "`tjbench` \"Encode YUV\" + \"Comp from YUV\" (its RGB to YUV step, SIMD, then the"
              + " same compression: libjpeg-turbo's whole way from packed pixels)",
          tjEncode + tj,
          Double.NaN,
          Double.NaN,
          String.format(Locale.ROOT, "%.2f", (tjEncode + tj) / tj));
    }
    row(
        sb,
        "streamer, ImageIO path (YUYV to RGB, then the JDK's writer)",
        imageio,
        sizes.getOrDefault(IMAGEIO, Double.NaN),
        alloc(rounds, "encode" + ALLOC + "/imageio"),
        ratio(rounds, IMAGEIO));
    sb.append(
        String.format(
            Locale.ROOT,
            "\nThe ImageIO path takes %.1fx the TurboJPEG path's time. %d round(s).\n",
            imageio / turbo,
            rounds.size()));
    double c1Turbo = median(rounds, r -> r.jmh().getOrDefault(C1 + TURBO, Double.NaN));
    if (!Double.isNaN(c1Turbo)) {
      sb.append(
          "\nThe same with the Pi's JIT flag, `-XX:TieredStopAtLevel=1` (C1 only; the Java steps"
              + " get slower, libjpeg-turbo does not):\n\n"
              + "| 640x480, quality 80, 4:2:2, C1 only | ms per frame | frames/s on one core"
              + " | JPEG bytes | allocated B per frame | / tjbench |\n"
              + "|---|---|---|---|---|---|\n");
      row(
          sb,
          "streamer, TurboJPEG path",
          c1Turbo,
          Double.NaN,
          Double.NaN,
          ratio(rounds, C1 + TURBO));
      row(
          sb,
          "of which the YUYV split",
          median(rounds, r -> r.jmh().getOrDefault(C1 + SPLIT, Double.NaN)),
          Double.NaN,
          Double.NaN,
          "");
    }
    return sb.toString();
  }

  private static void row(
      StringBuilder sb, String what, double millis, double bytes, double alloc, String ratio) {
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f | %s | %s | %s | %s |\n",
            what,
            millis,
            Double.isNaN(millis) || millis <= 0
                ? ""
                : String.format(Locale.ROOT, "%.0f", 1000 / millis),
            Double.isNaN(bytes) ? "" : String.format(Locale.ROOT, "%.0f", bytes),
            Double.isNaN(alloc)
                ? ""
                : String.format(Locale.ROOT, alloc >= 1000 ? "%.0f" : "%.1f", alloc),
            ratio));
  }

  private static double alloc(List<Round> rounds, String key) {
    return median(rounds, r -> r.jmh().getOrDefault(key, Double.NaN));
  }

  /** Per-round ratio of {@code key}'s time to tjbench's: median and range. */
  private static String ratio(List<Round> rounds, String key) {
    double[] r =
        rounds.stream()
            .filter(x -> x.tjbench() != null && x.jmh().containsKey(key))
            .mapToDouble(x -> x.jmh().get(key) / x.tjbench().millis())
            .sorted()
            .toArray();
    if (r.length == 0) {
      return "n/a";
    }
    return r.length == 1
        ? String.format(Locale.ROOT, "%.2f", r[0])
        : String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", median(r), r[0], r[r.length - 1]);
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
    return median(rounds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray());
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
