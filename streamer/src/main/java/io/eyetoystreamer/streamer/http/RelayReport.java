package io.eyetoystreamer.streamer.http;

/**
 * What the relay over NATS reports on {@code /state} and {@code /metrics}: where frames come from
 * or go, the connection, and what was received, published and dropped. Thread-safe.
 */
public interface RelayReport {
  /** The {@code relay} member of {@code /state}: one JSON object. */
  String stateJson();

  /** Appends the relay's metrics, in the Prometheus text format, to {@code out}. */
  void appendMetrics(StringBuilder out);
}
