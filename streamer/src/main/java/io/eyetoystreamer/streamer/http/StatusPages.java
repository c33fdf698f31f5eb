package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.StringJoiner;

/** The text of {@code /state} (JSON), {@code /metrics} (Prometheus) and {@code /healthz}. */
public final class StatusPages {
  private final ServerStats stats;
  private final Rejections rejections;
  private final long startedAtMillis = System.currentTimeMillis();

  /** Pages over these counters. */
  public StatusPages(ServerStats stats, Rejections rejections) {
    this.stats = stats;
    this.rejections = rejections;
  }

  /** {@code /state}: the camera, every viewer, and totals. */
  public String state() {
    CameraState.Snapshot c = stats.camera();
    String camera =
        new Json()
            .field("online", c.online())
            .field("device", c.device())
            .field("driver", c.driver())
            .field("card", c.card())
            .field("format", c.format())
            .field("width", c.width())
            .field("height", c.height())
            .field("requestedFps", c.requestedFps())
            .field("driverFps", c.driverFps())
            .field("measuredFps", stats.measuredFps())
            .field("message", c.message())
            .toString();
    StringJoiner viewers = new StringJoiner(",", "[", "]");
    Viewer[] all = stats.viewers().snapshot();
    for (Viewer v : all) {
      viewers.add(
          new Json()
              .field("address", v.address())
              .field("endpoint", v.kind().endpoint())
              .field("framesSent", v.framesSent())
              .field("framesSkipped", v.framesSkipped())
              .field("bytesSent", v.bytesSent())
              .field("connectedSince", Instant.ofEpochMilli(v.connectedAtMillis()).toString())
              .toString());
    }
    Viewers.Totals sums = stats.viewers().totals();
    String totals =
        new Json()
            .field("viewers", all.length)
            .field("maxViewers", stats.viewers().max())
            .field("framesCaptured", stats.framesCaptured())
            .field("framesFannedOut", stats.framesFannedOut())
            .field("framesSent", sums.framesSent())
            .field("framesSkipped", sums.framesSkipped())
            .field("bytesSent", sums.bytesSent())
            .field("connections", stats.connections().open())
            .field("maxConnections", stats.connections().max())
            .toString();
    io.eyetoystreamer.streamer.fanout.JpegStage j = stats.jpeg();
    String jpeg =
        new Json()
            .field("encoder", j.encoderKind())
            .field("framesEncoded", j.framesEncoded())
            .field("framesSkippedBusy", j.framesSkippedBusy())
            .field("meanEncodeMillis", j.meanEncodeMillis())
            .field("p99EncodeMillis", j.p99EncodeMillis())
            .field("meanBytesPerFrame", j.meanBytes())
            .toString();
    io.eyetoystreamer.streamer.fanout.H264Stage h = stats.h264();
    String h264 =
        new Json()
            .field("choice", stats.h264Choice())
            .field("encoder", h.encoderName())
            .field("problem", h.problem())
            .field("framesEncoded", h.framesEncoded())
            .field("keyFrames", h.keyFrames())
            .field("forcedKeyFrames", h.forcedKeyFrames())
            .field("framesSkippedBusy", h.framesSkippedBusy())
            .field("bitsPerSecond", Math.round(h.bitsPerSecond()))
            .field("meanEncodeMillis", h.meanEncodeMillis())
            .field("p99EncodeMillis", h.p99EncodeMillis())
            .toString();
    String perFormat =
        new Json()
            .field("raw", stats.viewers().rawCount())
            .field("jpeg", stats.viewers().jpegCount())
            .field("h264", stats.viewers().h264Count())
            .toString();
    String server =
        new Json()
            .field("transport", stats.transport())
            .field("idle", stats.idle())
            .field("uptimeSeconds", (System.currentTimeMillis() - startedAtMillis) / 1000)
            .toString();
    Json out =
        new Json()
            .raw("camera", camera)
            .raw("viewers", viewers.toString())
            .raw("totals", totals)
            .raw("viewersPerFormat", perFormat)
            .raw("jpeg", jpeg)
            .raw("h264", h264)
            .raw("server", server);
    RelayReport relay = stats.relay();
    if (relay != null) {
      out.raw("relay", relay.stateJson());
    }
    return out.toString();
  }

  /** {@code /metrics}: the same counters in the Prometheus text format. */
  public String metrics() {
    CameraState.Snapshot c = stats.camera();
    Viewers.Totals sums = stats.viewers().totals();
    int viewerCount = stats.viewers().count();
    StringBuilder out = new StringBuilder(1024);
    gauge(out, "eyetoy_camera_online", "1 while the camera delivers frames", c.online() ? 1 : 0);
    gauge(
        out,
        "eyetoy_camera_fps",
        "frames per second arriving from the camera",
        stats.measuredFps());
    counter(
        out,
        "eyetoy_frames_captured_total",
        "frames published by the capture side",
        stats.framesCaptured());
    counter(
        out,
        "eyetoy_frames_fanned_out_total",
        "frames sent out to the viewers",
        stats.framesFannedOut());
    gauge(out, "eyetoy_viewers", "connected viewers (WebSocket and MJPEG)", viewerCount);
    gauge(out, "eyetoy_viewers_max", "the viewer limit", stats.viewers().max());
    counter(
        out,
        "eyetoy_viewer_frames_sent_total",
        "frames written to viewers, summed over all viewers since start",
        sums.framesSent());
    counter(
        out,
        "eyetoy_viewer_frames_skipped_total",
        "frames viewers skipped, not ready",
        sums.framesSkipped());
    counter(out, "eyetoy_viewer_bytes_sent_total", "bytes written to viewers", sums.bytesSent());
    ConnectionLimiter connections = stats.connections();
    gauge(out, "eyetoy_connections", "open connections, viewers included", connections.open());
    gauge(out, "eyetoy_connections_max", "the connection limit", connections.max());
    counter(
        out,
        "eyetoy_connections_evicted_total",
        "idle connections closed to make room for a new one",
        connections.evicted());
    memory(out);
    io.eyetoystreamer.streamer.fanout.JpegStage j = stats.jpeg();
    out.append("# HELP eyetoy_viewers_by_format connected viewers by what they receive\n");
    out.append("# TYPE eyetoy_viewers_by_format gauge\n");
    out.append("eyetoy_viewers_by_format{format=\"raw\"} ")
        .append(stats.viewers().rawCount())
        .append('\n');
    out.append("eyetoy_viewers_by_format{format=\"jpeg\"} ")
        .append(stats.viewers().jpegCount())
        .append('\n');
    out.append("eyetoy_viewers_by_format{format=\"h264\"} ")
        .append(stats.viewers().h264Count())
        .append('\n');
    out.append("# HELP eyetoy_jpeg_encoder_info the JPEG encoder in use\n");
    out.append("# TYPE eyetoy_jpeg_encoder_info gauge\n");
    out.append("eyetoy_jpeg_encoder_info{encoder=\"").append(j.encoderKind()).append("\"} 1\n");
    counter(out, "eyetoy_jpeg_frames_encoded_total", "frames encoded as JPEG", j.framesEncoded());
    counter(
        out,
        "eyetoy_jpeg_frames_skipped_busy_total",
        "frames not encoded, every encoder busy",
        j.framesSkippedBusy());
    gauge(
        out,
        "eyetoy_jpeg_encode_seconds_mean",
        "mean JPEG encode time, recent frames",
        j.meanEncodeMillis() / 1000);
    gauge(
        out,
        "eyetoy_jpeg_encode_seconds_p99",
        "99th percentile JPEG encode time, recent frames",
        j.p99EncodeMillis() / 1000);
    gauge(out, "eyetoy_jpeg_bytes_per_frame_mean", "mean JPEG size in bytes", j.meanBytes());
    h264(out, stats.h264());
    out.append("# HELP eyetoy_rejected_total requests turned away, by reason\n");
    out.append("# TYPE eyetoy_rejected_total counter\n");
    rejected(out, "viewer_limit", rejections.viewerLimit());
    rejected(out, "origin", rejections.origin());
    rejected(out, "auth", rejections.auth());
    rejected(out, "bad_request", rejections.badRequest());
    rejected(out, "auth_throttled", rejections.authThrottled());
    rejected(out, "timeout", rejections.timeout());
    rejected(out, "snapshot_busy", rejections.snapshotBusy());
    rejected(out, "connection_limit", connections.refused());
    RelayReport relay = stats.relay();
    if (relay != null) {
      relay.appendMetrics(out);
    }
    return out.toString();
  }

  private static void h264(StringBuilder out, io.eyetoystreamer.streamer.fanout.H264Stage h) {
    out.append("# HELP eyetoy_h264_encoder_info the H.264 encoder in use\n");
    out.append("# TYPE eyetoy_h264_encoder_info gauge\n");
    out.append("eyetoy_h264_encoder_info{encoder=\"")
        .append(h.encoderName().replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"} 1\n");
    counter(out, "eyetoy_h264_frames_encoded_total", "frames encoded as H.264", h.framesEncoded());
    counter(out, "eyetoy_h264_key_frames_total", "H.264 key frames encoded", h.keyFrames());
    counter(
        out,
        "eyetoy_h264_forced_key_frames_total",
        "H.264 key frames asked for by joining or lagging viewers",
        h.forcedKeyFrames());
    counter(
        out,
        "eyetoy_h264_frames_skipped_busy_total",
        "frames not encoded, the H.264 encoder busy",
        h.framesSkippedBusy());
    counter(out, "eyetoy_h264_bytes_total", "bytes of H.264 encoded", h.bytesEncoded());
    // Bytes, not bits: Prometheus's base unit (promtool: use base unit "bytes" instead of "bits").
    gauge(
        out,
        "eyetoy_h264_bytes_per_second",
        "H.264 data rate of the recent frames",
        Math.round(h.bitsPerSecond() / 8));
    gauge(
        out,
        "eyetoy_h264_encode_seconds_mean",
        "mean H.264 encode time, recent frames",
        h.meanEncodeMillis() / 1000);
    gauge(
        out,
        "eyetoy_h264_encode_seconds_p99",
        "99th percentile H.264 encode time, recent frames",
        h.p99EncodeMillis() / 1000);
  }

  /**
   * The JVM's memory, so that an operator (and the hostile-client tests) can see it stay bounded:
   * the heap, and direct memory (Netty's pool and every direct buffer the JDK counts).
   */
  private static void memory(StringBuilder out) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    gauge(out, "eyetoy_jvm_heap_used_bytes", "heap in use", heap.getUsed());
    gauge(out, "eyetoy_jvm_heap_max_bytes", "the heap limit (-Xmx)", heap.getMax());
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if ("direct".equals(pool.getName())) {
        direct = pool.getMemoryUsed();
      }
    }
    gauge(
        out,
        "eyetoy_direct_memory_used_bytes",
        "direct memory in use (frames, the buffer pool)",
        Math.max(direct, PlatformDependent.usedDirectMemory()));
    gauge(
        out,
        "eyetoy_direct_memory_max_bytes",
        "the direct memory limit (-XX:MaxDirectMemorySize)",
        PlatformDependent.maxDirectMemory());
  }

  /**
   * {@code /healthz}: null while live frames flow, else why not (a stage died or is stuck, no new
   * frame for several frame intervals, the camera offline).
   */
  public String healthProblem() {
    return stats.problem();
  }

  /** The body of a healthy {@code /healthz}. */
  public String health() {
    return "ok camera=" + (stats.camera().online() ? "online" : "offline");
  }

  private static void rejected(StringBuilder out, String reason, long count) {
    out.append("eyetoy_rejected_total{reason=\"").append(reason).append("\"} ").append(count);
    out.append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "gauge", value);
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "counter", value);
  }

  private static void metric(
      StringBuilder out, String name, String help, String type, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ');
    if (value == Math.rint(value)) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }
}
