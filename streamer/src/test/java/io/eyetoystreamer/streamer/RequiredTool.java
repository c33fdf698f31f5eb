package io.eyetoystreamer.streamer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external program a test needs. Missing, the test is skipped with a line naming the
 * Debian package, unless {@code EYETOY_STRICT_TESTS=1} (set by CI), where it fails: CI never passes
 * by skipping.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** Returns the path of {@code program} on PATH, or skips or fails the test. */
  public static String find(String program, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String why = program + " not found on PATH: apt-get install " + debianPackage;
    if ("1".equals(System.getenv("EYETOY_STRICT_TESTS"))) {
      Assertions.fail(why + " (EYETOY_STRICT_TESTS=1 forbids skipping)");
    }
    Assumptions.abort(why);
    return null;
  }
}
