package io.eyetoystreamer.streamer.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.streamer.Main;
import io.eyetoystreamer.streamer.NoLeaks;
import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The viewer's controls panel in headless Chromium on the simulated Eyetoy: dragging the brightness
 * slider changes the picture the page draws (the black bar becomes the grey that the brightness
 * makes of it, as fake-eyetoy's README maps it), and "reset to defaults" brings it back.
 */
@ExtendWith(NoLeaks.class)
class ControlsPanelInChromiumTest {
  private static final int TOLERANCE = 3;

  /** The centre of the black bar (the eighth), in the rows of the bars. */
  private static final int BLACK_X = 600;

  private static final int ROW = (16 + (480 - 16 - 48)) / 2;

  private static final FakeEyetoy fake = new FakeEyetoy();
  private static Streamer streamer;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    browser = Chromium.start();
    streamer =
        Streamer.start(
            StreamerConfig.parse("--port", "0"), new SimulatedCamera(fake), Main.assets());
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

  @BeforeEach
  void openThePanel() throws Exception {
    browser.get(streamer.url());
    waitFor("return window.eyetoyViewer && window.eyetoyViewer.framesDrawn > 5", 30);
    browser.findElement(By.id("controls-button")).click();
    waitFor("return document.getElementById('control-brightness') !== null", 10);
  }

  @AfterEach
  void screenshot(org.junit.jupiter.api.TestInfo info) throws Exception {
    Path shot = Path.of("target", "controls-" + info.getTestMethod().get().getName() + ".png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void draggingTheBrightnessSliderBrightensThePicture() throws Exception {
    assertEquals("true", attribute("controls-button", "aria-pressed"));
    assertGrey(0, "before: the black bar");
    List<?> list = (List<?>) js("return window.eyetoyViewer.controls.map(c => c.name)");
    assertTrue(list.contains("brightness") && list.contains("power_line_frequency"), "" + list);
    assertEquals("select", tag("control-power_line_frequency"));
    assertEquals("checkbox", attribute("control-horizontal_flip", "type"));
    assertEquals(
        "true",
        String.valueOf(js("return document.getElementById('control-gain').disabled")),
        "gain is inactive while autogain is on");

    WebElement slider = browser.findElement(By.id("control-brightness"));
    int width = slider.getSize().getWidth();
    // A real drag: press near the left end, move right in steps, let go a third of the way along.
    Actions drag = new Actions(browser).moveToElement(slider, -width / 2 + 3, 0).clickAndHold();
    for (int i = 0; i < 8; i++) {
      drag.moveByOffset(width / 3 / 8, 0).pause(30);
    }
    drag.release().perform();
    long value = Long.parseLong(slider.getAttribute("value"));
    assertTrue(value > 40 && value < 200, "the slider ended at " + value);

    // The server gets where the slider stopped (the throttle sends the last value)...
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (serverBrightness() != value && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(value, serverBrightness(), "brightness as v4l2-api reads it from the camera");
    // ...and the page draws the brighter picture: Y = 16 + brightness, i.e. grey 1.164 * b.
    int expected = (int) Math.min(255, Math.round(1.164383 * value));
    waitFor(
        "const p = window.eyetoyViewer.readPixel("
            + BLACK_X
            + ","
            + ROW
            + "); return Math.abs(p[0] - "
            + expected
            + ") <= "
            + TOLERANCE,
        10);
    assertGrey(expected, "after brightness " + value);
    assertEquals(
        Long.toString(value),
        browser.findElement(By.cssSelector("[data-control=brightness] output")).getText());
    assertEquals(null, js("return window.eyetoyViewer.controlsError"));
  }

  @Test
  void aChangeFromElsewhereMovesTheSliderAndResetBringsTheDefaultsBack() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(streamer.url() + "controls"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"brightness\": 80}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    // The /ws message moves this page's slider.
    waitFor("return document.getElementById('control-brightness').value === '80'", 10);
    waitFor(
        "return window.eyetoyViewer.controls.find(c => c.name === 'brightness').value === 80", 5);
    // The frames already on their way were captured before the change: wait for a newer one.
    int grey = (int) Math.round(1.164383 * 80);
    waitFor(
        "const p = window.eyetoyViewer.readPixel("
            + BLACK_X
            + ","
            + ROW
            + "); return Math.abs(p[0] - "
            + grey
            + ") <= "
            + TOLERANCE,
        10);
    assertGrey(grey, "after brightness 80");

    browser.findElement(By.className("controls-reset")).click();
    waitFor("return document.getElementById('control-brightness').value === '0'", 10);
    waitFor(
        "const p = window.eyetoyViewer.readPixel("
            + BLACK_X
            + ","
            + ROW
            + "); return p[0] <= "
            + TOLERANCE,
        10);
    assertEquals(0, serverBrightness());
  }

  private static long serverBrightness() {
    try (V4l2Device d = V4l2Device.open(fake.path(), fake)) {
      return d.controls().get("brightness");
    }
  }

  private void assertGrey(int expected, String what) {
    List<?> px = (List<?>) js("return window.eyetoyViewer.readPixel(" + BLACK_X + "," + ROW + ")");
    for (int c = 0; c < 3; c++) {
      int got = ((Number) px.get(c)).intValue();
      assertTrue(
          Math.abs(got - expected) <= TOLERANCE, what + ": got " + px + ", expected ~" + expected);
    }
  }

  private String attribute(String id, String name) {
    return browser.findElement(By.id(id)).getAttribute(name);
  }

  private String tag(String id) {
    return browser.findElement(By.id(id)).getTagName();
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
                + "; viewer: "
                + js(
                    "const v = window.eyetoyViewer; return JSON.stringify({drawn: v.framesDrawn,"
                        + " error: v.lastError, controlsError: v.controlsError, pixel:"
                        + " v.readPixel("
                        + BLACK_X
                        + ","
                        + ROW
                        + ")})"));
      }
      Thread.sleep(100);
    }
  }
}
