package io.eyetoystreamer.jmh.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H264ReportTest {
  private static final String CSV =
      String.join(
          "\n",
          "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
              + "\"Unit\",\"Param: encoder\",\"Param: sequence\"",
          "\"io.eyetoystreamer.jmh.h264.H264EncodeBenchmark.encode\",\"avgt\",1,5,4.000000,"
              + "0.1,\"ms/op\",openh264,texture",
          "\"io.eyetoystreamer.jmh.h264.H264EncodeBenchmark.encode:gc.alloc.rate.norm\",\"avgt\","
              + "1,5,32.0,NaN,\"B/op\",openh264,texture",
          "\"io.eyetoystreamer.jmh.h264.H264EncodeBenchmark.encode\",\"avgt\",1,5,3.000000,"
              + "0.1,\"ms/op\",turbojpeg,texture",
          "\"io.eyetoystreamer.jmh.h264.YuyvToI420Benchmark.convert\",\"avgt\",1,5,0.500000,"
              + "0.01,\"ms/op\",,texture",
          "");

  private static final String C =
      String.join(
          "\n",
          "iteration 1: 3000000 ns/frame, 333 frames, 8000 bytes/frame",
          "RESULT median_ns_per_frame=3200000 mean_bytes_per_frame=8100.5"
              + " median_cpu_ns_per_frame=3000000 frames=999 iterations=3");

  private static final String AB =
      "RESULT_AB binding_cpu_ns=2454221 c_cpu_ns=2138149 convert_cpu_ns=213285 ratio=1.158"
          + " ratio_p25=1.130 ratio_p75=1.188 encode_ratio=1.060 encode_ratio_p25=1.030"
          + " encode_ratio_p75=1.086 rotations=10 jpeg_cpu_ns=2000000 jpeg_ratio=1.2"
          + " jpeg_ratio_p25=1.1 jpeg_ratio_p75=1.3";

  @Test
  void readsTheInProcessAb() {
    assertArrayEquals(
        new double[] {
          2.454221, 2.138149, 0.213285, 1.158, 1.13, 1.188, 1.06, 1.03, 1.086, 2.0, 1.2, 1.1, 1.3
        },
        H264Report.parseInProcess(AB),
        1e-9);
  }

  @Test
  void readsJmhCsvByMethodEncoderAndSequence() {
    Map<String, Double> s = H264Report.parseCsv(CSV);
    assertEquals(4.0, s.get("encode/openh264/texture"));
    assertEquals(32.0, s.get("encode:gc.alloc.rate.norm/openh264/texture"));
    assertEquals(3.0, s.get("encode/turbojpeg/texture"));
    assertEquals(0.5, s.get("convert//texture"));
  }

  @Test
  void readsTheCDriversResultInMilliseconds() {
    assertArrayEquals(new double[] {3.2, 8100.5, 3.0}, H264Report.parseC(C), 1e-9);
    assertTrue(
        Double.isNaN(
            H264Report.parseC("RESULT median_ns_per_frame=1 mean_bytes_per_frame=2 frames=3")[2]));
    assertThrows(IllegalArgumentException.class, () -> H264Report.parseC("iteration 1: 5 ns"));
  }

  @Test
  void ratiosToCAreTakenPerRound() {
    H264Report.Round r1 =
        new H264Report.Round(
            1,
            H264Report.parseCsv(CSV),
            Map.of(
                "c-texture", new double[] {3.2, 8100, 3.0},
                "openh264-texture", new double[] {4.0, 8000, 3.6},
                "convert-texture", new double[] {0.5, 0, 0.3}),
            Map.of("texture", H264Report.parseInProcess(AB)));
    String table =
        H264Report.table(
            List.of(r1), new H264Report.Measured(Map.of("openh264/texture", 8000.0), Map.of()));
    assertTrue(table.contains("| texture | 4.000 | 8000 | 32.0 | 1.25 |"), table);
    assertTrue(table.contains("| texture | 3.500 |  |  | 1.09 |"), table);
    assertTrue(table.contains("(YUYV in) | texture | 3.600 | 4.000 | 1.20 |"), table);
    assertTrue(table.contains("I420 step) | texture | 3.300 |  | 1.10 |"), table);
    assertTrue(
        table.contains(
            "| 1 | texture | 2.454 | 2.138 | 0.213 | 1.16 (1.13 to 1.19) | 1.06 (1.03 to 1.09)"
                + " | 2.000 | 1.20 (1.10 to 1.30) |"),
        table);
    assertTrue(
        table.contains(
            "| median | texture | 2.454 | 2.138 | 0.213 | **1.16** | **1.06** | 2.000 | **1.20** |"),
        table);
  }
}
