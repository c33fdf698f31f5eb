package io.eyetoystreamer.streamer.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.ColourBar;
import io.eyetoystreamer.streamer.Main;
import io.eyetoystreamer.streamer.NoLeaks;
import io.eyetoystreamer.streamer.Pictures;
import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The viewer in a real headless Chromium against the streamer on the simulated Eyetoy: frames
 * arrive and are drawn, the colour bars have the documented colours, the stamp advances and is
 * whole, with the WebGL2 decoder (SwiftShader) and with the JavaScript one. Screenshots go to
 * target/.
 */
@ExtendWith(NoLeaks.class)
class ViewerInChromiumTest {
  private static final int TOLERANCE = 3;

  /** JPEG's, and H.264's: 4:2:0 at 1 Mbit/s keeps the bars' colours as close as JPEG does. */
  private static final int LOSSY_TOLERANCE = Pictures.JPEG_TOLERANCE;

  private static Streamer streamer;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    browser = Chromium.start();
    streamer =
        Streamer.start(StreamerConfig.parse("--port", "0"), new SimulatedCamera(), Main.assets());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (streamer != null) {
      streamer.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"webgl", "js", "jpeg", "h264"})
  void viewerDrawsTheBarsAndAnAdvancingStamp(String decoder) throws Exception {
    String query =
        switch (decoder) {
          case "js" -> "?decoder=js";
          case "jpeg" -> "?format=jpeg";
          case "h264" -> "?format=h264";
          default -> "";
        };
    browser.get(streamer.url() + query);
    waitFor("return window.eyetoyViewer && window.eyetoyViewer.framesDrawn > 5", 30);
    assertEquals(decoder, js("return window.eyetoyViewer.decoder"));

    int tolerance = decoder.equals("jpeg") || decoder.equals("h264") ? LOSSY_TOLERANCE : TOLERANCE;
    int row = (16 + (480 - 16 - 48)) / 2;
    for (ColourBar bar : ColourBar.values()) {
      int x = (int) ((bar.ordinal() + 0.5) * 640 / 8);
      List<?> px = (List<?>) js("return window.eyetoyViewer.readPixel(" + x + "," + row + ")");
      int[] expected = {bar.red(), bar.green(), bar.blue()};
      for (int c = 0; c < 3; c++) {
        int got = ((Number) px.get(c)).intValue();
        assertTrue(
            Math.abs(got - expected[c]) <= tolerance,
            decoder
                + " "
                + bar
                + " channel "
                + c
                + ": got "
                + px
                + ", expected ~"
                + List.of(bar.red(), bar.green(), bar.blue()));
      }
    }

    // Both stamps in one script: no frame can be drawn between the two reads.
    List<?> stamps =
        (List<?>)
            js(
                "return [window.eyetoyViewer.readStamp('top'), window.eyetoyViewer.readStamp('bottom')]");
    long first = ((Number) stamps.get(0)).longValue();
    assertEquals(
        first, ((Number) stamps.get(1)).longValue(), "top and bottom differ: a torn frame");
    waitFor("return window.eyetoyViewer.readStamp('top') !== " + first, 10);
    long later = stamp("top");
    assertNotEquals(first, later, "the stamp did not advance");
    assertTrue(later > first, "the stamp went back");

    Thread.sleep(3000);
    double fps = ((Number) js("return window.eyetoyViewer.fps")).doubleValue();
    System.out.printf("viewer %s decoder: %.1f frames drawn per second%n", decoder, fps);
    assertTrue(fps > 0, "no frames drawn: " + js("return JSON.stringify(window.eyetoyViewer)"));

    Path shot = Path.of("target", "viewer-" + decoder + ".png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * H.264 in Chromium (WebCodecs): the page keeps decoding and drawing, and a second viewer that
   * joins mid-stream draws its first picture within a second of its WebSocket opening. The rate it
   * draws at is a measurement, printed against the frames the server sent out in the same window
   * (on a quiet machine it keeps the camera's 30 fps; a starved browser decodes late, not wrong).
   */
  @Test
  void h264KeepsDrawingAndAJoinerDrawsWithinASecond() throws Exception {
    browser.get(streamer.url() + "?format=h264");
    waitFor("return window.eyetoyViewer && window.eyetoyViewer.framesDrawn > 30", 30);
    Thread.sleep(3000); // warm up: the first seconds include the page's start
    long fannedBefore = serverCount("framesFannedOut");
    long drawnBefore = ((Number) js("return window.eyetoyViewer.framesDrawn")).longValue();
    long stampBefore = stamp("top");
    Thread.sleep(3000);
    long drawn = ((Number) js("return window.eyetoyViewer.framesDrawn")).longValue() - drawnBefore;
    long fanned = serverCount("framesFannedOut") - fannedBefore;
    String viewer = (String) js("return JSON.stringify(window.eyetoyViewer)");
    System.out.printf(
        "h264 in Chromium: %d pictures drawn of %d frames sent out in 3 s (%.2f); viewer %s%n",
        drawn, fanned, drawn / (double) Math.max(fanned, 1), viewer);
    assertTrue(drawn > 0, "no picture drawn in 3 s: " + viewer);
    assertTrue(stamp("top") > stampBefore, "the picture did not move on: " + viewer);
    assertEquals(null, js("return window.eyetoyViewer.lastError"), viewer);

    String firstTab = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    try {
      browser.get(streamer.url() + "?format=h264");
      waitFor("return window.eyetoyViewer && window.eyetoyViewer.firstDrawnAtMs > 0", 30);
      double took =
          ((Number)
                  js("return window.eyetoyViewer.firstDrawnAtMs - window.eyetoyViewer.openedAtMs"))
              .doubleValue();
      System.out.printf("h264 joiner: first picture %.0f ms after its WebSocket opened%n", took);
      assertTrue(took < 1000, "the joiner drew its first picture after " + took + " ms");
      assertTrue(
          ((Number) js("return window.eyetoyViewer.readStamp('top')")).longValue() > 0,
          "with a legible stamp");
    } finally {
      browser.close();
      browser.switchTo().window(firstTab);
    }
  }

  private long serverCount(String field) throws Exception {
    String state = state();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + field + "\":([0-9]+)").matcher(state);
    assertTrue(m.find(), state);
    return Long.parseLong(m.group(1));
  }

  private String state() throws Exception {
    try (java.io.InputStream in = new java.net.URL(streamer.url() + "state").openStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private long stamp(String which) {
    return ((Number) js("return window.eyetoyViewer.readStamp('" + which + "')")).longValue();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private void waitFor(String condition, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!Boolean.TRUE.equals(js(condition))) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "in "
                + seconds
                + " s, not true: "
                + condition
                + "; viewer state: "
                + js("return JSON.stringify(window.eyetoyViewer || null)"));
      }
      Thread.sleep(100);
    }
  }
}
