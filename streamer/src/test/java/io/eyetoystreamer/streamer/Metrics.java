package io.eyetoystreamer.streamer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * One scrape of {@code /metrics}, parsed: each sample by its name (with its labels, as written,
 * when it has any). Asking for a sample the server does not report fails the test and says which,
 * and what the server does report.
 */
final class Metrics {
  static final String CAPTURED = "eyetoy_frames_captured_total";
  static final String HEAP_USED = "eyetoy_jvm_heap_used_bytes";
  static final String HEAP_MAX = "eyetoy_jvm_heap_max_bytes";
  static final String DIRECT_USED = "eyetoy_direct_memory_used_bytes";
  static final String DIRECT_MAX = "eyetoy_direct_memory_max_bytes";
  static final String CONNECTIONS = "eyetoy_connections";

  /** When this scrape was answered, {@link System#nanoTime()}. */
  final long nanos;

  private final Map<String, Double> samples;

  private Metrics(long nanos, Map<String, Double> samples) {
    this.nanos = nanos;
    this.samples = samples;
  }

  /** Scrapes {@code /metrics} on a new connection, with header lines such as Authorization. */
  static Metrics scrape(int port, String... headers) throws IOException {
    RawHttp.Response r = RawHttp.get(port, "/metrics", headers);
    if (r.status() != 200) {
      throw new IOException("/metrics answered " + r);
    }
    return parse(r.text());
  }

  /** Parses the Prometheus text format (the subset the server writes). */
  static Metrics parse(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      line = line.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        samples.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return new Metrics(System.nanoTime(), samples);
  }

  boolean has(String name) {
    return samples.containsKey(name);
  }

  /** The sample's value; fails naming the sample when the server does not report it. */
  double value(String name) {
    Double v = samples.get(name);
    if (v == null) {
      throw new AssertionError(
          "/metrics has no sample "
              + name
              + " (issue 16: the server must report it); it reports: "
              + new TreeSet<>(samples.keySet()));
    }
    return v;
  }

  long count(String name) {
    return (long) value(name);
  }

  @Override
  public String toString() {
    return samples.toString();
  }
}
