package io.eyetoystreamer.jmh.fanout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H264LoadReportTest {
  @TempDir Path dir;

  @Test
  void tabulatesSizesAgesAndTheCostOfAnExtraViewer() throws Exception {
    // 10 viewers, 300 frames each in 10 s.
    write("r1-bars-raw-n10", 10, 3000, 614400, 0, 1.0, null);
    write(
        "r1-bars-jpeg-n10",
        10,
        3000,
        8000,
        0,
        1.5,
        "\"jpeg\":{\"meanBytesPerFrame\":8001.5,\"meanEncodeMillis\":1.25}");
    write(
        "r1-bars-h264-n10",
        10,
        3000,
        100,
        50,
        2.0,
        "\"h264\":{\"bitsPerSecond\":24000,\"meanEncodeMillis\":2.5}");
    write("r1-bars-h264-n1", 1, 300, 100, 5, 1.0, null);
    write("r2-bars-h264-n1", 1, 300, 100, 5, 1.2, null);
    write("r2-bars-h264-n10", 10, 3000, 100, 50, 2.8, null);
    String t = H264LoadReport.tables(H264LoadReport.read(dir));
    // 8000 bytes a frame: 1.92 Mbit/s at 30 fps, 1/77 of raw.
    assertTrue(t.contains("| bars | JPEG (`/ws?format=jpeg`) | 1 | 8000 | 1.92 | 0.013 |"), t);
    assertTrue(t.contains("| 8002 bytes per frame |"), t);
    assertTrue(t.contains("| bars | H.264 (`/ws?format=h264`) | 2 | 100 | 0.024 | 1/6144 |"), t);
    assertTrue(t.contains("| 24.0 kbit/s |"), t);
    assertTrue(t.contains("| bars | raw YUYV (`/ws`) | 1 | 614400 | 147.5 |  |"), t);
    // 50 key frames for 10 viewers in 10 s; 2.0 and 2.8 CPU s in 10 s: 24 % of a core.
    assertTrue(t.contains("| bars | H.264 | 30.0 / 30.0 | 0 | 1.00 / 2.00 | 2.50 | 24.0 |"), t);
    // 50 key frames of 1000 bytes; 2950 others of (300000 - 50000) / 2950.
    assertTrue(t.contains("| bars | 5.0 | 1000 | 84.7 | 17 % |"), t);
    assertTrue(t.contains("| bars | 1 | 2 | 30.0 / 30.0 | 11.0 | 1.00 / 2.00 | 24 |  |"), t);
    // Per round: (20 - 10) / 9 and (28 - 12) / 9 % of a core per viewer.
    assertTrue(t.contains("| bars | 1 | 10 | 1.444 (1.111 to 1.778) | 2 |"), t);
  }

  private void write(
      String name, int viewers, long frames, long unit, long keys, double cpu, String state)
      throws Exception {
    Files.writeString(
        dir.resolve(name + ".properties"),
        String.join(
            "\n",
            "viewers=" + viewers,
            "windowSeconds=10",
            "fpsMin=30",
            "fpsMedian=30",
            "skipped=0",
            "frames=" + frames,
            "bytes=" + frames * (unit + 40),
            "payloadBytes=" + frames * unit,
            "keyFrames=" + keys,
            "keyFrameBytes=" + keys * 1000,
            "ageP50Millis=1",
            "ageP99Millis=2",
            "serverCpu=" + cpu,
            "clientCpu=0.1",
            "otherCpu=0.2",
            "errors=0"));
    if (state != null) {
      Files.writeString(dir.resolve(name + ".state.json"), "{" + state + "}");
    }
  }
}
