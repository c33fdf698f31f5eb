package io.eyetoystreamer.streamer.relay;

/** Writes the relay's metrics in the Prometheus text format. */
final class Prometheus {
  private Prometheus() {}

  /** The {@code # HELP} and {@code # TYPE} lines of a metric. */
  static void describe(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** One sample; {@code labels} is {@code key="value",...} or empty. */
  static void sample(StringBuilder out, String name, String labels, long value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(value).append('\n');
  }

  /** A metric with one unlabelled sample. */
  static void single(StringBuilder out, String name, String type, String help, long value) {
    describe(out, name, type, help);
    sample(out, name, "", value);
  }
}
