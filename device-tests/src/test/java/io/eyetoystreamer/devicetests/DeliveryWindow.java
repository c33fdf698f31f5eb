package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/**
 * What one viewer got in a window, against what the camera delivered in the same window (the
 * yardstick), so a starved machine (a camera driver in an emulated VM) slows both sides alike.
 * Counts start after a warm-up: in an emulated VM the first seconds lag while code is interpreted.
 */
final class DeliveryWindow {
  final long seconds;
  final long captured;
  final long skipped;
  final long received;
  final long changed;

  private DeliveryWindow(long seconds, long captured, long skipped, long received, long changed) {
    this.seconds = seconds;
    this.captured = captured;
    this.skipped = skipped;
    this.received = received;
    this.changed = changed;
  }

  /** Waits {@code warmUpMillis}, then counts for {@code seconds}. */
  static DeliveryWindow measure(
      StreamerUnderTest server, FrameChecker checker, long warmUpMillis, long seconds)
      throws Exception {
    Thread.sleep(warmUpMillis);
    long captured = server.framesCaptured();
    long skipped = server.framesSkipped();
    long received = checker.frames();
    long changed = checker.changes();
    Thread.sleep(seconds * 1000);
    DeliveryWindow window =
        new DeliveryWindow(
            seconds,
            server.framesCaptured() - captured,
            server.framesSkipped() - skipped,
            checker.frames() - received,
            checker.changes() - changed);
    System.out.println(window);
    return window;
  }

  /**
   * Every frame reached the viewer or was skipped because the viewer was not ready (the server's
   * policy: newest frame wins, counted), and most reached it. In an emulated VM the viewer shares
   * one emulated core with the server and the driver, so it may skip some.
   */
  void assertTheViewerKeptUp() {
    assertTrue(
        received + skipped >= captured * 0.9,
        received + " frames received and " + skipped + " skipped of " + captured + " captured");
    assertTrue(
        received >= captured * 0.6,
        received + " frames received of " + captured + " captured in " + seconds + " s");
  }

  /** The camera itself delivered at least half of {@code fps} in the window. */
  void assertTheCameraDelivered(double fps) {
    assertTrue(
        captured >= fps * seconds * 0.5,
        captured + " frames captured in " + seconds + " s at " + fps + " fps");
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "viewer: %d frames in %d s (%.2f fps), %d captured, %d skipped (viewer not ready),"
            + " %d of them a new picture",
        received,
        seconds,
        received / (double) seconds,
        captured,
        skipped,
        changed);
  }
}
