package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.ControlException;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.Controls;
import io.eyetoystreamer.v4l2.MenuItem;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Controls against vivid, which has one of every type: the enumeration equals {@code v4l2-ctl
 * --list-ctrls-menus}; values set through the library are what v4l2-ctl reads and the other way
 * round; out-of-range and read-only writes give {@link ControlException}.
 */
@VividTest
class VividControlsIT {
  private V4l2Device camera;
  private Controls controls;

  @BeforeEach
  void open() {
    camera = V4l2Device.open(DeviceUnderTest.path());
    controls = camera.controls();
  }

  @AfterEach
  void close() {
    camera.close();
  }

  @Test
  void enumerationEqualsV4l2CtlListCtrlsMenus() throws Exception {
    V4l2CtlOutput.Controls tool =
        V4l2CtlOutput.controls(V4l2Ctl.run(DeviceUnderTest.path(), "--list-ctrls-menus"));
    List<ControlInfo> all = controls.list();
    assertEquals(
        tool.classes(),
        all.stream()
            .filter(c -> c.type() == ControlType.CTRL_CLASS)
            .map(ControlInfo::name)
            .toList(),
        "control classes");
    List<ControlInfo> ours = all.stream().filter(c -> c.type() != ControlType.CTRL_CLASS).toList();
    assertEquals(
        tool.controls().stream().map(V4l2CtlOutput.Control::key).toList(),
        ours.stream().map(ControlInfo::key).toList(),
        "controls, in order");
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      differences.addAll(compare(tool.controls().get(i), ours.get(i)));
    }
    assertEquals(List.of(), differences);
    Set<ControlType> types = all.stream().map(ControlInfo::type).collect(Collectors.toSet());
    assertEquals(
        EnumSet.of(
            ControlType.CTRL_CLASS,
            ControlType.INTEGER,
            ControlType.BOOLEAN,
            ControlType.MENU,
            ControlType.INTEGER_MENU,
            ControlType.INTEGER64,
            ControlType.STRING,
            ControlType.BITMASK,
            ControlType.BUTTON,
            ControlType.U8,
            ControlType.U16,
            ControlType.U32,
            ControlType.AREA),
        EnumSet.copyOf(types),
        "vivid has a control of every type");
    System.out.println(
        "controls: "
            + ours.size()
            + " controls of "
            + types.size()
            + " types, equal to v4l2-ctl --list-ctrls-menus");
  }

  private List<String> compare(V4l2CtlOutput.Control tool, ControlInfo ours) {
    List<String> out = new ArrayList<>();
    String k = ours.key() + ": ";
    check(out, k + "id", tool.id(), ours.id());
    check(out, k + "type", tool.type(), ours.type().shortName());
    check(out, k + "flags", tool.flags(), ours.flags());
    String type = tool.type();
    if (List.of("int", "int64", "u8", "u16", "u32", "str", "menu", "intmenu").contains(type)) {
      check(out, k + "min", tool.fields().get("min"), Long.toString(ours.minimum()));
      check(out, k + "max", tool.fields().get("max"), Long.toString(ours.maximum()));
    }
    if (List.of("int", "int64", "u8", "u16", "u32", "str").contains(type)) {
      check(out, k + "step", tool.fields().get("step"), Long.toString(ours.step()));
    }
    if (List.of("int", "int64", "u8", "u16", "u32", "bool", "menu", "intmenu").contains(type)) {
      check(out, k + "default", tool.fields().get("default"), Long.toString(ours.defaultValue()));
    }
    if (type.equals("bitmask")) {
      check(out, k + "max", tool.fields().get("max"), hex(ours.maximum()));
      check(out, k + "default", tool.fields().get("default"), hex(ours.defaultValue()));
    }
    check(out, k + "menu", tool.menu(), ours.menu().stream().map(MenuItem::toString).toList());
    boolean readable = !ours.writeOnly() && (ours.flags() & 0x80) == 0; // not volatile
    if (readable && ours.type().isNumeric() && ours.type() != ControlType.BUTTON) {
      long value = controls.get(ours.id());
      String shown = tool.fields().get("value");
      long toolValue =
          ours.type() == ControlType.BITMASK
              ? Long.parseLong(shown) & 0xFFFF_FFFFL
              : Long.parseLong(shown);
      check(out, k + "value", toolValue, value);
    }
    if (ours.type() == ControlType.STRING) {
      check(out, k + "value", tool.fields().get("value"), controls.getString(ours.key()));
    }
    return out;
  }

  private static void check(List<String> out, String what, Object tool, Object ours) {
    if (!tool.equals(ours)) {
      out.add(what + ": v4l2-ctl says " + tool + ", the library " + ours);
    }
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "0x%08x", v);
  }

  private static String toolGet(String key) throws Exception {
    return V4l2CtlOutput.getCtrl(V4l2Ctl.run(DeviceUnderTest.path(), "--get-ctrl", key), key);
  }

  private static void toolSet(String key, String value) throws Exception {
    V4l2Ctl.run(DeviceUnderTest.path(), "--set-ctrl", key + "=" + value);
  }

  @Test
  void brightnessSetHereIsSeenByV4l2CtlAndTheOtherWayRound() throws Exception {
    ControlInfo brightness = controls.info("brightness");
    try {
      assertEquals(200, controls.set("brightness", 200));
      assertEquals(200, controls.get("brightness"));
      assertEquals("200", toolGet("brightness"));
      toolSet("brightness", "17");
      assertEquals(17, controls.get("brightness"));
      assertEquals(17, controls.get(brightness.id()));
    } finally {
      controls.set("brightness", brightness.defaultValue());
    }
  }

  @Test
  void everyTypeRoundTripsThroughTheDriver() throws Exception {
    try {
      controls.set("boolean", 0);
      assertEquals("0", toolGet("boolean"));
      controls.set("integer_32_bits", -123_456);
      assertEquals("-123456", toolGet("integer_32_bits"));
      controls.set("integer_64_bits", (1L << 40) + 5);
      assertEquals(Long.toString((1L << 40) + 5), toolGet("integer_64_bits"));
      controls.set("menu", 4);
      assertEquals("4 (Menu Item 4)", toolGet("menu"));
      controls.set("integer_menu", 6);
      assertEquals(
          13, controls.info("integer_menu").menuItem(controls.get("integer_menu")).value());
      assertEquals("6 (13 0xd)", toolGet("integer_menu"));
      controls.set("bitmask", 0x8040_0010L);
      assertEquals(0x8040_0010L, controls.get("bitmask"));
      assertEquals(0x8040_0010L, Long.decode(toolGet("bitmask")) & 0xFFFF_FFFFL);
      controls.setString("string", "abc");
      assertEquals("abc", controls.getString("string"));
      assertEquals("'abc'", toolGet("string"));
      controls.set("button", 1); // a button: pressing it is all it does
      toolSet("integer_64_bits", "-9");
      assertEquals(-9, controls.get("integer_64_bits"));
    } finally {
      for (String key :
          List.of(
              "boolean", "integer_32_bits", "integer_64_bits", "menu", "integer_menu", "bitmask")) {
        controls.set(key, controls.info(key).defaultValue());
      }
      controls.setString("string", "  ");
    }
  }

  @Test
  void outOfRangeAndReadOnlyWritesGiveTheTypedError() throws Exception {
    long before = controls.get("brightness");
    ControlException high =
        assertThrows(ControlException.class, () -> controls.set("brightness", 256));
    assertEquals(
        "set control brightness on "
            + DeviceUnderTest.path()
            + " failed: 256 is outside the range 0..255",
        high.getMessage());
    assertThrows(ControlException.class, () -> controls.set("hue", -129));
    ControlException readOnly =
        assertThrows(ControlException.class, () -> controls.set("read_only_integer_32_bits", 1));
    assertTrue(readOnly.getMessage().endsWith("the control is read-only"), readOnly.getMessage());
    // The library's check is the driver's rule: vivid refuses the write itself (EACCES).
    V4l2Ctl.Result direct =
        V4l2Ctl.tryRun(DeviceUnderTest.path(), "--set-ctrl", "read_only_integer_32_bits=1");
    assertTrue(direct.output().contains("Permission denied"), direct.output());
    assertThrows(ControlException.class, () -> controls.set("menu", 2)); // a gap in the menu
    assertThrows(ControlException.class, () -> controls.set("menu", 5));
    assertThrows(ControlException.class, () -> controls.set("boolean", 2));
    assertThrows(ControlException.class, () -> controls.set("bitmask", 0x1));
    assertThrows(ControlException.class, () -> controls.setString("string", "a"));
    assertThrows(ControlException.class, () -> controls.setString("string", "abcde"));
    ControlException writeOnly = assertThrows(ControlException.class, () -> controls.get("button"));
    assertTrue(writeOnly.getMessage().contains("no value"), writeOnly.getMessage());
    assertThrows(ControlException.class, () -> controls.get("u32_1_element_array"));
    assertThrows(ControlException.class, () -> controls.set("no_such_control", 1));
    assertEquals(before, controls.get("brightness"));
    assertNotEquals(1, controls.get("read_only_integer_32_bits"));
  }
}
