package io.eyetoystreamer.jmh.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutReportTest {
  @TempDir Path dir;

  @Test
  void tabulatesMediansAndThePairedRatio() throws Exception {
    write("r1-n10-streamer", 0.30);
    write("r1-n10-baseline", 0.10);
    write("r2-n10-streamer", 0.20);
    write("r2-n10-baseline", 0.10);
    write("r3-n10-streamer", 0.40);
    write("r3-n10-baseline", 0.20);
    String table = FanoutReport.table(FanoutReport.read(dir));
    assertTrue(table.contains("| 10 | streamer | 3 | 30.0 / 30.0 |"), table);
    assertTrue(table.contains("| 0.300 ("), table);
    assertTrue(table.contains("| 2.00 (2.00 to 3.00) |"), table);
    assertTrue(table.contains("| 10 | baseline | 3 |"), table);
  }

  @Test
  void splicesBetweenTheMarkersOnly() {
    String doc =
        "a\n<!-- area:begin -->\nx\n<!-- area:end -->\n"
            + FanoutReport.BEGIN
            + "\nold\n"
            + FanoutReport.END
            + "\nz\n";
    String out = FanoutReport.splice(doc, "new table\n");
    assertEquals(
        "a\n<!-- area:begin -->\nx\n<!-- area:end -->\n"
            + FanoutReport.BEGIN
            + "\nnew table\n"
            + FanoutReport.END
            + "\nz\n",
        out);
    assertThrows(IllegalArgumentException.class, () -> FanoutReport.splice("no markers", "t"));
  }

  private void write(String name, double cpuPerGb) throws Exception {
    Files.write(
        dir.resolve(name + ".properties"),
        List.of(
            "errors=0",
            "fpsMin=30.0",
            "fpsMedian=30.0",
            "skipped=0",
            "megabytesPerSecond=184.0",
            "cpuSecondsPerGigabyte=" + cpuPerGb,
            "serverCpu=1",
            "serverUserCpu=0.5",
            "serverSystemCpu=0.5",
            "ageP50Millis=1.0",
            "ageP99Millis=2.0",
            "serverPeakRss=104857600",
            "otherCpu=1.0",
            "clientCpu=0.5",
            "windowSeconds=10"));
  }
}
