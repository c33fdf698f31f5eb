package io.eyetoystreamer.streamer.viewer;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver: no browser or driver downloads. The
 * flags give WebGL2 (SwiftShader) when running as root in a container, and keep Chromium off the
 * network.
 */
final class Chromium {
  private Chromium() {}

  /** Starts a headless Chromium, or skips (fails under EYETOY_STRICT_TESTS=1) without one. */
  static ChromeDriver start() throws Exception {
    String chromium = TestRequirements.requireTool("chromium", "chromium").toString();
    String driver = TestRequirements.requireTool("chromedriver", "chromium-driver").toString();
    Path profile = Files.createTempDirectory("eyetoy-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=800,700",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    return new ChromeDriver(service, options);
  }
}
