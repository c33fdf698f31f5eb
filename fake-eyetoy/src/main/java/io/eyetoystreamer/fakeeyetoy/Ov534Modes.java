package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_TYPE_VIDEO_CAPTURE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CAP_TIMEPERFRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FIELD_NONE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_FRMSIZE_TYPE_DISCRETE;

import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.nativeio.Errno;

/**
 * The PS3 Eye's image modes and frame rates as gspca's ov534 driver offers them, and the current
 * choice: YUYV only, 640x480 (the default) or 320x240; the driver's rate tables; {@code S_FMT}
 * picking the largest mode that fits the request (else the smallest); {@code S_PARM} picking the
 * fastest rate not above the request (else the slowest). Guarded by the fake's lock.
 */
final class Ov534Modes {
  /** {@code V4L2_COLORSPACE_SRGB}, what the driver reports. */
  static final int COLORSPACE_SRGB = 8;

  /** The rate the driver starts with, and takes for a zero interval. */
  static final int DEFAULT_RATE = 30;

  /** Frame rates at 640x480, fastest first (the driver's table). */
  private static final int[] VGA_RATES = {60, 50, 40, 30, 15};

  /** Frame rates at 320x240, fastest first (the driver's table). */
  private static final int[] QVGA_RATES = {187, 150, 137, 125, 100, 75, 60, 50, 37, 30};

  /** The modes in the driver's order: 320x240, then 640x480. */
  private static final PictureLayout[] MODES = {PictureLayout.QVGA, PictureLayout.VGA};

  private PictureLayout mode = PictureLayout.VGA;
  private int requestedRate = DEFAULT_RATE;

  PictureLayout mode() {
    return mode;
  }

  /** The rate the sensor runs at in the current mode. */
  int rate() {
    return rateFor(mode, requestedRate);
  }

  static int rateFor(PictureLayout layout, int requested) {
    int[] rates = layout.equals(PictureLayout.VGA) ? VGA_RATES : QVGA_RATES;
    for (int r : rates) {
      if (requested >= r) {
        return r;
      }
    }
    return rates[rates.length - 1];
  }

  int enumFmt(NativeStruct s) {
    if (s.getInt("type") != V4L2_BUF_TYPE_VIDEO_CAPTURE || s.get("index") != 0) {
      return -Errno.EINVAL;
    }
    s.set("flags", 0)
        .setString("description", "YUYV 4:2:2")
        .set("pixelformat", FourCc.YUYV & 0xFFFF_FFFFL)
        .set("mbus_code", 0);
    return 0;
  }

  int enumFrameSizes(NativeStruct s) {
    long index = s.get("index");
    if (s.getInt("pixel_format") != FourCc.YUYV || index < 0 || index >= MODES.length) {
      return -Errno.EINVAL;
    }
    PictureLayout m = MODES[(int) index];
    s.set("type", V4L2_FRMSIZE_TYPE_DISCRETE)
        .set("discrete.width", m.width())
        .set("discrete.height", m.height());
    return 0;
  }

  int enumFrameIntervals(NativeStruct s) {
    int[] rates;
    if (s.getInt("pixel_format") != FourCc.YUYV) {
      return -Errno.EINVAL;
    } else if (s.getInt("width") == 640 && s.getInt("height") == 480) {
      rates = VGA_RATES;
    } else if (s.getInt("width") == 320 && s.getInt("height") == 240) {
      rates = QVGA_RATES;
    } else {
      return -Errno.EINVAL;
    }
    long index = s.get("index");
    if (index < 0 || index >= rates.length) {
      return -Errno.EINVAL;
    }
    s.set("type", V4L2_FRMSIZE_TYPE_DISCRETE)
        .set("discrete.numerator", 1)
        .set("discrete.denominator", rates[(int) index]);
    return 0;
  }

  int getFormat(NativeStruct s) {
    if (s.getInt("type") != V4L2_BUF_TYPE_VIDEO_CAPTURE) {
      return -Errno.EINVAL;
    }
    describe(s, mode);
    return 0;
  }

  /**
   * {@code TRY_FMT} ({@code apply} false) or {@code S_FMT}. Any pixel format becomes YUYV, the only
   * one there is.
   */
  int setFormat(NativeStruct s, boolean apply, boolean queueBusy) {
    if (s.getInt("type") != V4L2_BUF_TYPE_VIDEO_CAPTURE) {
      return -Errno.EINVAL;
    }
    if (apply && queueBusy) {
      return -Errno.EBUSY;
    }
    long width = s.get("fmt.pix.width");
    long height = s.get("fmt.pix.height");
    PictureLayout chosen = MODES[0];
    for (int i = MODES.length - 1; i > 0; i--) {
      if (width >= MODES[i].width() && height >= MODES[i].height()) {
        chosen = MODES[i];
        break;
      }
    }
    describe(s, chosen);
    if (apply) {
      mode = chosen;
    }
    return 0;
  }

  private static void describe(NativeStruct s, PictureLayout m) {
    s.clear();
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE)
        .set("fmt.pix.width", m.width())
        .set("fmt.pix.height", m.height())
        .set("fmt.pix.pixelformat", FourCc.YUYV & 0xFFFF_FFFFL)
        .set("fmt.pix.field", V4L2_FIELD_NONE)
        .set("fmt.pix.bytesperline", m.bytesPerLine())
        .set("fmt.pix.sizeimage", m.imageBytes())
        .set("fmt.pix.colorspace", COLORSPACE_SRGB);
  }

  /** {@code G_PARM}, or {@code S_PARM} when {@code apply}. */
  int parm(NativeStruct s, boolean apply) {
    if (s.getInt("type") != V4L2_BUF_TYPE_VIDEO_CAPTURE) {
      return -Errno.EINVAL;
    }
    if (apply) {
      long num = s.get("parm.capture.timeperframe.numerator");
      long den = s.get("parm.capture.timeperframe.denominator");
      requestedRate =
          num == 0 || den == 0 ? DEFAULT_RATE : (int) Math.min(Integer.MAX_VALUE, den / num);
    }
    s.clear();
    s.set("type", V4L2_BUF_TYPE_VIDEO_CAPTURE)
        .set("parm.capture.capability", V4L2_CAP_TIMEPERFRAME)
        .set("parm.capture.timeperframe.numerator", 1)
        .set("parm.capture.timeperframe.denominator", rate())
        .set("parm.capture.readbuffers", BufferQueue.MIN_QUEUED);
    return 0;
  }
}
