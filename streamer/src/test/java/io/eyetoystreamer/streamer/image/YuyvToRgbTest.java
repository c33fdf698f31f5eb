package io.eyetoystreamer.streamer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server's conversion against the test vectors the viewer's JavaScript decoder is checked with
 * (web/src/test/resources/yuyv-vectors.json), so the two cannot drift.
 */
class YuyvToRgbTest {
  private static final Path VECTORS =
      Path.of("..", "web", "src", "test", "resources", "yuyv-vectors.json");
  private static final Pattern VECTOR =
      Pattern.compile(
          "\"y0\":(\\d+),\"u\":(\\d+),\"y1\":(\\d+),\"v\":(\\d+),"
              + "\"rgb0\":\\[(\\d+),(\\d+),(\\d+)\\],\"rgb1\":\\[(\\d+),(\\d+),(\\d+)\\]");

  @Test
  void everySharedVectorConvertsExactly() throws Exception {
    int checked = 0;
    for (String line : Files.readAllLines(VECTORS)) {
      Matcher m = VECTOR.matcher(line);
      if (!m.find()) {
        continue;
      }
      List<Integer> n = new ArrayList<>();
      for (int g = 1; g <= 10; g++) {
        n.add(Integer.parseInt(m.group(g)));
      }
      int rgb0 = YuyvToRgb.pixel(n.get(0), n.get(1), n.get(3));
      int rgb1 = YuyvToRgb.pixel(n.get(2), n.get(1), n.get(3));
      assertEquals(n.get(4) << 16 | n.get(5) << 8 | n.get(6), rgb0, line);
      assertEquals(n.get(7) << 16 | n.get(8) << 8 | n.get(9), rgb1, line);
      checked++;
    }
    assertTrue(checked >= 20, "only " + checked + " vectors found in " + VECTORS);
  }
}
