package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code v4l2-ctl} (Debian's {@code v4l-utils}), the independent oracle: what it prints about
 * a device is what the library must read from the same driver.
 */
final class V4l2Ctl {
  private V4l2Ctl() {}

  /**
   * Runs {@code v4l2-ctl -d DEVICE ARGS...} and returns what it printed; fails on a non-zero exit.
   */
  static String run(String device, String... args) throws IOException, InterruptedException {
    Result r = tryRun(device, args);
    if (r.status() != 0) {
      fail("v4l2-ctl -d " + device + " " + String.join(" ", args) + " failed: " + r.output());
    }
    return r.output();
  }

  /** Runs {@code v4l2-ctl -d DEVICE ARGS...}; stdout and stderr together. */
  static Result tryRun(String device, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable(), "-d", device));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(command + " did not finish within 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** What a run printed and its exit status. */
  record Result(int status, String output) {}

  private static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "v4l2-ctl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail("v4l2-ctl not found on PATH: apt-get install v4l-utils");
  }
}
