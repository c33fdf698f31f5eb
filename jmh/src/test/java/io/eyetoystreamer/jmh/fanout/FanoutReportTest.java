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
  void comparesTwoStreamersRoundByRound() throws Exception {
    write("r1-n10-streamer", 0.20);
    write("r1-n10-old", 0.40);
    write("r2-n10-streamer", 0.30);
    write("r2-n10-old", 0.30);
    String table = FanoutReport.table(FanoutReport.read(dir));
    assertTrue(table.contains("| 10 | streamer | 2 |"), table);
    assertTrue(table.contains("| 10 | old | 2 |"), table);
    assertTrue(table.contains("new / old"), table);
    // CPU per GB, per round: 0.5 and 1.0.
    assertTrue(table.contains("| 10 | 0.75 (0.50 to 1.00) |"), table);
    // 3000 context switches for 300 frames per viewer.
    assertTrue(table.contains("| 10.0 | 100 |"), table);
  }

  @Test
  void tabulatesMjpegPerViewer() throws Exception {
    write("r1-n10-mjpeg", 1.0);
    write("r1-n50-mjpeg", 1.0, "serverCpu=3", "viewers=50", "frames=15000");
    String table = FanoutReport.table(FanoutReport.read(dir));
    // N = 10: 1 CPU s in 10 s = 10 % of a core, 1 % per viewer; 184 MB/s over 3000 frames.
    assertTrue(table.contains("| 10 | 1 | 30.0 / 30.0 | 613333 | 18400 | 10.0 | 1.00 |"), table);
    assertTrue(table.contains("| 50 | 1 | 30.0 / 30.0 |"), table);
    // 10 % to 30 % of a core from 10 to 50 viewers: 0.5 % each.
    assertTrue(table.contains("costs 0.50 % of a core"), table);
    assertTrue(!table.contains("| N | server |"), table);
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

  @Test
  void keepsWrittenNotesAfterTheTables() {
    String doc =
        FanoutReport.BEGIN
            + "\nold table\n\n"
            + FanoutReport.KEEP
            + "\nnotes\n"
            + FanoutReport.END
            + "\n";
    assertEquals(
        FanoutReport.BEGIN
            + "\nnew table\n\n"
            + FanoutReport.KEEP
            + "\nnotes\n"
            + FanoutReport.END
            + "\n",
        FanoutReport.splice(doc, "new table"));
  }

  private void write(String name, double cpuPerGb, String... overrides) throws Exception {
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String line :
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
            "windowSeconds=10",
            "viewers=10",
            "frames=3000",
            "bytes=1840000000",
            "serverSwitches=3000",
            "serverRss=104857600")) {
      values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    for (String line : overrides) {
      values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    List<String> lines = new java.util.ArrayList<>();
    values.forEach((k, v) -> lines.add(k + "=" + v));
    Files.write(dir.resolve(name + ".properties"), lines);
  }
}
