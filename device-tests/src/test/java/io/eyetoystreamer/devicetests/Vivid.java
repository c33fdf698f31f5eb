package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.v4l2.Capabilities;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The kernel's vivid driver as the device under test: the condition of {@link VividTest}, and what
 * its tests share (the unplug and replug script, the picture check).
 */
final class Vivid implements ExecutionCondition {
  /** The system property naming the unplug/replug script ({@code .ci/vivid.d/reload-vivid}). */
  static final String RELOAD = "vivid.reload";

  /** vivid's control ids (drivers/media/test-drivers/vivid/vivid-ctrls.c). */
  static final String DISCONNECT = "disconnect";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (DeviceUnderTest.whyNot() != null) {
      return ConditionEvaluationResult.disabled("vivid tests skipped: " + DeviceUnderTest.whyNot());
    }
    Capabilities caps = DeviceUnderTest.capabilities();
    if (!"vivid".equals(caps.driver())) {
      return ConditionEvaluationResult.disabled(
          "vivid tests skipped: "
              + DeviceUnderTest.path()
              + " is driven by "
              + caps.driver()
              + ", not vivid");
    }
    return ConditionEvaluationResult.enabled("vivid at " + DeviceUnderTest.path());
  }

  Vivid() {}

  /**
   * Runs the reload script with one argument: {@code unplug} removes vivid's device nodes (as udev
   * does when a camera goes), {@code replug} waits until no descriptor holds the module, then
   * {@code rmmod vivid; insmod vivid.ko} with the same options (the nodes come back).
   */
  static void reload(String step) throws IOException, InterruptedException {
    String script = System.getProperty(RELOAD, "").trim();
    if (script.isEmpty() || !Files.isExecutable(Path.of(script))) {
      fail(
          "-D"
              + RELOAD
              + " must name the vivid unplug/replug script (.ci/vivid sets it), got '"
              + script
              + "'");
    }
    Process p = new ProcessBuilder(script, step).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(script + " " + step + " did not finish within 60 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    System.out.println("vivid " + step + ": " + out);
    assertEquals(0, p.exitValue(), script + " " + step + " failed: " + out);
  }

  /**
   * Checks that a vivid YUYV frame is whole. vivid's colour bars are vertical, so below the text it
   * draws at the top (rows 16 to 143 at 640x480) every row of a frame is the same; with the bars
   * moving ({@code horizontal_movement}) a frame torn between two pictures would have rows that
   * differ.
   *
   * @return null when whole, else what is wrong
   */
  static String tornRows(ByteBuffer frame, int height, int bytesPerLine) {
    int from = height / 3;
    int last = frame.position() + (height - 1) * bytesPerLine;
    for (int row = from; row < height - 1; row++) {
      int at = frame.position() + row * bytesPerLine;
      if (frame.slice(at, bytesPerLine).mismatch(frame.slice(last, bytesPerLine)) >= 0) {
        return "row " + row + " differs from row " + (height - 1);
      }
    }
    return null;
  }

  /** Counts the entries of {@code /proc/self/fd} and {@code /proc/self/maps} that name a path. */
  record Usage(long descriptors, long mappings) {
    static Usage of(String device) throws IOException {
      long fds = 0;
      try (var entries = Files.list(Path.of("/proc/self/fd"))) {
        for (Path fd : (Iterable<Path>) entries::iterator) {
          try {
            if (Files.readSymbolicLink(fd).toString().equals(device)) {
              fds++;
            }
          } catch (IOException ignored) {
            // the descriptor of the listing itself is gone by now
          }
        }
      }
      long maps = 0;
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        if (line.endsWith(" " + device)) {
          maps++;
        }
      }
      return new Usage(fds, maps);
    }
  }

  /** Asserts that a list of lines contains one with the given text. */
  static void assertContainsLine(List<String> lines, String expected) {
    assertTrue(lines.contains(expected), "no line '" + expected + "' in " + lines);
  }
}
