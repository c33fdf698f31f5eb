package io.eyetoystreamer.v4l2.tools;

import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.FrameInterval;
import io.eyetoystreamer.v4l2.FrameSize;
import io.eyetoystreamer.v4l2.InputInfo;
import io.eyetoystreamer.v4l2.MenuItem;
import io.eyetoystreamer.v4l2.StreamParameters;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Exception;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints one open device the way {@code v4l2-ctl --all --list-formats-ext} lays it out. */
final class DeviceReport {
  private static final String[] FIELDS = {
    "Any",
    "None",
    "Top",
    "Bottom",
    "Interlaced",
    "Sequential Top-Bottom",
    "Sequential Bottom-Top",
    "Alternating",
    "Interlaced Top-Bottom",
    "Interlaced Bottom-Top"
  };
  private static final String[] COLORSPACES = {
    "Default",
    "SMPTE 170M",
    "SMPTE 240M",
    "Rec. 709",
    "Broadcast NTSC/PAL (SMPTE170M/ITU601)",
    "470 System M",
    "470 System BG",
    "JPEG",
    "sRGB",
    "opRGB",
    "BT.2020",
    "Raw",
    "DCI-P3"
  };

  private final V4l2Device device;
  private final PrintStream out;

  DeviceReport(V4l2Device device, PrintStream out) {
    this.device = device;
    this.out = out;
  }

  void print() {
    out.println("Device " + device.path() + ":");
    driverInfo(device.capabilities());
    section(this::inputs);
    section(this::format);
    section(this::streamParameters);
    section(this::formats);
    section(this::controls);
  }

  private void section(Runnable part) {
    try {
      part.run();
    } catch (V4l2Exception e) {
      out.println("\t" + e.getMessage());
    }
  }

  private void driverInfo(Capabilities caps) {
    out.println("Driver Info:");
    out.println("\tDriver name      : " + caps.driver());
    out.println("\tCard type        : " + caps.card());
    out.println("\tBus info         : " + caps.busInfo());
    out.println("\tDriver version   : " + caps.versionString());
    out.printf(Locale.ROOT, "\tCapabilities     : 0x%08x%n", caps.capabilities());
    for (String name : Capabilities.names(caps.capabilities())) {
      out.println("\t\t" + name);
    }
    if (caps.nodeCaps() != caps.capabilities() || caps.deviceCaps() != 0) {
      out.printf(Locale.ROOT, "\tDevice Caps      : 0x%08x%n", caps.deviceCaps());
      for (String name : Capabilities.names(caps.deviceCaps())) {
        out.println("\t\t" + name);
      }
    }
  }

  private void inputs() {
    List<InputInfo> inputs = device.inputs();
    if (inputs.isEmpty()) {
      return;
    }
    int current = device.input();
    for (InputInfo in : inputs) {
      if (in.index() == current) {
        out.println(
            "Video input : " + in.index() + " (" + in.name() + ": " + status(in.status()) + ")");
      }
    }
  }

  private static String status(int status) {
    if (status == 0) {
      return "ok";
    }
    StringBuilder sb = new StringBuilder();
    String[] names = {"no power", "no signal", "no color"};
    for (int bit = 0; bit < names.length; bit++) {
      if ((status & (1 << bit)) != 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(names[bit]);
      }
    }
    return sb.length() == 0 ? String.format(Locale.ROOT, "0x%08x", status) : sb.toString();
  }

  private void format() {
    Format f = device.format();
    out.println("Format Video Capture:");
    out.println("\tWidth/Height      : " + f.width() + "/" + f.height());
    out.println("\tPixel Format      : '" + fourcc(f.pixelFormat()) + "'" + description(f));
    out.println("\tField             : " + name(FIELDS, f.field()));
    out.println("\tBytes per Line    : " + Integer.toUnsignedString(f.bytesPerLine()));
    out.println("\tSize Image        : " + Integer.toUnsignedString(f.sizeImage()));
    out.println("\tColorspace        : " + name(COLORSPACES, f.colorspace()));
  }

  private String description(Format f) {
    for (FormatDescription d : device.formats()) {
      if (d.pixelFormat() == f.pixelFormat()) {
        return " (" + d.description() + ")";
      }
    }
    return "";
  }

  private void streamParameters() {
    StreamParameters p = device.streamParameters();
    out.println("Streaming Parameters Video Capture:");
    if (p.timePerFrameSupported()) {
      out.println("\tCapabilities     : timeperframe");
    }
    out.printf(
        Locale.ROOT,
        "\tFrames per second: %.3f (%d/%d)%n",
        p.timePerFrame().perSecond(),
        p.timePerFrame().denominator(),
        p.timePerFrame().numerator());
    out.println("\tRead buffers     : " + p.readBuffers());
  }

  private void formats() {
    out.println("ioctl: VIDIOC_ENUM_FMT");
    out.println("\tType: Video Capture");
    out.println();
    for (FormatDescription d : device.formats()) {
      out.println("\t[" + d.index() + "]: " + d + (d.compressed() ? ", compressed" : ""));
      for (FrameSize size : device.frameSizes(d.pixelFormat())) {
        out.println("\t\tSize: " + size);
        if (size.type() == FrameSize.Type.DISCRETE) {
          for (FrameInterval iv :
              device.frameIntervals(d.pixelFormat(), size.width(), size.height())) {
            out.println("\t\t\tInterval: " + iv);
          }
        }
      }
    }
  }

  private void controls() {
    List<ControlInfo> all = device.controls().list();
    if (all.isEmpty()) {
      out.println();
      out.println("No controls");
      return;
    }
    for (ControlInfo c : all) {
      if (c.type() == ControlType.CTRL_CLASS) {
        out.println();
        out.println(c.name());
        out.println();
        continue;
      }
      String type = c.type().shortName();
      StringBuilder line = new StringBuilder();
      line.append(
          String.format(Locale.ROOT, "%31s 0x%08x (%s)%s:", c.key(), c.id(), type, pad(type)));
      if (c.type().isNumeric() && c.type() != ControlType.BUTTON) {
        line.append(" min=").append(c.minimum()).append(" max=").append(c.maximum());
        if (c.type() != ControlType.MENU && c.type() != ControlType.INTEGER_MENU) {
          line.append(" step=").append(c.step());
        }
        line.append(" default=").append(c.defaultValue());
        line.append(" value=").append(value(c));
      } else if (c.type() == ControlType.STRING) {
        line.append(" min=").append(c.minimum()).append(" max=").append(c.maximum());
        line.append(" step=").append(c.step()).append(" value='").append(text(c)).append("'");
      }
      if (!c.flagNames().isEmpty()) {
        line.append(" flags=").append(c.flagNames());
      }
      out.println(line);
      for (MenuItem item : c.menu()) {
        out.println("\t\t\t\t" + item);
      }
    }
  }

  private String value(ControlInfo c) {
    if (c.writeOnly()) {
      return "(write-only)";
    }
    try {
      long v = device.controls().get(c.id());
      MenuItem item = c.menuItem(v);
      return item != null && item.name() != null ? v + " (" + item.name() + ")" : Long.toString(v);
    } catch (V4l2Exception e) {
      return "(" + e.errnoName() + ")";
    }
  }

  private String text(ControlInfo c) {
    try {
      return device.controls().getString(c.key());
    } catch (V4l2Exception e) {
      return "(" + e.errnoName() + ")";
    }
  }

  private static String pad(String type) {
    return " ".repeat(Math.max(0, 7 - type.length()));
  }

  private static String fourcc(int code) {
    return FourCc.toString(code);
  }

  private static String name(String[] names, int value) {
    return value >= 0 && value < names.length ? names[value] : "Unknown (" + value + ")";
  }
}
