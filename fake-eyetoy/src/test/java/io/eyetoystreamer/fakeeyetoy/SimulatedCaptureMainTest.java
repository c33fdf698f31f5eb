package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCaptureMainTest {
  @TempDir Path dir;

  @Test
  void writesStampedFramesIntoASharedAreaFile() throws Exception {
    Path file = dir.resolve("eyetoy.area");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SimulatedCaptureMain.Options options =
        SimulatedCaptureMain.Options.parse(
            "--area", file.toString(), "--fps", "60", "--frames", "10");

    long written =
        SimulatedCaptureMain.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertEquals(10, written);
    assertTrue(Files.size(file) > 10 * 614_400L / 4, "the area holds its slots");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("640x480 YUYV at 60 fps"));
    try (FrameArea area = FrameArea.openFile(file, Duration.ofSeconds(1))) {
      assertEquals(10, area.latestSequence());
      AreaReader reader = area.newReader();
      ByteBuffer frame = ByteBuffer.allocate(614_400);
      assertEquals(10, reader.readLatest(frame, 0), "the newest frame");
      frame.flip();
      StampDecoder.Stamps stamps = StampDecoder.fromYuyv(frame, 640, 480, 1280);
      assertTrue(stamps.whole());
      // Driver sequence 9 unless the loaded machine made the simulated driver skip a frame (it
      // counts frames that found no queued buffer, as the real one does).
      assertTrue(stamps.sequence() >= 9, "the tenth frame is driver sequence 9 or later");
    }
  }

  @Test
  void rejectsUnknownOptions() {
    assertThrows(
        IllegalArgumentException.class, () -> SimulatedCaptureMain.Options.parse("--colour"));
    assertThrows(IllegalArgumentException.class, () -> SimulatedCaptureMain.Options.parse("--fps"));
  }
}
