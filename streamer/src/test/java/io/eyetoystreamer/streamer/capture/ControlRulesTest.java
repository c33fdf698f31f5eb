package io.eyetoystreamer.streamer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.MenuItem;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a control takes, by type, and the sentence for what it does not. */
class ControlRulesTest {
  private static ControlInfo control(
      ControlType type, String key, long min, long max, long step, int flags, List<MenuItem> menu) {
    return new ControlInfo(1, type, key, key, min, max, step, min, flags, menu);
  }

  private static String refusal(ControlInfo c, Object v) {
    return assertThrows(ControlsRefused.class, () -> ControlRules.value(c, v)).getMessage();
  }

  @Test
  void integersWithinRangeAndOnTheStep() {
    ControlInfo c = control(ControlType.INTEGER, "zoom", -10, 100, 5, 0, List.of());
    assertEquals(15, ControlRules.value(c, 15L));
    assertEquals(-10, ControlRules.value(c, new BigDecimal("-10.0")));
    assertEquals("zoom 300 is out of range -10..100", refusal(c, 300L));
    assertEquals("zoom 12 is off its step: -10..100 in steps of 5", refusal(c, 12L));
    assertEquals("zoom 1.5 is not a whole number", refusal(c, new BigDecimal("1.5")));
    assertEquals("zoom takes a whole number in -10..100, not true", refusal(c, true));
    assertEquals("zoom 1E+30 is out of range -10..100", refusal(c, new BigDecimal("1E+30")));
  }

  @Test
  void booleansMenusButtonsAndMasks() {
    ControlInfo b = control(ControlType.BOOLEAN, "flip", 0, 1, 1, 0, List.of());
    assertEquals(1, ControlRules.value(b, true));
    assertEquals(0, ControlRules.value(b, 0L));
    assertEquals("flip 2 is out of range 0..1", refusal(b, 2L));
    ControlInfo m =
        control(
            ControlType.MENU,
            "mode",
            0,
            3,
            1,
            0,
            List.of(new MenuItem(0, "Off", 0), new MenuItem(3, "On", 0)));
    assertEquals(3, ControlRules.value(m, "on"));
    assertEquals("mode 2 is not one of its menu items: 0 (Off), 3 (On)", refusal(m, 2L));
    assertEquals("mode \"auto\" is not one of its menu items: 0 (Off), 3 (On)", refusal(m, "auto"));
    ControlInfo press = control(ControlType.BUTTON, "reset", 0, 0, 0, 0, List.of());
    assertEquals(1, ControlRules.value(press, true));
    assertEquals("reset is a button: press it with true (or 1), not false", refusal(press, false));
    ControlInfo mask = control(ControlType.BITMASK, "bits", 0, 0x0f, 0, 0, List.of());
    assertEquals(5, ControlRules.value(mask, 5L));
    assertEquals("bits 0x10 sets bits outside its mask 0xf", refusal(mask, 16L));
  }

  @Test
  void readOnlyAndUnsupportedTypes() {
    ControlInfo ro = control(ControlType.INTEGER, "temperature", 0, 100, 1, 0x0004, List.of());
    assertEquals("temperature is read-only", refusal(ro, 1L));
    ControlInfo text = control(ControlType.STRING, "name", 0, 10, 1, 0, List.of());
    assertEquals(
        "name is a str control, which this server does not set (v4l2-ctl --set-ctrl can)",
        refusal(text, "x"));
  }
}
