package io.eyetoystreamer.streamer.fuzz;

import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the fuzzer found, one entry per kind of failure (the first input that showed it, and how
 * often it was seen), and the log watcher: while a phase runs, any exception the server logs that
 * is not a protocol error it was given (a {@link DecoderException}: malformed HTTP or WebSocket,
 * too long, and the like; or an I/O error of a socket) is an unhandled exception, and so is
 * anything logged at SEVERE. The server logs per-connection exceptions at FINE, so the watcher
 * turns FINE on for {@code io.eyetoystreamer} while it is installed.
 */
final class Findings implements AutoCloseable {
  /** One kind of failure. */
  static final class Finding {
    final String kind;
    final String detail;
    final String where;
    final Script input;
    int count = 1;

    Finding(String kind, String detail, String where, Script input) {
      this.kind = kind;
      this.detail = detail;
      this.where = where;
      this.input = input;
    }
  }

  private static final Logger SERVER = Logger.getLogger("io.eyetoystreamer");
  private static final Logger ROOT = Logger.getLogger("");

  private final Map<String, Finding> found = new LinkedHashMap<>();
  private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
  private final Level oldLevel = SERVER.getLevel();
  private final Handler watcher =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getThrown() != null || r.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  Findings() {
    SERVER.setLevel(Level.FINE);
    ROOT.addHandler(watcher);
  }

  /**
   * Records a failure of {@code input}.
   *
   * @param problem {@code "kind: detail"}
   * @param where how to reproduce it (seed and index)
   */
  synchronized void add(String problem, String where, Script input) {
    int colon = problem.indexOf(": ");
    String kind = colon > 0 ? problem.substring(0, colon) : problem;
    String detail = colon > 0 ? problem.substring(colon + 2) : "";
    String key = key(kind, detail);
    Finding f = found.get(key);
    if (f != null) {
      f.count++;
      return;
    }
    found.put(key, new Finding(kind, detail, where, input));
    System.out.println(
        "[fuzz] FOUND " + problem.lines().findFirst().orElse("") + " (" + where + ")");
  }

  /** Counts one more of a known finding; false if it is new. */
  private synchronized boolean seen(String kind, String detail) {
    Finding f = found.get(key(kind, detail));
    if (f != null) {
      f.count++;
    }
    return f != null;
  }

  private static String key(String kind, String detail) {
    return kind + ": " + detail.lines().findFirst().orElse("").replaceAll("[0-9]+", "N");
  }

  /**
   * Turns what the server logged since the last call into findings of {@code input} (for records of
   * the server's other threads the attribution is to the input being run, approximately).
   */
  void drainLog(String where, Script input) {
    LogRecord r;
    while ((r = records.poll()) != null) {
      Throwable t = r.getThrown();
      if (t != null && expected(t)) {
        continue;
      }
      String msg = String.valueOf(r.getMessage());
      if (msg.contains("LEAK")) {
        add("leak: Netty's leak detector: " + msg.lines().findFirst().orElse(""), where, input);
      } else if (t != null) {
        if (seen("exception", describe(t))) {
          continue;
        }
        add(
            "exception: "
                + describe(t)
                + "\n    logged by "
                + r.getLoggerName()
                + ": "
                + msg
                + "\n"
                + stack(t),
            where,
            input);
      } else {
        add("severe-log: " + r.getLoggerName() + ": " + msg, where, input);
      }
    }
  }

  /**
   * Malformed input the server was right to reject, or a socket that went away: a {@link
   * DecoderException} or an {@link IOException} anywhere in the causes, or an exception raised
   * entirely inside Netty below the server's handlers (the HTTP decoder's verdict on a bad request
   * line, header or chunk size, or a request cut short by the client closing, which the server then
   * answers or closes on). An exception passing through the server's own code is not expected.
   */
  static boolean expected(Throwable t) {
    boolean ours = false;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DecoderException || c instanceof IOException) {
        return true;
      }
      for (StackTraceElement e : c.getStackTrace()) {
        ours |= server(e);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return !ours;
  }

  private static boolean server(StackTraceElement e) {
    String c = e.getClassName();
    return c.startsWith("io.eyetoystreamer.") && !c.startsWith("io.eyetoystreamer.streamer.fuzz.");
  }

  /** The exception and the first frame of ours in it (the place, without the message's values). */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String place = "";
    for (StackTraceElement e : root.getStackTrace()) {
      if (server(e)) {
        place = " at " + e.getClassName().replaceAll(".*\\.", "") + "." + e.getMethodName();
        break;
      }
    }
    if (place.isEmpty() && root.getStackTrace().length > 0) {
      StackTraceElement e = root.getStackTrace()[0];
      place = " at " + e.getClassName().replaceAll(".*\\.", "") + "." + e.getMethodName();
    }
    return root.getClass().getName() + place;
  }

  static String stack(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString().lines().limit(40).reduce("", (a, b) -> a + "    " + b + "\n");
  }

  synchronized boolean isEmpty() {
    return found.isEmpty();
  }

  synchronized List<Finding> all() {
    return new ArrayList<>(found.values());
  }

  /** Writes each finding's input into {@code dir} in corpus form; returns the report. */
  synchronized String report(Path dir) {
    StringBuilder s = new StringBuilder();
    int i = 0;
    for (Finding f : found.values()) {
      i++;
      String name = String.format("%02d-%s.fuzz", i, f.kind.replaceAll("[^a-z0-9]+", "-"));
      String firstLine = f.detail.lines().findFirst().orElse("");
      try {
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve(name),
            f.input.format(f.kind + ": " + firstLine + "\nfound by " + f.where),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        s.append("(could not write ").append(name).append(": ").append(e).append(")\n");
      }
      s.append(
          String.format(
              "%n%d. %s: %s%n   seen %d times; first %s; input: %s%n",
              i, f.kind, f.detail, f.count, f.where, dir.resolve(name)));
    }
    return s.toString();
  }

  @Override
  public void close() {
    ROOT.removeHandler(watcher);
    SERVER.setLevel(oldLevel);
  }
}
