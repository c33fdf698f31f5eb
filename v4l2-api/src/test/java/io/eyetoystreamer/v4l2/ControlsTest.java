package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlsTest {
  private static final int BRIGHTNESS = 0x00980900;

  private final ScriptedCamera camera = new ScriptedCamera();
  private V4l2Device device = V4l2Device.open(ScriptedCamera.PATH, camera);

  @AfterEach
  void closeDevice() {
    device.close();
  }

  private Controls controls() {
    return device.controls();
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Brightness|brightness",
        "White Balance, Automatic|white_balance_automatic",
        "  Gain (dB) |gain_db",
        "Exposure Time, Absolute|exposure_time_absolute",
        "H.264 Level|h_264_level"
      })
  void namesAreNormalisedLikeV4l2Ctl(String name, String key) {
    assertEquals(key, Controls.key(name));
  }

  @Test
  void enumerationFollowsNextCtrlAndSkipsDisabledControls() {
    List<String> keys =
        controls().list().stream().map(ControlInfo::key).collect(Collectors.toList());
    assertEquals(
        List.of(
            "user_controls",
            "brightness",
            "contrast",
            "white_balance_automatic",
            "gain",
            "power_line_frequency",
            "exposure_reading",
            "camera_label",
            "image_processing_controls",
            "link_frequency",
            "pixel_rate",
            "lens_shading_table"),
        keys);
  }

  @Test
  void compoundControlsAreListedAsV4l2CtlListsThem() {
    // The kernel skips compound controls unless V4L2_CTRL_FLAG_NEXT_COMPOUND is asked for too
    // (found against vivid's arrays and area control).
    ControlInfo table = controls().info("lens_shading_table");
    assertEquals(ControlType.U8, table.type());
    assertEquals(255, table.maximum());
    assertEquals(128, table.defaultValue());
    assertEquals("has-payload", table.flagNames());
    ControlException e = assertThrows(ControlException.class, () -> controls().get(table.id()));
    assertTrue(e.getMessage().contains("u8 control has no value"), e.getMessage());
  }

  @Test
  void controlDescriptionsCarryRangeStepDefaultAndFlags() {
    ControlInfo b = controls().info("Brightness");
    assertEquals(BRIGHTNESS, b.id());
    assertEquals(ControlType.INTEGER, b.type());
    assertEquals(0, b.minimum());
    assertEquals(255, b.maximum());
    assertEquals(1, b.step());
    assertEquals("slider", b.flagNames());
  }

  @Test
  void menuItemsAreRead() {
    ControlInfo plf = controls().info("power_line_frequency");
    assertEquals(
        List.of(
            new MenuItem(0, "Disabled", 0),
            new MenuItem(1, "50 Hz", 0),
            new MenuItem(2, "60 Hz", 0)),
        plf.menu());
  }

  @Test
  void integerMenuItemsAreRead() {
    ControlInfo lf = controls().info("link_frequency");
    assertEquals(ControlType.INTEGER_MENU, lf.type());
    assertEquals(200_000_000L, lf.menu().get(1).value());
  }

  @Test
  void aControlIsReadAndWrittenByName() {
    assertEquals(32, controls().get("Contrast"));
    assertEquals(100, controls().set("contrast", 100));
    assertEquals(100, camera.controlValue(0x00980901));
    assertEquals(100, controls().get("contrast"));
  }

  @Test
  void aControlIsReadAndWrittenById() {
    controls().set(BRIGHTNESS, 7);
    assertEquals(7, controls().get(BRIGHTNESS));
  }

  @Test
  void a64BitControlKeepsAll64Bits() {
    assertEquals(1L << 33, controls().get("pixel_rate"));
    controls().set("pixel_rate", (1L << 35) + 1);
    assertEquals((1L << 35) + 1, controls().get("pixel_rate"));
  }

  @Test
  void aStringControlRoundTrips() {
    controls().setString("camera_label", "kitchen");
    assertEquals("kitchen", controls().getString("Camera Label"));
  }

  @Test
  void aValueOutOfRangeIsRejectedBeforeReachingTheDriver() {
    ControlException e =
        assertThrows(ControlException.class, () -> controls().set("brightness", 300));
    assertEquals(
        "set control brightness on /dev/video0 failed: 300 is outside the range 0..255",
        e.getMessage());
    assertEquals(0, camera.calls(V4l2Ioctl.VIDIOC_S_EXT_CTRLS));
  }

  @Test
  void aValueOffTheStepIsRejected() {
    ControlException e = assertThrows(ControlException.class, () -> controls().set("gain", 21));
    assertTrue(e.getMessage().contains("multiple of the step 2"), e.getMessage());
  }

  @Test
  void aBooleanTakesOnlyZeroOrOne() {
    assertThrows(ControlException.class, () -> controls().set("white_balance_automatic", 2));
  }

  @Test
  void aMenuValueMustSelectAnItem() {
    ControlException e =
        assertThrows(ControlException.class, () -> controls().set("power_line_frequency", 3));
    assertTrue(e.getMessage().contains("outside the range 0..2"), e.getMessage());
  }

  @Test
  void aReadOnlyControlCannotBeSet() {
    ControlException e =
        assertThrows(ControlException.class, () -> controls().set("exposure_reading", 1));
    assertTrue(e.getMessage().endsWith("the control is read-only"), e.getMessage());
  }

  @Test
  void anUnknownControlNamesTheKnownOnes() {
    ControlException e = assertThrows(ControlException.class, () -> controls().get("zoom"));
    assertTrue(e.getMessage().contains("brightness"), e.getMessage());
  }

  @Test
  void aDriverErrorNamesTheIoctlAndTheControl() {
    camera.failNext(V4l2Ioctl.VIDIOC_S_EXT_CTRLS, Errno.EBUSY);
    DeviceBusyException e =
        assertThrows(DeviceBusyException.class, () -> controls().set("brightness", 1));
    assertEquals(
        "VIDIOC_S_EXT_CTRLS [brightness] on /dev/video0 failed: EBUSY (Device or resource busy)",
        e.getMessage());
  }

  @Test
  void driversWithoutExtendedControlsUseQueryctrlAndGCtrl() {
    device.close();
    camera.withoutExtendedControls();
    device = V4l2Device.open(ScriptedCamera.PATH, camera);
    List<String> keys =
        controls().list().stream().map(ControlInfo::key).collect(Collectors.toList());
    assertTrue(keys.contains("brightness"));
    assertFalse(keys.contains("pixel_rate"), "QUERYCTRL cannot describe 64-bit controls");
    controls().set("brightness", 9);
    assertEquals(9, controls().get("brightness"));
    assertTrue(camera.calls(V4l2Ioctl.VIDIOC_S_CTRL) > 0);
    assertTrue(camera.calls(V4l2Ioctl.VIDIOC_QUERYCTRL) > 0);
  }

  @Test
  void refreshReadsTheListAgain() {
    List<ControlInfo> first = controls().list();
    assertEquals(first, controls().refresh());
  }
}
