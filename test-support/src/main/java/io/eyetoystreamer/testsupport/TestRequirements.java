package io.eyetoystreamer.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need something from the machine (a compiler, a header feature): when
 * it is missing the test is skipped with a one-line reason, unless the environment variable {@value
 * #STRICT_ENV} is {@code 1} (as in CI), in which case it fails and names the Debian package to
 * install. So nothing is silently skipped where it matters.
 */
public final class TestRequirements {
  /** Environment variable that turns missing requirements into failures. */
  public static final String STRICT_ENV = "EYETOY_STRICT_TESTS";

  private TestRequirements() {}

  /**
   * Finds an executable on the PATH, or skips (fails when strict).
   *
   * @param executable the command name, e.g. {@code arm-linux-gnueabihf-gcc}
   * @param debianPackage the package that provides it, e.g. {@code gcc-arm-linux-gnueabihf}
   * @return the executable's path
   */
  public static Path requireTool(String executable, String debianPackage) {
    Path found = findOnPath(executable);
    require(
        found != null, executable + " is not on the PATH", "apt-get install -y " + debianPackage);
    return found;
  }

  /**
   * Skips (fails when strict) unless a condition holds.
   *
   * @param condition what the test needs
   * @param missing what is missing when it does not hold
   * @param remedy how to get it, e.g. {@code apt-get install -y gcc}
   */
  public static void require(boolean condition, String missing, String remedy) {
    require(condition, missing, remedy, strict());
  }

  static void require(boolean condition, String missing, String remedy, boolean strict) {
    if (condition) {
      return;
    }
    if (strict) {
      Assertions.fail(missing + "; " + STRICT_ENV + "=1 forbids skipping: " + remedy);
    }
    Assumptions.abort("skipped: " + missing + " (" + remedy + ")");
  }

  /**
   * Tells whether missing requirements fail instead of skipping.
   *
   * @return true when {@value #STRICT_ENV} is {@code 1}
   */
  public static boolean strict() {
    return "1".equals(System.getenv(STRICT_ENV));
  }

  static Path findOnPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
