package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_CODEC_CLASS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_BITRATE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_FORCE_KEY_FRAME;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_H264_I_PERIOD;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_H264_LEVEL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_H264_PROFILE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CID_MPEG_VIDEO_REPEAT_SEQ_HEADER;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_EXECUTE_ON_WRITE;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_GRABBED;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_COMPOUND;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_NEXT_CTRL;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_WRITE_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_BOOLEAN;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_BUTTON;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_CTRL_CLASS;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_INTEGER;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_TYPE_MENU;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_MPEG_VIDEO_H264_PROFILE_CONSTRAINED_BASELINE;

import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.util.List;

/**
 * The controls of one simulated encoder context, with the kernel's ids, names, types and menus:
 * {@code video_bitrate} 25000..25000000 step 25000 (10000000), {@code repeat_sequence_header} (0),
 * {@code force_key_frame} (a button), {@code h264_i_frame_period} 0..2147483647 (60, 0: only the
 * first picture is IDR), {@code h264_level} every level 1 to 6.2 (5.1), {@code h264_profile}
 * Baseline or Constrained Baseline (Constrained Baseline), under the "Codec Controls" heading.
 * Profile and level are grabbed while the CAPTURE queue streams ({@code EBUSY}); values are clamped
 * and rounded to the step as the control framework does; a bad menu index is {@code ERANGE}.
 * Guarded by the encoder's lock.
 */
final class EncoderControls implements ControlTable {
  /** One control as the driver declares it. */
  record Definition(
      int id,
      int type,
      String name,
      int min,
      int max,
      int step,
      int def,
      int flags,
      List<String> menu) {}

  static final List<String> LEVELS =
      List.of(
          "1", "1b", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "4.1", "4.2",
          "5", "5.1", "5.2", "6.0", "6.1", "6.2");

  /** The default level: 5.1, whose bitrate limit an I_PCM 640x480 stream at 30 fps keeps. */
  static final int DEFAULT_LEVEL = 15;

  static final List<Definition> DEFINITIONS =
      List.of(
          new Definition(
              V4L2_CID_CODEC_CLASS,
              V4L2_CTRL_TYPE_CTRL_CLASS,
              "Codec Controls",
              0,
              0,
              0,
              0,
              V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_WRITE_ONLY,
              List.of()),
          new Definition(
              V4L2_CID_MPEG_VIDEO_BITRATE,
              V4L2_CTRL_TYPE_INTEGER,
              "Video Bitrate",
              25_000,
              25_000_000,
              25_000,
              10_000_000,
              0,
              List.of()),
          new Definition(
              V4L2_CID_MPEG_VIDEO_REPEAT_SEQ_HEADER,
              V4L2_CTRL_TYPE_BOOLEAN,
              "Repeat Sequence Header",
              0,
              1,
              1,
              0,
              0,
              List.of()),
          new Definition(
              V4L2_CID_MPEG_VIDEO_FORCE_KEY_FRAME,
              V4L2_CTRL_TYPE_BUTTON,
              "Force Key Frame",
              0,
              0,
              0,
              0,
              V4L2_CTRL_FLAG_WRITE_ONLY | V4L2_CTRL_FLAG_EXECUTE_ON_WRITE,
              List.of()),
          new Definition(
              V4L2_CID_MPEG_VIDEO_H264_I_PERIOD,
              V4L2_CTRL_TYPE_INTEGER,
              "H264 I-Frame Period",
              0,
              Integer.MAX_VALUE,
              1,
              60,
              0,
              List.of()),
          new Definition(
              V4L2_CID_MPEG_VIDEO_H264_LEVEL,
              V4L2_CTRL_TYPE_MENU,
              "H264 Level",
              0,
              LEVELS.size() - 1,
              1,
              DEFAULT_LEVEL,
              0,
              LEVELS),
          new Definition(
              V4L2_CID_MPEG_VIDEO_H264_PROFILE,
              V4L2_CTRL_TYPE_MENU,
              "H264 Profile",
              0,
              1,
              1,
              V4L2_MPEG_VIDEO_H264_PROFILE_CONSTRAINED_BASELINE,
              0,
              List.of("Baseline", "Constrained Baseline")));

  private final int[] values = new int[DEFINITIONS.size()];
  private boolean streaming;
  private boolean keyFrameWanted;

  EncoderControls() {
    for (int i = 0; i < values.length; i++) {
      values[i] = DEFINITIONS.get(i).def();
    }
  }

  /** The CAPTURE queue streams: profile and level are grabbed. */
  void streaming(boolean on) {
    streaming = on;
  }

  /** Takes a pending {@code force_key_frame}: true once after each press. */
  boolean takeKeyFrameRequest() {
    boolean wanted = keyFrameWanted;
    keyFrameWanted = false;
    return wanted;
  }

  int bitrate() {
    return value(V4L2_CID_MPEG_VIDEO_BITRATE);
  }

  boolean repeatHeaders() {
    return value(V4L2_CID_MPEG_VIDEO_REPEAT_SEQ_HEADER) != 0;
  }

  int idrPeriod() {
    return value(V4L2_CID_MPEG_VIDEO_H264_I_PERIOD);
  }

  int levelIndex() {
    return value(V4L2_CID_MPEG_VIDEO_H264_LEVEL);
  }

  boolean constrainedBaseline() {
    return value(V4L2_CID_MPEG_VIDEO_H264_PROFILE)
        == V4L2_MPEG_VIDEO_H264_PROFILE_CONSTRAINED_BASELINE;
  }

  private int value(int id) {
    return values[find(id)];
  }

  private static boolean grabbable(int id) {
    return id == V4L2_CID_MPEG_VIDEO_H264_LEVEL || id == V4L2_CID_MPEG_VIDEO_H264_PROFILE;
  }

  @Override
  public int find(long id) {
    for (int i = 0; i < DEFINITIONS.size(); i++) {
      if ((DEFINITIONS.get(i).id() & 0xFFFF_FFFFL) == id) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int declaredFlags(int i) {
    return DEFINITIONS.get(i).flags();
  }

  @Override
  public int defaultValue(int i) {
    return DEFINITIONS.get(i).def();
  }

  @Override
  public long validate(int i, long value) {
    Definition d = DEFINITIONS.get(i);
    if (d.type() == V4L2_CTRL_TYPE_CTRL_CLASS) {
      return -Errno.EACCES;
    }
    if (streaming && grabbable(d.id())) {
      return -Errno.EBUSY;
    }
    switch (d.type()) {
      case V4L2_CTRL_TYPE_BUTTON:
        return 0;
      case V4L2_CTRL_TYPE_BOOLEAN:
        return value != 0 ? 1 : 0;
      case V4L2_CTRL_TYPE_MENU:
        return value < d.min() || value > d.max() ? -Errno.ERANGE : value;
      default:
        long clamped = Math.max(d.min(), Math.min(d.max(), value));
        long steps = (clamped - d.min() + d.step() / 2) / d.step();
        return Math.min(d.max(), d.min() + steps * d.step());
    }
  }

  @Override
  public void store(int i, int value) {
    if (DEFINITIONS.get(i).type() == V4L2_CTRL_TYPE_BUTTON) {
      keyFrameWanted = true;
      return;
    }
    values[i] = value;
  }

  @Override
  public int get(int i) {
    return values[i];
  }

  private int flags(int i) {
    Definition d = DEFINITIONS.get(i);
    return d.flags() | (streaming && grabbable(d.id()) ? V4L2_CTRL_FLAG_GRABBED : 0);
  }

  @Override
  public int query(NativeStruct q, boolean extended) {
    int asked = q.getInt("id");
    int i;
    if ((asked & V4L2_CTRL_FLAG_NEXT_CTRL) != 0) {
      long after =
          asked & ~(V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND) & 0xFFFF_FFFFL;
      i = 0;
      while (i < DEFINITIONS.size() && (DEFINITIONS.get(i).id() & 0xFFFF_FFFFL) <= after) {
        i++;
      }
      if (i == DEFINITIONS.size()) {
        return -Errno.EINVAL;
      }
    } else {
      i = (asked & V4L2_CTRL_FLAG_NEXT_COMPOUND) != 0 ? -1 : find(asked & 0xFFFF_FFFFL);
      if (i < 0) {
        return -Errno.EINVAL;
      }
    }
    Definition d = DEFINITIONS.get(i);
    q.clear();
    q.set("id", d.id())
        .set("type", d.type())
        .setString("name", d.name())
        .set("minimum", d.min())
        .set("maximum", d.max())
        .set("step", d.step())
        .set("default_value", d.def())
        .set("flags", flags(i));
    if (extended) {
      boolean valueless =
          d.type() == V4L2_CTRL_TYPE_CTRL_CLASS || d.type() == V4L2_CTRL_TYPE_BUTTON;
      q.set("elem_size", valueless ? 0 : 4).set("elems", 1);
    }
    return 0;
  }

  @Override
  public int queryMenu(NativeStruct q) {
    int i = find(q.getInt("id") & 0xFFFF_FFFFL);
    long index = q.get("index");
    if (i < 0 || DEFINITIONS.get(i).type() != V4L2_CTRL_TYPE_MENU) {
      return -Errno.EINVAL;
    }
    List<String> items = DEFINITIONS.get(i).menu();
    if (index < 0 || index >= items.size()) {
      return -Errno.EINVAL;
    }
    q.setString("name", items.get((int) index)).set("reserved", 0);
    return 0;
  }
}
