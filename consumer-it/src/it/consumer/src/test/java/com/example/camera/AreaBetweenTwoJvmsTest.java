package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's two-process example: a capturing JVM writes the area, this JVM reads it. */
class AreaBetweenTwoJvmsTest {
  @Test
  void framesCapturedInOneJvmAreReadWholeInAnother(@TempDir Path dir) throws Exception {
    Path area = dir.resolve("eyetoy.area");
    Path log = dir.resolve("capture.log");
    Process capture =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Deyetoystreamer.v4l2.native=simulated",
                "-cp",
                System.getProperty("java.class.path"),
                AreaExample.class.getName(),
                area.toString(),
                "20")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      for (int i = 0; i < 100 && !Files.exists(area); i++) {
        Thread.sleep(100);
      }
      List<Long> sequences = new ArrayList<>();
      AreaExample.view(
          area,
          10,
          frame -> {
            StampDecoder.Stamps s = StampDecoder.fromYuyv(frame, 640, 480, 1280);
            assertTrue(s.whole(), "a whole frame: " + s);
            assertEquals(640 * 480 * 2, frame.remaining());
            sequences.add(s.sequence());
          });
      assertEquals(10, sequences.size(), "frames read; capture said: " + Files.readString(log));
      for (int i = 1; i < sequences.size(); i++) {
        assertTrue(sequences.get(i) > sequences.get(i - 1), "newer frames: " + sequences);
      }
    } finally {
      capture.destroy();
      capture.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
