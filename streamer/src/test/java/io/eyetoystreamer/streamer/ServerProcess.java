package io.eyetoystreamer.streamer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The streamer as a separate process, started like a user would (the Main class on the test class
 * path), with the URL it prints. For what only a real process shows: signals, system properties.
 */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final String url;
  final String log;

  private ServerProcess(Process process, String url, String log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** Starts {@code Main} with JVM options and arguments, and waits for its URL. */
  static ServerProcess start(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>();
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
    String url = null;
    for (String line; url == null && (line = out.readLine()) != null; ) {
      log.append(line).append('\n');
      if (line.startsWith("eyetoy-streamer: open ")) {
        url = line.substring("eyetoy-streamer: open ".length()).split(" ")[0];
      }
    }
    if (url == null) {
      p.destroyForcibly();
    }
    assertTrue(url != null, "no URL printed:\n" + log);
    // Keep draining the output so the server never blocks on a full pipe.
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    return new ServerProcess(p, url, log.toString());
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
