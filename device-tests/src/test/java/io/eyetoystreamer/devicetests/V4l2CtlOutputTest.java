package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle's parsers, on what v4l2-ctl 1.22 printed about vivid on kernel 6.1. */
class V4l2CtlOutputTest {
  private static String sample(String name) throws IOException {
    try (InputStream in = V4l2CtlOutputTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void infoGivesTheDriverInfoBlock() throws IOException {
    V4l2CtlOutput.Info info = V4l2CtlOutput.info(sample("vivid-info-video0.txt"));
    assertEquals("vivid", info.driver());
    assertEquals("vivid", info.card());
    assertEquals("platform:vivid-000", info.busInfo());
    assertEquals("6.1.192", info.version());
    assertEquals(0x9dbf0df7, info.capabilities());
    assertEquals(22, info.capabilityNames().size());
    assertEquals("Device Capabilities", info.capabilityNames().get(21));
    assertEquals(0x05230005, info.deviceCaps());
    assertEquals(
        List.of(
            "Video Capture",
            "Video Overlay",
            "Tuner",
            "Audio",
            "Read/Write",
            "Streaming",
            "Extended Pix Format"),
        info.deviceCapNames());
  }

  @Test
  void formatsAreOneLinePerEntryWithTheFlagsAsBits() throws IOException {
    List<String> lines = V4l2CtlOutput.formats(sample("vivid-list-formats-ext.txt"));
    assertEquals("[0]: 'YUYV' (YUYV 4:2:2) flags=0x1e0", lines.get(0));
    assertEquals("Size: Discrete 320x180", lines.get(1));
    assertEquals("Interval: Discrete 1.000s (1.000 fps)", lines.get(2));
    assertEquals("Interval: Discrete 0.017s (60.000 fps)", lines.get(13));
    Vivid.assertContainsLine(lines, "[27]: 'Y16 -BE' (16-bit Greyscale BE) flags=0x60");
    Vivid.assertContainsLine(lines, "[81]: 'HSV3' (24-bit HSV 8-8-8) flags=0xe0");
    assertEquals(4, lines.stream().filter(l -> l.startsWith("[")).count());
    assertEquals(24, lines.stream().filter(l -> l.startsWith("Size: ")).count());
  }

  @Test
  void controlsKeepEveryFieldFlagAndMenuItem() throws IOException {
    V4l2CtlOutput.Controls all = V4l2CtlOutput.controls(sample("vivid-list-ctrls-menus.txt"));
    assertEquals(
        List.of("User Controls", "Digital Video Controls", "Vivid Controls"), all.classes());
    Map<String, V4l2CtlOutput.Control> byKey =
        all.controls().stream()
            .collect(java.util.stream.Collectors.toMap(V4l2CtlOutput.Control::key, c -> c));
    V4l2CtlOutput.Control gain = byKey.get("gain");
    assertEquals(0x00980913, gain.id());
    assertEquals("int", gain.type());
    assertEquals(
        Map.of("min", "0", "max", "255", "step", "1", "default", "100", "value", "14"),
        gain.fields());
    assertEquals(0x10 | 0x80, gain.flags());
    V4l2CtlOutput.Control menu = byKey.get("menu");
    assertEquals(List.of("1: Menu Item 1", "3: Menu Item 3", "4: Menu Item 4"), menu.menu());
    assertEquals("3", menu.fields().get("value"));
    assertEquals("  ", byKey.get("string").fields().get("value"));
    assertEquals("0x80402010", byKey.get("bitmask").fields().get("max"));
    assertEquals("8: 42 (0x2a)", byKey.get("integer_menu").menu().get(6));
    assertEquals(0x100 | 0x800, byKey.get("u32_dynamic_array").flags());
    assertEquals("[8][16]", byKey.get("u16_8x16_matrix").fields().get("dims"));
    assertEquals("1000x2000", byKey.get("area").fields().get("value"));
    assertEquals(0x40 | 0x200, byKey.get("disconnect").flags());
    assertEquals(70, all.controls().size());
  }

  @Test
  void aFormatPrintoutGivesItsFields() {
    String text =
        "Format Video Output:\n"
            + "\tWidth/Height      : 640/480\n"
            + "\tPixel Format      : 'YUYV' (YUYV 4:2:2)\n"
            + "\tField             : None\n"
            + "\tBytes per Line    : 1280\n"
            + "\tSize Image        : 614400\n"
            + "\tColorspace        : Rec. 709\n";
    Map<String, String> f = V4l2CtlOutput.formatFields(text);
    assertEquals("640/480", f.get("Width/Height"));
    assertEquals("'YUYV' (YUYV 4:2:2)", f.get("Pixel Format"));
    assertEquals("1280", f.get("Bytes per Line"));
    assertEquals("614400", f.get("Size Image"));
    assertEquals(6, f.size());
  }

  @Test
  void getCtrlGivesTheValue() {
    assertEquals("200", V4l2CtlOutput.getCtrl("brightness: 200\n", "brightness"));
    assertEquals("640x480", V4l2CtlOutput.widthHeight("\tWidth/Height      : 640/480\n"));
  }
}
