package io.eyetoystreamer.devicetests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for what {@code v4l2-ctl} prints (v4l-utils 1.22): {@code --info}, {@code
 * --list-formats-ext}, {@code --list-ctrls-menus}, {@code --get-ctrl} and a format printout. The
 * tests compare the library's view of a driver with these, so the parsers read the tool's text as
 * it is, without knowing the library.
 */
final class V4l2CtlOutput {
  private V4l2CtlOutput() {}

  /** What {@code --info} says under "Driver Info". */
  record Info(
      String driver,
      String card,
      String busInfo,
      String version,
      int capabilities,
      List<String> capabilityNames,
      int deviceCaps,
      List<String> deviceCapNames) {}

  /** Parses {@code v4l2-ctl --info}. */
  static Info info(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    String listing = null;
    boolean driverInfo = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("Driver Info")) {
        driverInfo = true;
        continue;
      }
      if (!driverInfo) {
        continue;
      }
      if (!line.startsWith("\t")) {
        break; // "Media Driver Info" and what follows
      }
      if (line.startsWith("\t\t") && listing != null) {
        lists.get(listing).add(line.trim());
        continue;
      }
      int colon = line.indexOf(':');
      String key = line.substring(0, colon).trim();
      fields.put(key, line.substring(colon + 1).trim());
      listing = key;
      lists.put(key, new ArrayList<>());
    }
    return new Info(
        fields.get("Driver name"),
        fields.get("Card type"),
        fields.get("Bus info"),
        fields.get("Driver version"),
        Integer.parseUnsignedInt(fields.get("Capabilities").substring(2), 16),
        lists.get("Capabilities"),
        fields.containsKey("Device Caps")
            ? Integer.parseUnsignedInt(fields.get("Device Caps").substring(2), 16)
            : 0,
        lists.getOrDefault("Device Caps", List.of()));
  }

  /** The names v4l2-ctl gives the {@code V4L2_FMT_FLAG_*} bits. */
  private static final Map<String, Integer> FORMAT_FLAGS =
      Map.of(
          "compressed", 0x1,
          "emulated", 0x2,
          "continuous-bytestream", 0x4,
          "dyn-resolution", 0x8,
          "enc-cap-frame-interval", 0x10,
          "csc-colorspace", 0x20,
          "csc-xfer-func", 0x40,
          "csc-ycbcr", 0x80,
          "csc-hsv", 0x80,
          "csc-quantization", 0x100);

  private static final Pattern FORMAT = Pattern.compile("\\[(\\d+)]: '(.+?)' \\((.*)\\)");

  /**
   * Parses {@code v4l2-ctl --list-formats-ext} into one line per entry: {@code [i]: 'FOURCC'
   * (description) flags=0x...}, then {@code Size: ...} and {@code Interval: ...} lines as printed.
   */
  static List<String> formats(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      Matcher m = FORMAT.matcher(line);
      if (m.matches()) {
        String inner = m.group(3);
        int flags = 0;
        while (true) {
          int comma = inner.lastIndexOf(", ");
          String last = comma < 0 ? null : inner.substring(comma + 2);
          if (last != null && FORMAT_FLAGS.containsKey(last)) {
            flags |= FORMAT_FLAGS.get(last);
          } else if (last != null && last.matches("0x[0-9a-f]+")) {
            flags |= Integer.parseUnsignedInt(last.substring(2), 16);
          } else {
            break;
          }
          inner = inner.substring(0, comma);
        }
        out.add(formatLine(Integer.parseInt(m.group(1)), m.group(2), inner, flags));
      } else if (line.startsWith("Size: ") || line.startsWith("Interval: ")) {
        out.add(line);
      }
    }
    return out;
  }

  /** The normalised line of one format, as {@link #formats(String)} makes it. */
  static String formatLine(int index, String fourcc, String description, int flags) {
    return "["
        + index
        + "]: '"
        + fourcc
        + "' ("
        + description
        + ") flags=0x"
        + Integer.toHexString(flags);
  }

  /** One control line of {@code --list-ctrls-menus}, with its menu items. */
  record Control(
      String key, int id, String type, Map<String, String> fields, int flags, List<String> menu) {}

  /** The control class headings and controls of {@code --list-ctrls-menus}, in order. */
  record Controls(List<String> classes, List<Control> controls) {}

  /** The names v4l2-ctl gives the {@code V4L2_CTRL_FLAG_*} bits. */
  private static final Map<String, Integer> CONTROL_FLAGS =
      Map.ofEntries(
          Map.entry("disabled", 0x1),
          Map.entry("grabbed", 0x2),
          Map.entry("read-only", 0x4),
          Map.entry("update", 0x8),
          Map.entry("inactive", 0x10),
          Map.entry("slider", 0x20),
          Map.entry("write-only", 0x40),
          Map.entry("volatile", 0x80),
          Map.entry("has-payload", 0x100),
          Map.entry("execute-on-write", 0x200),
          Map.entry("modify-layout", 0x400),
          Map.entry("dynamic-array", 0x800));

  private static final Pattern CONTROL =
      Pattern.compile("\\s*(\\S+) 0x([0-9a-f]{8}) \\((\\w+)\\)\\s*: ?(.*)");
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
  private static final Pattern MENU_ITEM = Pattern.compile("\t\t\t\t(-?\\d+): (.*)");

  /** Parses {@code v4l2-ctl --list-ctrls-menus}. */
  static Controls controls(String text) {
    List<String> classes = new ArrayList<>();
    List<Control> controls = new ArrayList<>();
    Control current = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher item = MENU_ITEM.matcher(line);
      if (item.matches() && current != null) {
        current.menu().add(item.group(1) + ": " + item.group(2));
        continue;
      }
      Matcher c = CONTROL.matcher(line);
      if (c.matches()) {
        String rest = c.group(4);
        int flags = 0;
        int at = rest.indexOf("flags=");
        if (at >= 0) {
          for (String name : rest.substring(at + "flags=".length()).split(", ")) {
            flags |=
                name.startsWith("0x")
                    ? Integer.parseUnsignedInt(name.substring(2), 16)
                    : CONTROL_FLAGS.get(name);
          }
          rest = rest.substring(0, at).trim();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int quote = rest.indexOf("value='");
        if (quote >= 0) {
          fields.put("value", rest.substring(quote + 7, rest.lastIndexOf('\'')));
          rest = rest.substring(0, quote);
        }
        Matcher f = FIELD.matcher(rest);
        while (f.find()) {
          fields.putIfAbsent(f.group(1), f.group(2));
        }
        current =
            new Control(
                c.group(1),
                Integer.parseUnsignedInt(c.group(2), 16),
                c.group(3),
                fields,
                flags,
                new ArrayList<>());
        controls.add(current);
        continue;
      }
      if (!line.startsWith(" ") && !line.startsWith("\t")) {
        classes.add(line.trim());
        current = null;
      }
    }
    return new Controls(classes, controls);
  }

  /** Parses {@code v4l2-ctl --get-ctrl NAME}: the text after {@code NAME: }. */
  static String getCtrl(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + ": ")) {
        return line.substring(key.length() + 2).trim();
      }
    }
    throw new IllegalArgumentException("no '" + key + ": ' line in: " + text);
  }

  /**
   * Parses a format printout ({@code --get-fmt-video-out}, {@code --try-fmt-video-out}): its
   * indented {@code Key : value} lines, e.g. {@code Width/Height} to {@code 640/480}, {@code Bytes
   * per Line} to {@code 1280}; the first of a repeated key wins.
   */
  static Map<String, String> formatFields(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (line.startsWith("\t") && colon > 0) {
        out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  /** Parses {@code Width/Height : W/H} and {@code Pixel Format : 'FCC'} from a format printout. */
  static String widthHeight(String text) {
    Matcher m = Pattern.compile("Width/Height\\s*:\\s*(\\d+)/(\\d+)").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("no Width/Height in: " + text);
    }
    return m.group(1) + "x" + m.group(2);
  }
}
