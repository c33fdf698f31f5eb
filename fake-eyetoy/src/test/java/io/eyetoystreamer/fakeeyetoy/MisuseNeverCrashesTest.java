package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link MisuseScenarios} in a JVM of its own. A JVM crash there (SIGSEGV reading an unmapped
 * buffer: exit status 134 and an {@code hs_err} file) fails this test; it does not vanish with the
 * fork.
 */
class MisuseNeverCrashesTest {
  @Test
  void everyCloseOrderAndUseAfterCloseThrowsAndNothingCrashes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ErrorFile=" + dir.resolve("hs_err.log"),
                "-cp",
                System.getProperty("java.class.path"),
                MisuseScenarios.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    boolean finished = p.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    File hsErr = dir.resolve("hs_err.log").toFile();
    assertTrue(!hsErr.exists(), "the JVM crashed:\n" + output);
    assertTrue(finished, "the scenarios hung:\n" + output);
    assertEquals(0, p.exitValue(), "exit status " + p.exitValue() + ":\n" + output);
    assertTrue(output.contains(" passed, 0 failed"), output);
  }
}
