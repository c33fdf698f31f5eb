package io.eyetoystreamer.devicetests;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The camera the device tests run against: {@code -Dv4l2.device=/dev/video0}. Without one, or when
 * the node cannot capture video, every device test is skipped with the reason, and the reason is
 * printed once, as one line, so a run without a camera never passes silently.
 */
final class DeviceUnderTest implements ExecutionCondition {
  static final String PROPERTY = "v4l2.device";

  private static final AtomicBoolean TOLD = new AtomicBoolean();
  private static volatile String verdict;
  private static volatile Capabilities capabilities;

  /** The device path; only meaningful when the tests run. */
  static String path() {
    return System.getProperty(PROPERTY, "").trim();
  }

  /** What the device said when it was first opened. */
  static Capabilities capabilities() {
    whyNot();
    return capabilities;
  }

  /** Why the device tests cannot run, or null when they can. */
  static synchronized String whyNot() {
    if (verdict == null) {
      verdict = judge();
    }
    return verdict.isEmpty() ? null : verdict;
  }

  private static String judge() {
    String path = path();
    if (path.isEmpty()) {
      return "no camera given: -D"
          + PROPERTY
          + " is not set (run ./mvnw -Preal-device verify -Dv4l2.device=/dev/video0)";
    }
    if (!Files.exists(Path.of(path))) {
      return path + " does not exist (-D" + PROPERTY + "=" + path + ")";
    }
    try (V4l2Device device = V4l2Device.open(path)) {
      Capabilities caps = device.capabilities();
      if (!caps.canCapture()) {
        return path
            + " is not a video capture device ("
            + caps.driver()
            + ": "
            + String.join(", ", Capabilities.names(caps.nodeCaps()))
            + ")";
      }
      capabilities = caps;
      return "";
    } catch (V4l2Exception e) {
      return path + " cannot be used: " + e.getMessage();
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = whyNot();
    if (why == null) {
      return ConditionEvaluationResult.enabled(
          "camera " + path() + ": " + capabilities.driver() + ", " + capabilities.card());
    }
    if (TOLD.compareAndSet(false, true)) {
      System.err.println("real-device tests SKIPPED: " + why);
    }
    return ConditionEvaluationResult.disabled("real-device tests skipped: " + why);
  }
}
