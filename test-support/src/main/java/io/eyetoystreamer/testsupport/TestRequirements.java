package io.eyetoystreamer.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
   * Skips (fails when strict) unless a C compiler finds a header: a compiler installed without its
   * C library headers is half installed (apt's {@code --no-install-recommends} leaves {@code
   * libc6-dev-arm64-cross} out of {@code gcc-aarch64-linux-gnu}), and would fail the test itself
   * with {@code bits/libc-header-start.h: No such file or directory}.
   *
   * @param compiler the compiler, e.g. the path {@link #requireTool} returned
   * @param header the header, as between the angle brackets of {@code #include}
   * @param debianPackage the package that provides it for this compiler, e.g. {@code
   *     libc6-dev-arm64-cross}
   */
  public static void requireHeader(Path compiler, String header, String debianPackage) {
    requireHeader(compiler, header, debianPackage, strict());
  }

  static void requireHeader(Path compiler, String header, String debianPackage, boolean strict) {
    String error = preprocessError(compiler, "#include <" + header + ">\n");
    require(
        error == null,
        compiler.getFileName() + " cannot compile #include <" + header + "> (" + error + ")",
        "apt-get install -y " + debianPackage,
        strict);
  }

  /**
   * Runs {@code compiler -E} on {@code source}; null when it succeeds, else its last error line.
   */
  static String preprocessError(Path compiler, String source) {
    List<String> cmd = List.of(compiler.toString(), "-E", "-x", "c", "-o", "/dev/null", "-");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(source.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "no answer in 60 s";
      }
      if (p.exitValue() == 0) {
        return null;
      }
      return out.lines()
          .filter(l -> l.contains("error"))
          .reduce((a, b) -> b)
          .orElse("exit status " + p.exitValue())
          .strip();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
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
