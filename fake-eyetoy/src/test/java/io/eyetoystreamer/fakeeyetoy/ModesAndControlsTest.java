package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.V4l2Constants;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formats, frame rates and controls as gspca's ov534 driver answers them. */
class ModesAndControlsTest {
  private final FakeEyetoy fake = new FakeEyetoy();
  private final Seam seam = new Seam(fake);
  private final int fd = seam.open(true);

  private NativeStruct setFormat(int width, int height, int fourcc) {
    NativeStruct f = seam.struct(seam.layouts.format());
    f.set("type", 1)
        .set("fmt.pix.width", width)
        .set("fmt.pix.height", height)
        .set("fmt.pix.pixelformat", fourcc & 0xFFFF_FFFFL);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_S_FMT, f));
    return f;
  }

  private long setRate(long numerator, long denominator) {
    NativeStruct p = seam.struct(seam.layouts.streamParm());
    p.set("type", 1)
        .set("parm.capture.timeperframe.numerator", numerator)
        .set("parm.capture.timeperframe.denominator", denominator);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_S_PARM, p));
    assertEquals(1, p.get("parm.capture.timeperframe.numerator"));
    assertEquals(V4l2Constants.V4L2_CAP_TIMEPERFRAME, p.getInt("parm.capture.capability"));
    return p.get("parm.capture.timeperframe.denominator");
  }

  private List<Long> intervals(int width, int height) {
    List<Long> rates = new ArrayList<>();
    for (int i = 0; ; i++) {
      NativeStruct e = seam.struct(seam.layouts.frmIvalEnum());
      e.set("index", i)
          .set("pixel_format", FourCc.YUYV & 0xFFFF_FFFFL)
          .set("width", width)
          .set("height", height);
      if (seam.call(fd, V4l2Ioctl.VIDIOC_ENUM_FRAMEINTERVALS, e) == -Errno.EINVAL) {
        return rates;
      }
      assertEquals(1, e.get("discrete.numerator"));
      rates.add(e.get("discrete.denominator"));
    }
  }

  @Test
  void defaultFormatIs640x480Yuyv() {
    NativeStruct f = seam.struct(seam.layouts.format());
    f.set("type", 1);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_G_FMT, f));
    assertEquals(640, f.get("fmt.pix.width"));
    assertEquals(480, f.get("fmt.pix.height"));
    assertEquals(FourCc.YUYV, f.getInt("fmt.pix.pixelformat"));
    assertEquals(1280, f.get("fmt.pix.bytesperline"));
    assertEquals(614_400, f.get("fmt.pix.sizeimage"));
    assertEquals(V4l2Constants.V4L2_FIELD_NONE, f.get("fmt.pix.field"));
  }

  @Test
  void onlyYuyvIsEnumerated() {
    NativeStruct d = seam.struct(seam.layouts.fmtdesc());
    d.set("index", 0).set("type", 1);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_ENUM_FMT, d));
    assertEquals(FourCc.YUYV, d.getInt("pixelformat"));
    assertEquals("YUYV 4:2:2", d.getString("description"));
    d.clear();
    d.set("index", 1).set("type", 1);
    assertEquals(-Errno.EINVAL, seam.call(fd, V4l2Ioctl.VIDIOC_ENUM_FMT, d));
  }

  @Test
  void frameSizesAre320x240Then640x480() {
    List<String> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      NativeStruct s = seam.struct(seam.layouts.frmSizeEnum());
      s.set("index", i).set("pixel_format", FourCc.YUYV & 0xFFFF_FFFFL);
      if (seam.call(fd, V4l2Ioctl.VIDIOC_ENUM_FRAMESIZES, s) == 0) {
        sizes.add(s.get("discrete.width") + "x" + s.get("discrete.height"));
      }
    }
    assertEquals(List.of("320x240", "640x480"), sizes);
  }

  @Test
  void frameIntervalsAreTheDriversTables() {
    assertEquals(List.of(60L, 50L, 40L, 30L, 15L), intervals(640, 480));
    assertEquals(
        List.of(187L, 150L, 137L, 125L, 100L, 75L, 60L, 50L, 37L, 30L), intervals(320, 240));
    assertEquals(List.of(), intervals(800, 600), "only exact mode sizes have intervals");
  }

  @Test
  void setFormatPicksTheLargestModeThatFitsElseTheSmallest() {
    assertEquals(640, setFormat(1920, 1080, FourCc.YUYV).get("fmt.pix.width"));
    assertEquals(320, setFormat(639, 480, FourCc.YUYV).get("fmt.pix.width"));
    assertEquals(320, setFormat(100, 100, FourCc.YUYV).get("fmt.pix.width"));
    assertEquals(240, setFormat(100, 100, FourCc.YUYV).get("fmt.pix.height"));
  }

  @Test
  void setFormatTurnsAnyPixelFormatIntoYuyv() {
    NativeStruct f = setFormat(640, 480, FourCc.MJPG);
    assertEquals(FourCc.YUYV, f.getInt("fmt.pix.pixelformat"));
  }

  @Test
  void setParmPicksTheFastestRateNotAboveTheRequest() {
    assertEquals(30, setRate(1, 35));
    assertEquals(60, setRate(1, 100));
    assertEquals(15, setRate(1, 10), "below every rate: the slowest");
    assertEquals(15, setRate(1001, 30_000), "29.97 fps is 29 to the driver");
    assertEquals(30, setRate(0, 0), "a zero interval means the default");
  }

  @Test
  void rateFollowsTheModeItIsUsedIn() {
    setFormat(320, 240, FourCc.YUYV);
    assertEquals(187, setRate(1, 200));
    assertEquals(37, setRate(1, 45));
    setRate(1, 100);
    setFormat(640, 480, FourCc.YUYV);
    NativeStruct p = seam.struct(seam.layouts.streamParm());
    p.set("type", 1);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_G_PARM, p));
    assertEquals(60, p.get("parm.capture.timeperframe.denominator"), "100 asked: 60 at VGA");
    assertEquals(2, p.get("parm.capture.readbuffers"));
  }

  @Test
  void controlsEnumerateInIdOrderWithTheDriversRangesAndDefaults() {
    List<String> seen = new ArrayList<>();
    NativeStruct q = seam.struct(seam.layouts.queryExtCtrl());
    int id = V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
    while (true) {
      q.clear();
      q.set("id", id & 0xFFFF_FFFFL);
      if (seam.call(fd, V4l2Ioctl.VIDIOC_QUERY_EXT_CTRL, q) != 0) {
        break;
      }
      seen.add(
          q.getString("name")
              + " "
              + q.get("minimum")
              + ".."
              + q.get("maximum")
              + " ="
              + q.get("default_value"));
      id = q.getInt("id") | V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
    }
    assertEquals(
        List.of(
            "User Controls 0..0 =0",
            "Brightness 0..255 =0",
            "Contrast 0..255 =32",
            "Saturation 0..255 =64",
            "Hue -90..90 =0",
            "White Balance, Automatic 0..1 =1",
            "Exposure 0..255 =120",
            "Gain, Automatic 0..1 =1",
            "Gain 0..63 =20",
            "Horizontal Flip 0..1 =0",
            "Vertical Flip 0..1 =0",
            "Power Line Frequency 0..1 =0",
            "Sharpness 0..63 =0",
            "Camera Controls 0..0 =0",
            "Auto Exposure 0..1 =0"),
        seen);
  }

  @Test
  void manualGainIsInactiveWhileAutogainIsOn() {
    NativeStruct q = seam.struct(seam.layouts.queryCtrl());
    q.set("id", Ov534Controls.GAIN);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYCTRL, q));
    assertTrue((q.getInt("flags") & V4l2Constants.V4L2_CTRL_FLAG_INACTIVE) != 0);
    setControl(Ov534Controls.AUTOGAIN, 0);
    q.clear();
    q.set("id", Ov534Controls.GAIN);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYCTRL, q));
    assertEquals(0, q.getInt("flags") & V4l2Constants.V4L2_CTRL_FLAG_INACTIVE);
  }

  private int setControl(int id, int value) {
    NativeStruct c = seam.struct(seam.layouts.control());
    c.set("id", id).set("value", value);
    int r = seam.call(fd, V4l2Ioctl.VIDIOC_S_CTRL, c);
    return r < 0 ? r : c.getInt("value");
  }

  private int getControl(int id) {
    NativeStruct c = seam.struct(seam.layouts.control());
    c.set("id", id);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_G_CTRL, c));
    return c.getInt("value");
  }

  @Test
  void setControlClampsToTheRangeLikeTheControlFramework() {
    assertEquals(255, setControl(Ov534Controls.BRIGHTNESS, 300));
    assertEquals(-90, setControl(Ov534Controls.HUE, -120));
    assertEquals(1, setControl(Ov534Controls.HFLIP, 7), "booleans become 0 or 1");
  }

  @Test
  void menuIndexOutOfRangeIsErange() {
    assertEquals(-Errno.ERANGE, setControl(Ov534Controls.POWER_LINE_FREQUENCY, 2));
    assertEquals(-Errno.EINVAL, setControl(0x00980999, 1), "unknown control");
    assertEquals(-Errno.EACCES, setControl(Ov534Controls.USER_CLASS, 1), "a class heading");
  }

  @Test
  void menusNameTheirItems() {
    NativeStruct m = seam.struct(seam.layouts.queryMenu());
    m.set("id", Ov534Controls.EXPOSURE_AUTO).set("index", 1);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYMENU, m));
    assertEquals("Manual Mode", m.getString("name"));
    m.clear();
    m.set("id", Ov534Controls.POWER_LINE_FREQUENCY).set("index", 2);
    assertEquals(-Errno.EINVAL, seam.call(fd, V4l2Ioctl.VIDIOC_QUERYMENU, m));
  }

  @Test
  void extendedControlsSetAllOrNothing() {
    int size = seam.layouts.extControl().size();
    Memory array = new Memory(2L * size);
    array.clear();
    NativeStruct first = NativeStruct.wrap(seam.layouts.extControl(), array);
    NativeStruct second = NativeStruct.wrap(seam.layouts.extControl(), array.share(size));
    first.set("id", Ov534Controls.CONTRAST).set("value", 50);
    second.set("id", Ov534Controls.POWER_LINE_FREQUENCY).set("value", 9);
    NativeStruct all = seam.struct(seam.layouts.extControls());
    all.set("count", 2).set("controls", Pointer.nativeValue(array));

    assertEquals(-Errno.ERANGE, seam.call(fd, V4l2Ioctl.VIDIOC_S_EXT_CTRLS, all));
    assertEquals(32, getControl(Ov534Controls.CONTRAST), "nothing applied");

    second.set("value", 1);
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_S_EXT_CTRLS, all));
    assertEquals(50, getControl(Ov534Controls.CONTRAST));
  }

  @Test
  void extendedControlsReadDefaultsOnRequest() {
    Memory array = new Memory(seam.layouts.extControl().size());
    array.clear();
    NativeStruct one = NativeStruct.wrap(seam.layouts.extControl(), array);
    one.set("id", Ov534Controls.SATURATION);
    setControl(Ov534Controls.SATURATION, 100);
    NativeStruct all = seam.struct(seam.layouts.extControls());
    all.set("which", ControlIoctls.WHICH_DEF_VAL).set("count", 1);
    all.set("controls", Pointer.nativeValue(array));
    assertEquals(0, seam.call(fd, V4l2Ioctl.VIDIOC_G_EXT_CTRLS, all));
    assertEquals(64, one.getInt("value"));
  }

  @Test
  void extendedControlsAreEnottyWhenTheSimulatedAbisPointersCannotHoldAHostAddress() {
    Seam armhf = new Seam(new FakeEyetoy(Abi.ARMHF_TIME32));
    int armFd = armhf.open(true);
    NativeStruct all = armhf.struct(armhf.layouts.extControls());
    all.set("count", 1);
    assertEquals(-Errno.ENOTTY, armhf.call(armFd, V4l2Ioctl.VIDIOC_G_EXT_CTRLS, all));
    NativeStruct c = armhf.struct(armhf.layouts.control());
    c.set("id", Ov534Controls.GAIN);
    assertEquals(0, armhf.call(armFd, V4l2Ioctl.VIDIOC_G_CTRL, c), "the old call works");
    assertEquals(20, c.getInt("value"));
  }
}
