package io.eyetoystreamer.jmh.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegReportTest {
  private static final String CSV =
      String.join(
          "\n",
          "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
              + "\"Unit\",\"Param: encoder\"",
          "\"io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark.encode\",\"avgt\",1,5,3.000000,"
              + "0.1,\"ms/op\",imageio",
          "\"io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark.encode:gc.alloc.rate.norm\",\"avgt\","
              + "1,5,123456.0,NaN,\"B/op\",imageio",
          "\"io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark.encode\",\"avgt\",1,5,1.200000,"
              + "0.1,\"ms/op\",turbojpeg",
          "\"io.eyetoystreamer.jmh.jpeg.JpegEncodeBenchmark.encode:\u00b7gc.alloc.rate.norm\","
              + "\"avgt\",1,5,0.5,NaN,\"B/op\",turbojpeg",
          "\"io.eyetoystreamer.jmh.jpeg.YuyvSplitBenchmark.split\",\"avgt\",1,5,0.400000,0.01,"
              + "\"ms/op\",",
          "");

  private static final String TJBENCH =
      String.join(
          "\n",
          "",
          ">>>>>  BGR (Top-down) <--> JPEG 4:2:2 Q80  <<<<<",
          "",
          "Image size: 640 x 480",
          "Encode YUV    --> Frame rate:         2000.0 fps",
          "                  Output image size:  614400 bytes",
          "Comp from YUV --> Frame rate:         1000.000000 fps",
          "                  Output image size:  8000 bytes",
          "                  Compression ratio:  115.2:1");

  @TempDir Path dir;

  @Test
  void readsJmhCsvIncludingSecondaryResults() {
    Map<String, Double> s = JpegReport.parseCsv(CSV);
    assertEquals(3.0, s.get(JpegReport.IMAGEIO));
    assertEquals(1.2, s.get(JpegReport.TURBO));
    assertEquals(0.4, s.get(JpegReport.SPLIT));
    assertEquals(0.5, s.get("encode:gc.alloc.rate.norm/turbojpeg"));
    assertEquals(123456.0, s.get("encode:gc.alloc.rate.norm/imageio"));
  }

  @Test
  void readsTjbenchsCompressionFromYuv() {
    JpegReport.Tjbench t = JpegReport.parseTjbench(TJBENCH);
    assertEquals(1.0, t.millis(), 1e-9);
    assertEquals(8000, t.bytes());
    assertEquals(0.5, t.encodeYuvMillis(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> JpegReport.parseTjbench("nothing"));
  }

  @Test
  void tabulatesMediansAndTheRatioToTjbench() throws Exception {
    Files.writeString(dir.resolve("r1.csv"), CSV);
    Files.writeString(dir.resolve("r1.tjbench.txt"), TJBENCH);
    Files.writeString(dir.resolve("r2.csv"), CSV);
    Files.writeString(dir.resolve("r2.tjbench.txt"), TJBENCH.replace("1000.000000", "800.0"));
    List<JpegReport.Round> rounds = JpegReport.read(dir);
    assertEquals(2, rounds.size());
    String table =
        JpegReport.table(rounds, Map.of(JpegReport.TURBO, 9000.0, JpegReport.IMAGEIO, 12000.0));
    // tjbench: 1.0 and 1.25 ms; TurboJPEG path 1.2 ms: ratios 1.2 and 0.96.
    assertTrue(table.contains("| 1.200 | 833 | 9000 | 0.5 | 1.08 (0.96 to 1.20) |"), table);
    assertTrue(table.contains("| 1.125 | 889 | 8000 |  | 1 |"), table);
    assertTrue(table.contains("| 0.400 | 2500 |  |  |  |"), table);
    assertTrue(table.contains("| 3.000 | 333 | 12000 | 123456 |"), table);
    assertTrue(table.contains("2.5x the TurboJPEG path"), table);
    // Encode YUV 0.5 ms + Comp from YUV 1.125 ms (medians).
    assertTrue(table.contains("| 1.625 | 615 |  |  | 1.44 |"), table);
    assertTrue(!table.contains("C1 only"), table);
  }
}
