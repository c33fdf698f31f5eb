package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The streamer as a separate process, started like a user would (the Main class on the test class
 * path), with the URL it prints. For what only a real process shows: signals, system properties,
 * JVM limits (heap, direct memory) and the process's file descriptor limit.
 */
final class ServerProcess implements AutoCloseable {
  /** Lines of output kept for {@link #output()}; older lines are dropped. */
  private static final int KEPT_LINES = 5000;

  final Process process;
  final String url;
  final String log;
  private final Deque<String> lines;

  private ServerProcess(Process process, String url, String log, Deque<String> lines) {
    this.process = process;
    this.url = url;
    this.log = log;
    this.lines = lines;
  }

  /** Starts {@code Main} with JVM options and arguments, and waits for its URL. */
  static ServerProcess start(List<String> jvmOptions, String... args) throws Exception {
    return start(0, jvmOptions, args);
  }

  /**
   * Starts {@code Main} as {@link #start(List, String...)} does, with the process's open file limit
   * (soft and hard, as {@code ulimit -n} sets it) at {@code fdLimit}: through {@code bash -c
   * 'ulimit -n N; exec java ...'}, so the limit is the JVM's own and it cannot raise it.
   */
  static ServerProcess startWithFdLimit(int fdLimit, List<String> jvmOptions, String... args)
      throws Exception {
    if (fdLimit <= 0) {
      throw new IllegalArgumentException("fdLimit must be positive: " + fdLimit);
    }
    return start(fdLimit, jvmOptions, args);
  }

  private static ServerProcess start(int fdLimit, List<String> jvmOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    if (fdLimit > 0) {
      // "$0" "$@": the java command and its arguments, passed through without quoting them.
      command.addAll(List.of("bash", "-c", "ulimit -n " + fdLimit + " && exec \"$0\" \"$@\""));
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    Deque<String> lines = new ArrayDeque<>();
    String url = null;
    for (String line; url == null && (line = out.readLine()) != null; ) {
      log.append(line).append('\n');
      lines.add(line);
      if (line.startsWith("eyetoy-streamer: open ")) {
        url = line.substring("eyetoy-streamer: open ".length()).split(" ")[0];
      }
    }
    if (url == null) {
      p.destroyForcibly();
    }
    assertTrue(url != null, "no URL printed:\n" + log);
    // Keep draining the output so the server never blocks on a full pipe; keep the latest lines.
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                    if (lines.size() > KEPT_LINES) {
                      lines.removeFirst();
                    }
                  }
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            },
            "server-output");
    drain.setDaemon(true);
    drain.start();
    return new ServerProcess(p, url, log.toString(), lines);
  }

  /** The TCP port the server listens on. */
  int port() {
    return URI.create(url).getPort();
  }

  /** The server's output so far (standard output and error), its latest lines if it said much. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines) + "\n";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
