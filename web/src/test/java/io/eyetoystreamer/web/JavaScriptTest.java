package io.eyetoystreamer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the viewer's JavaScript tests ({@code src/test/js/*.test.mjs}) with Node's built-in test
 * runner, one JUnit test per file, so {@code ./mvnw verify} runs them. Without {@code node} on PATH
 * they are skipped (Debian package nodejs), or fail when {@code EYETOY_STRICT_TESTS=1}.
 */
class JavaScriptTest {
  private static final Path JS_TESTS = Path.of("src", "test", "js");

  @TempDir Path dir;

  static List<String> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(JS_TESTS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".test.mjs"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theJavaScriptTestsAreFound() throws IOException {
    List<String> files = testFiles();
    assertFalse(files.isEmpty(), "no *.test.mjs under " + JS_TESTS.toAbsolutePath());
    assertTrue(files.contains("yuyv.test.mjs"), files.toString());
  }

  @ParameterizedTest(name = "node --test {0}")
  @MethodSource("testFiles")
  void passesUnderNodesTestRunner(String file) throws IOException, InterruptedException {
    String node = TestRequirements.requireTool("node", "nodejs").toString();
    Path log = dir.resolve("node.log");
    Process p =
        new ProcessBuilder(node, "--test", JS_TESTS.resolve(file).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(exited, "node --test " + file + " hung:\n" + output);
    assertEquals(0, p.exitValue(), "node --test " + file + " failed:\n" + output);
  }
}
