package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout in ARCHITECTURE.md is enough for another language: tools/read_area.py, written from it
 * alone, reads the header and the newest frame of an area this library wrote.
 */
class PythonReaderTest {
  private static final Path SCRIPT = Path.of("..", "tools", "read_area.py");

  @TempDir Path dir;

  @Test
  void pythonReaderReadsTheNewestFrameAndTheHeader() throws Exception {
    String python = TestRequirements.requireTool("python3", "python3").toString();
    Path area = dir.resolve("area");
    Path out = dir.resolve("frame.bin");
    AreaGeometry geometry = AreaGeometry.yuyv(64, 48);
    ByteBuffer frame = AreaWriterTest.frame(7, geometry.slotCapacity());
    try (FrameArea written = FrameArea.createFile(area, geometry)) {
      AreaWriter writer = written.writer();
      for (int i = 0; i < 6; i++) {
        writer.publish(AreaWriterTest.frame(i + 1, geometry.slotCapacity()), 1000 + i);
      }
      writer.publish(frame, 123456789);
      List<String> lines = run(python, SCRIPT.toString(), area.toString(), out.toString());
      assertTrue(lines.contains("width=64 height=48 fourcc=YUYV"), lines.toString());
      assertTrue(lines.contains("slots=4 capacity=6144 stride=6144"), lines.toString());
      assertTrue(lines.contains("writerPid=" + ProcessHandle.current().pid() + " writerState=1"));
      assertTrue(
          lines.contains("sequence=7 captureTimeNanos=123456789 length=6144"), lines.toString());
    }
    byte[] expected = new byte[frame.remaining()];
    frame.get(expected);
    assertArrayEquals(expected, Files.readAllBytes(out));
  }

  @Test
  void pythonReaderRejectsAFileThatIsNotAnArea() throws Exception {
    String python = TestRequirements.requireTool("python3", "python3").toString();
    Path notArea = dir.resolve("not-an-area");
    Files.write(notArea, new byte[1024]);
    Process p = new ProcessBuilder(python, SCRIPT.toString(), notArea.toString()).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python reader hung");
    assertEquals(0, p.exitValue(), output);
    return output.lines().toList();
  }
}
