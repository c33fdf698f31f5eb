package io.eyetoystreamer.jmh.h264;

import io.eyetoystreamer.jmh.DocSection;
import io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark;
import io.eyetoystreamer.streamer.h264.OpenH264Encoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import java.io.ByteArrayOutputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the results of {@code jmh/run-h264.sh} into a markdown table and, if asked, puts it into a
 * document between {@code <!-- h264:begin -->} and {@code <!-- h264:end -->}.
 *
 * <p>Each round leaves {@code r<round>.csv}, JMH's CSV results of {@link H264EncodeBenchmark} and
 * {@link YuyvToI420Benchmark} (with {@code -prof gc}), and {@code r<round>.c-<sequence>.txt}, what
 * the C driver printed for the same frames. Figures are medians over rounds; the ratio of the
 * binding to C is taken per round (side by side) and its median and range shown. Bytes per frame
 * are measured here: the binding's and TurboJPEG's by encoding five cycles of each sequence, C's
 * from its own measurement. If the directory holds {@code c-<sequence>.h264} (the C driver's first
 * {@value #STREAM_FRAMES} frames), the binding's stream of the same frames is compared with it byte
 * for byte: identical streams prove the same input and the same parameters.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.h264.H264Report RESULTS_DIR \
 *     [--doc docs/performance.md] [--note-file FILE]
 * </pre>
 */
public final class H264Report {
  static final String BEGIN = "<!-- h264:begin -->";
  static final String END = "<!-- h264:end -->";
  static final List<String> SEQUENCES = List.of("eyetoy", "texture");
  static final String ALLOC = ":gc.alloc.rate.norm";

  /** Frames of the streams compared byte for byte. */
  public static final int STREAM_FRAMES = 120;

  private static final Pattern RESULT =
      Pattern.compile(
          "RESULT median_ns_per_frame=([0-9.]+) mean_bytes_per_frame=([0-9.]+)"
              + "(?: median_cpu_ns_per_frame=([0-9.]+))?");

  private static final Pattern AB =
      Pattern.compile(
          "RESULT_AB binding_cpu_ns=([0-9.]+) c_cpu_ns=([0-9.]+) convert_cpu_ns=([0-9.]+)"
              + " ratio=([0-9.]+) ratio_p25=([0-9.]+) ratio_p75=([0-9.]+)"
              + " encode_ratio=([0-9.]+) encode_ratio_p25=([0-9.]+) encode_ratio_p75=([0-9.]+)"
              + "(?: rotations=[0-9]+ jpeg_cpu_ns=([0-9.]+) jpeg_ratio=([0-9.]+)"
              + " jpeg_ratio_p25=([0-9.]+) jpeg_ratio_p75=([0-9.]+))?");

  /** The drivers' result files of a round: {@code r<round>.<driver>-<sequence>.txt}. */
  static final List<String> DRIVERS =
      List.of("c-eyetoy", "c-texture", "openh264-eyetoy", "openh264-texture", "convert-texture");

  private H264Report() {}

  /**
   * One round: JMH's scores by key, and each driver's result by {@code driver-sequence} ({@code
   * c-texture}, {@code openh264-texture}, {@code convert-texture}): wall ms per frame, bytes per
   * frame, CPU ms per frame.
   */
  record Round(
      int round,
      Map<String, Double> jmh,
      Map<String, double[]> drivers,
      Map<String, double[]> inProcess) {
    /** The C driver's result on {@code seq}, or null. */
    double[] c(String seq) {
      return drivers.get("c-" + seq);
    }
  }

  /** Prints the table, and writes it into {@code --doc} when given. */
  public static void main(String[] args) throws IOException {
    DocSection.report(args, "H264Report", dir -> table(read(dir), measure(dir)), BEGIN, END);
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
        Map<String, double[]> c = new HashMap<>();
        for (String driver : DRIVERS) {
          Path out = dir.resolve("r" + round + "." + driver + ".txt");
          if (Files.exists(out)) {
            c.put(driver, parseC(Files.readString(out, StandardCharsets.UTF_8)));
          }
        }
        Map<String, double[]> ab = new HashMap<>();
        for (String seq : SEQUENCES) {
          Path out = dir.resolve("r" + round + ".ab-" + seq + ".txt");
          if (Files.exists(out)) {
            ab.put(seq, parseInProcess(Files.readString(out, StandardCharsets.UTF_8)));
          }
        }
        rounds.put(
            round,
            new Round(round, parseCsv(Files.readString(csv, StandardCharsets.UTF_8)), c, ab));
      }
    }
    return new ArrayList<>(rounds.values());
  }

  /**
   * JMH's CSV results as {@code method[:secondary]/encoder/sequence} to score, e.g. {@code
   * encode/openh264/texture}, {@code encode:gc.alloc.rate.norm/turbojpeg/eyetoy}, {@code
   * convert//texture}.
   */
  static Map<String, Double> parseCsv(String csv) {
    Map<String, Double> scores = new HashMap<>();
    String[] lines = csv.split("\r?\n");
    List<String> head = fields(lines[0]);
    int benchmark = head.indexOf("Benchmark");
    int score = head.indexOf("Score");
    int encoder = head.indexOf("Param: encoder");
    int sequence = head.indexOf("Param: sequence");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[i]);
      String name = f.get(benchmark).replace("\u00b7", "");
      int colon = name.indexOf(':');
      String method = name.substring(name.lastIndexOf('.', colon < 0 ? name.length() : colon) + 1);
      scores.put(
          method + "/" + param(f, encoder) + "/" + param(f, sequence),
          Double.parseDouble(f.get(score)));
    }
    return scores;
  }

  private static String param(List<String> f, int index) {
    return index >= 0 && index < f.size() ? f.get(index) : "";
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      out.add(f.replace("\"", "").trim());
    }
    return out;
  }

  /**
   * A driver's result line (the C driver's or {@link H264Driver}'s): milliseconds per frame
   * (median), mean bytes per frame, and CPU milliseconds per frame (median; NaN if absent).
   */
  static double[] parseC(String out) {
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IllegalArgumentException("no RESULT line in the driver's output");
    }
    return new double[] {
      Double.parseDouble(m.group(1)) / 1e6,
      Double.parseDouble(m.group(2)),
      m.group(3) == null ? Double.NaN : Double.parseDouble(m.group(3)) / 1e6
    };
  }

  /**
   * {@link H264InProcess}'s result: CPU milliseconds per frame of the binding, C and the conversion
   * (medians), then the ratio binding / C (median, p25, p75) and the ratio (binding less the
   * conversion) / C (median, p25, p75); then TurboJPEG's CPU milliseconds per frame and the ratio
   * binding / TurboJPEG (median, p25, p75), NaN if absent.
   */
  static double[] parseInProcess(String out) {
    Matcher m = AB.matcher(out);
    if (!m.find()) {
      throw new IllegalArgumentException("no RESULT_AB line in H264InProcess's output");
    }
    double[] v = new double[13];
    for (int i = 0; i < v.length; i++) {
      String g = m.group(i + 1);
      v[i] = g == null ? Double.NaN : Double.parseDouble(g) / (i < 3 || i == 9 ? 1e6 : 1);
    }
    return v;
  }

  /** What is measured here rather than timed: sizes, and the streams compared. */
  record Measured(Map<String, Double> bytes, Map<String, String> sameStream) {}

  /** Bytes per frame of the binding and of TurboJPEG, and the streams against C's. */
  static Measured measure(Path dir) throws IOException {
    Map<String, Double> bytes = new HashMap<>();
    Map<String, String> same = new HashMap<>();
    for (String seq : SEQUENCES) {
      ByteBuffer[] frames = H264Sequence.yuyv(seq);
      try (OpenH264Encoder h264 = OpenH264Encoder.open(H264Sequence.SETTINGS)) {
        ByteBuffer out = ByteBuffer.allocateDirect(h264.maxAccessUnitBytes());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        long total = 0;
        int count = 5 * frames.length;
        for (int i = 0; i < count; i++) {
          out.clear();
          int n = h264.encode(frames[i % frames.length], H264Sequence.BYTES_PER_LINE, false, out);
          total += n;
          if (i < STREAM_FRAMES) {
            byte[] unit = new byte[n];
            out.get(0, unit);
            stream.writeBytes(unit);
          }
        }
        bytes.put("openh264/" + seq, (double) total / count);
        Path c = dir.resolve("c-" + seq + ".h264");
        if (Files.exists(c)) {
          byte[] theirs = Files.readAllBytes(c);
          byte[] ours = stream.toByteArray();
          same.put(
              seq,
              Arrays.equals(ours, theirs)
                  ? "identical (" + ours.length + " bytes)"
                  : "DIFFERENT (ours " + ours.length + " bytes, C " + theirs.length + ")");
        }
      }
      try (JpegEncoder jpeg = JpegEncoders.turboJpeg()) {
        ByteBuffer out =
            ByteBuffer.allocateDirect(jpeg.maxBytes(H264Sequence.WIDTH, H264Sequence.HEIGHT));
        long total = 0;
        for (ByteBuffer frame : frames) {
          out.clear();
          total +=
              jpeg.encode(
                  frame,
                  H264Sequence.WIDTH,
                  H264Sequence.HEIGHT,
                  H264Sequence.BYTES_PER_LINE,
                  JpegEncodeBenchmark.QUALITY,
                  out);
        }
        bytes.put("turbojpeg/" + seq, (double) total / frames.length);
      }
    }
    return new Measured(bytes, same);
  }

  /** The markdown table. */
  static String table(List<Round> rounds, Measured measured) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| 640x480, 30 frames/s | sequence | ms per frame | bytes per frame"
            + " | allocated B per frame | / OpenH264 from C |\n"
            + "|---|---|---|---|---|---|\n");
    double convert = median(rounds, r -> r.jmh().getOrDefault("convert//texture", Double.NaN));
    for (String seq : SEQUENCES) {
      String ours = "encode/openh264/" + seq;
      double binding = median(rounds, r -> r.jmh().getOrDefault(ours, Double.NaN));
      double c = median(rounds, r -> r.c(seq) == null ? Double.NaN : r.c(seq)[0]);
      double cBytes = median(rounds, r -> r.c(seq) == null ? Double.NaN : r.c(seq)[1]);
      row(
          sb,
          "OpenH264 through the binding (YUYV in: I420 in Java, `EncodeFrame` through JNA,"
              + " one copy out)",
          seq,
          binding,
          measured.bytes().getOrDefault("openh264/" + seq, Double.NaN),
          alloc(rounds, "encode" + ALLOC + "/openh264/" + seq),
          ratio(rounds, seq, r -> r.jmh().getOrDefault(ours, Double.NaN)));
      row(
          sb,
          "of which OpenH264 (the binding less the YUYV to I420 step)",
          seq,
          binding - convert,
          Double.NaN,
          Double.NaN,
          ratio(
              rounds,
              seq,
              r ->
                  r.jmh().getOrDefault(ours, Double.NaN)
                      - r.jmh().getOrDefault("convert//texture", Double.NaN)));
      row(sb, "OpenH264 from C (I420 in, one copy out)", seq, c, cBytes, Double.NaN, "1");
      String jpeg = "encode/turbojpeg/" + seq;
      row(
          sb,
          "JPEG: the streamer's TurboJPEG path, quality 80",
          seq,
          median(rounds, r -> r.jmh().getOrDefault(jpeg, Double.NaN)),
          measured.bytes().getOrDefault("turbojpeg/" + seq, Double.NaN),
          alloc(rounds, "encode" + ALLOC + "/turbojpeg/" + seq),
          "");
    }
    row(
        sb,
        "YUYV to I420 in Java (`YuyvToI420`)",
        "texture",
        convert,
        Double.NaN,
        alloc(rounds, "convert" + ALLOC + "//texture"),
        "");
    inProcessTable(sb, rounds);
    cpuTable(sb, rounds);
    sb.append(String.format(Locale.ROOT, "\n%d round(s).", rounds.size()));
    if (!measured.sameStream().isEmpty()) {
      sb.append(" The binding's first ")
          .append(STREAM_FRAMES)
          .append(" access units against the C driver's, byte for byte:");
      for (String seq : SEQUENCES) {
        if (measured.sameStream().containsKey(seq)) {
          sb.append(' ').append(seq).append(' ').append(measured.sameStream().get(seq)).append(';');
        }
      }
      sb.setLength(sb.length() - 1);
      sb.append('.');
    }
    return sb.append('\n').toString();
  }

  /**
   * The drivers' CPU time per frame (this thread's), the binding's ({@link H264Driver}) and C's,
   * when the round has them.
   */
  private static void cpuTable(StringBuilder sb, List<Round> rounds) {
    if (rounds.stream().noneMatch(r -> r.drivers().containsKey("openh264-texture"))) {
      return;
    }
    sb.append(
        "\nCPU time per frame (the encoding thread's), the binding's by `H264Driver` and C's by"
            + " `openh264_bench`, each in its own process, one after the other:\n\n"
            + "| 640x480, 30 frames/s, CPU time | sequence | CPU ms per frame | wall ms per frame"
            + " | / OpenH264 from C, CPU time |\n"
            + "|---|---|---|---|---|\n");
    for (String seq : SEQUENCES) {
      ToDoubleFunction<Round> ours = r -> driver(r, "openh264-" + seq, 2);
      ToDoubleFunction<Round> encodeOnly =
          r -> driver(r, "openh264-" + seq, 2) - driver(r, "convert-texture", 2);
      cpuRow(
          sb,
          "OpenH264 through the binding (YUYV in)",
          seq,
          median(rounds, ours),
          median(rounds, r -> driver(r, "openh264-" + seq, 0)),
          ratio(rounds, seq, ours, 2));
      cpuRow(
          sb,
          "of which OpenH264 (less the YUYV to I420 step)",
          seq,
          median(rounds, encodeOnly),
          Double.NaN,
          ratio(rounds, seq, encodeOnly, 2));
      cpuRow(
          sb,
          "OpenH264 from C (I420 in)",
          seq,
          median(rounds, r -> driver(r, "c-" + seq, 2)),
          median(rounds, r -> driver(r, "c-" + seq, 0)),
          "1");
    }
    cpuRow(
        sb,
        "YUYV to I420 in Java",
        "texture",
        median(rounds, r -> driver(r, "convert-texture", 2)),
        median(rounds, r -> driver(r, "convert-texture", 0)),
        "");
  }

  /** {@link H264InProcess}'s A/B, when the rounds have it: per-round figures, then medians. */
  private static void inProcessTable(StringBuilder sb, List<Round> rounds) {
    if (rounds.stream().allMatch(r -> r.inProcess().isEmpty())) {
      return;
    }
    sb.append(
        "\nIn one process and one thread (`H264InProcess`): rotations of a 60-frame cycle encoded"
            + " by the binding from YUYV, the same cycle by the C client from I420 (the C driver"
            + " built as a library, entered once per block), and the YUYV to I420 step alone;"
            + " and the streamer's TurboJPEG path (quality 80) on the same cycle;"
            + " this thread's CPU time per frame; ratios per rotation (median, and p25 to p75 of"
            + " the rotations), per round:\n\n"
            + "| round | sequence | binding CPU ms per frame | C CPU ms per frame"
            + " | YUYV to I420 CPU ms | binding / C | (binding - conversion) / C"
            + " | TurboJPEG CPU ms | binding / TurboJPEG |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    for (String seq : SEQUENCES) {
      for (Round r : rounds) {
        double[] v = r.inProcess().get(seq);
        if (v == null) {
          continue;
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %.3f | %.3f | %.3f | %.2f (%.2f to %.2f) | %.2f (%.2f to %.2f)"
                    + " | %.3f | %.2f (%.2f to %.2f) |\n",
                r.round(),
                seq,
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7],
                v[8],
                v[9],
                v[10],
                v[11],
                v[12]));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "| median | %s | %.3f | %.3f | %.3f | **%.2f** | **%.2f** | %.3f | **%.2f** |\n",
              seq,
              median(rounds, r -> inProcess(r, seq, 0)),
              median(rounds, r -> inProcess(r, seq, 1)),
              median(rounds, r -> inProcess(r, seq, 2)),
              median(rounds, r -> inProcess(r, seq, 3)),
              median(rounds, r -> inProcess(r, seq, 6)),
              median(rounds, r -> inProcess(r, seq, 9)),
              median(rounds, r -> inProcess(r, seq, 10))));
    }
  }

  private static double inProcess(Round r, String seq, int index) {
    double[] v = r.inProcess().get(seq);
    return v == null ? Double.NaN : v[index];
  }

  private static double driver(Round r, String key, int index) {
    double[] d = r.drivers().get(key);
    return d == null ? Double.NaN : d[index];
  }

  private static void cpuRow(
      StringBuilder sb, String what, String seq, double cpu, double wall, String ratio) {
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s |\n",
            what,
            seq,
            Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.3f", cpu),
            Double.isNaN(wall) ? "" : String.format(Locale.ROOT, "%.3f", wall),
            ratio));
  }

  private static void row(
      StringBuilder sb,
      String what,
      String seq,
      double millis,
      double bytes,
      double alloc,
      String ratio) {
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s |\n",
            what,
            seq,
            Double.isNaN(millis) ? "" : String.format(Locale.ROOT, "%.3f", millis),
            Double.isNaN(bytes) ? "" : String.format(Locale.ROOT, "%.0f", bytes),
            Double.isNaN(alloc) ? "" : String.format(Locale.ROOT, "%.1f", alloc),
            ratio));
  }

  private static double alloc(List<Round> rounds, String key) {
    return median(rounds, r -> r.jmh().getOrDefault(key, Double.NaN));
  }

  /** Per-round ratio of {@code ours} to the C driver's time on {@code seq}: median and range. */
  private static String ratio(List<Round> rounds, String seq, ToDoubleFunction<Round> ours) {
    return ratio(rounds, seq, ours, 0);
  }

  /** The same with the C driver's figure {@code index}: 0 wall time, 2 CPU time. */
  private static String ratio(
      List<Round> rounds, String seq, ToDoubleFunction<Round> ours, int index) {
    double[] r =
        rounds.stream()
            .filter(x -> x.c(seq) != null)
            .mapToDouble(x -> ours.applyAsDouble(x) / x.c(seq)[index])
            .filter(d -> !Double.isNaN(d))
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
    return median(rounds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray());
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
