package io.eyetoystreamer.jmh.fanout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of {@link FanoutLoad} measured. Rates are over the measured window; CPU times are
 * seconds used during the window; memory is bytes.
 *
 * @param protocol {@code ws}, {@code raw}, {@code mjpeg}, {@code jpeg} or {@code h264}
 * @param transport the load tool's Netty transport, {@code epoll} or {@code nio}
 * @param viewers viewers asked for
 * @param opened viewers that connected (and shook hands)
 * @param windowSeconds length of the measured window
 * @param fpsMin the slowest viewer's delivered frames per second
 * @param fpsMedian the median viewer's delivered frames per second
 * @param fpsMax the fastest viewer's delivered frames per second
 * @param frames frames received whole by all viewers in the window
 * @param skipped frames the viewers missed (gaps in the sequence)
 * @param bytes bytes of those frames on the wire (framing included)
 * @param payloadBytes bytes of those frames after their headers: the YUYV frames, JPEGs or H.264
 *     access units themselves
 * @param keyFrames H.264 key frames among those frames (0 for other protocols)
 * @param keyFrameBytes bytes of those key frames after their headers
 * @param ageP50Millis median frame age at receipt (receive time minus capture time)
 * @param ageP99Millis 99th percentile frame age
 * @param ageMaxMillis largest frame age
 * @param serverPid the server's process id
 * @param serverCpu the server's CPU seconds in the window (all threads, exact)
 * @param serverUserCpu the server's user-mode CPU seconds in the window (10 ms ticks)
 * @param serverSystemCpu the server's kernel-mode CPU seconds in the window (10 ms ticks)
 * @param serverPeakRss the server's peak resident memory since it started (VmHWM)
 * @param serverRss the server's resident memory at the end of the window (VmRSS)
 * @param serverSwitches the server's context switches in the window, all threads (voluntary ones: a
 *     thread slept, e.g. an event loop waiting in epoll)
 * @param serverInvoluntarySwitches the server's involuntary context switches in the window (its
 *     threads were preempted)
 * @param serverMinorFaults the server's minor page faults in the window (memory touched for the
 *     first time: e.g. a buffer pool mapping fresh chunks)
 * @param clientCpu the load tool's own CPU seconds in the window
 * @param otherCpu CPU seconds the rest of the machine used in the window (noise)
 * @param textMessages text (status) messages received
 * @param badFrames frames whose header or length was wrong
 * @param errors what went wrong, one line each; empty when all went well
 */
public record LoadResult(
    String protocol,
    String transport,
    int viewers,
    int opened,
    double windowSeconds,
    double fpsMin,
    double fpsMedian,
    double fpsMax,
    long frames,
    long skipped,
    long bytes,
    long payloadBytes,
    long keyFrames,
    long keyFrameBytes,
    double ageP50Millis,
    double ageP99Millis,
    double ageMaxMillis,
    long serverPid,
    double serverCpu,
    double serverUserCpu,
    double serverSystemCpu,
    long serverPeakRss,
    long serverRss,
    long serverSwitches,
    long serverInvoluntarySwitches,
    long serverMinorFaults,
    double clientCpu,
    double otherCpu,
    long textMessages,
    long badFrames,
    List<String> errors) {

  /** Delivered megabytes (10^6 bytes) per second, all viewers together. */
  public double megabytesPerSecond() {
    return windowSeconds > 0 ? bytes / 1e6 / windowSeconds : 0;
  }

  /** Server CPU seconds per delivered gigabyte (10^9 bytes); NaN if nothing was delivered. */
  public double cpuSecondsPerGigabyte() {
    return bytes > 0 ? serverCpu() / (bytes / 1e9) : Double.NaN;
  }

  /** The results as {@code key=value} lines, for scripts ({@link FanoutReport} reads them). */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("protocol", protocol);
    m.put("transport", transport);
    m.put("viewers", Integer.toString(viewers));
    m.put("opened", Integer.toString(opened));
    m.put("windowSeconds", num(windowSeconds));
    m.put("fpsMin", num(fpsMin));
    m.put("fpsMedian", num(fpsMedian));
    m.put("fpsMax", num(fpsMax));
    m.put("frames", Long.toString(frames));
    m.put("skipped", Long.toString(skipped));
    m.put("bytes", Long.toString(bytes));
    m.put("payloadBytes", Long.toString(payloadBytes));
    m.put("keyFrames", Long.toString(keyFrames));
    m.put("keyFrameBytes", Long.toString(keyFrameBytes));
    m.put("megabytesPerSecond", num(megabytesPerSecond()));
    m.put("ageP50Millis", num(ageP50Millis));
    m.put("ageP99Millis", num(ageP99Millis));
    m.put("ageMaxMillis", num(ageMaxMillis));
    m.put("serverPid", Long.toString(serverPid));
    m.put("serverUserCpu", num(serverUserCpu));
    m.put("serverSystemCpu", num(serverSystemCpu));
    m.put("serverCpu", num(serverCpu()));
    m.put("cpuSecondsPerGigabyte", num(cpuSecondsPerGigabyte()));
    m.put("serverPeakRss", Long.toString(serverPeakRss));
    m.put("serverRss", Long.toString(serverRss));
    m.put("serverSwitches", Long.toString(serverSwitches));
    m.put("serverInvoluntarySwitches", Long.toString(serverInvoluntarySwitches));
    m.put("serverMinorFaults", Long.toString(serverMinorFaults));
    m.put("clientCpu", num(clientCpu));
    m.put("otherCpu", num(otherCpu));
    m.put("textMessages", Long.toString(textMessages));
    m.put("badFrames", Long.toString(badFrames));
    m.put("errors", Integer.toString(errors.size()));
    for (int i = 0; i < errors.size(); i++) {
      m.put("error." + i, errors.get(i).replace('\n', ' '));
    }
    return m;
  }

  /** A human-readable report. */
  public String format() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%s viewers: %d of %d open (%s), window %.1f s",
            protocol,
            opened,
            viewers,
            transport,
            windowSeconds));
    if (windowSeconds <= 0) {
      lines.add("  not measured: not every viewer opened");
      lines.add("  " + errors.size() + " error(s):");
      for (String e : errors) {
        lines.add("    " + e);
      }
      return String.join("\n", lines) + "\n";
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "  delivered fps per viewer: min %.1f, median %.1f, max %.1f; skipped %d of %d",
            fpsMin,
            fpsMedian,
            fpsMax,
            skipped,
            frames + skipped));
    lines.add(
        String.format(
            Locale.ROOT,
            "  throughput %.1f MB/s; frame age p50 %.2f ms, p99 %.2f ms, max %.2f ms",
            megabytesPerSecond(),
            ageP50Millis,
            ageP99Millis,
            ageMaxMillis));
    lines.add(
        String.format(
            Locale.ROOT,
            "  server pid %d: CPU %.3f s (user %.2f, kernel %.2f) = %.3f s per delivered GB;"
                + " RSS peak %.1f MB, now %.1f MB",
            serverPid,
            serverCpu(),
            serverUserCpu,
            serverSystemCpu,
            cpuSecondsPerGigabyte(),
            serverPeakRss / 1048576.0,
            serverRss / 1048576.0));
    lines.add(
        String.format(
            Locale.ROOT,
            "  server context switches %d (%d involuntary), %.0f per second; minor page faults %d",
            serverSwitches,
            serverInvoluntarySwitches,
            serverSwitches / windowSeconds,
            serverMinorFaults));
    if (frames > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %.0f bytes per frame on the wire (%.0f after the header: %.3f Mbit/s per viewer);"
                  + " server CPU %.2f ms per viewer per second",
              bytes / (double) frames,
              payloadBytes / (double) frames,
              viewers > 0 ? payloadBytes * 8 / 1e6 / windowSeconds / viewers : 0,
              viewers > 0 ? serverCpu * 1000 / windowSeconds / viewers : 0));
    }
    if (protocol.equals("h264")) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %d key frames (%.1f per viewer, %.0f bytes each, the others %.0f);"
                  + " every viewer's first unit a key frame%s",
              keyFrames,
              viewers > 0 ? keyFrames / (double) viewers : 0,
              keyFrames > 0 ? keyFrameBytes / (double) keyFrames : 0,
              frames > keyFrames
                  ? (payloadBytes - keyFrameBytes) / (double) (frames - keyFrames)
                  : 0,
              badFrames == 0 ? "" : " unless listed below"));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "  load tool CPU %.3f s; rest of the machine %.2f s; %d status messages",
            clientCpu,
            otherCpu,
            textMessages));
    if (errors.isEmpty()) {
      lines.add("  no errors");
    } else {
      lines.add("  " + errors.size() + " error(s), " + badFrames + " bad frame(s):");
      for (String e : errors) {
        lines.add("    " + e);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
