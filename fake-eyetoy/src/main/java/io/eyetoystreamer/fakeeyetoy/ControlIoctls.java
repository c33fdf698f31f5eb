package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_READ_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_FLAG_WRITE_ONLY;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_CTRL_WHICH_CUR_VAL;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.abi.StructLayout;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;

/**
 * Reads and writes a {@link ControlTable} ({@link Ov534Controls}, {@link EncoderControls}) through
 * {@code VIDIOC_G/S/TRY_EXT_CTRLS} and the old {@code VIDIOC_G/S_CTRL}, with the V4L2 control
 * framework's checks: unknown ids and controls of another class are {@code EINVAL} (with {@code
 * error_idx} naming the culprit), class headings are {@code EACCES}, nothing is applied unless
 * every value is valid, and the stored values are written back. When the simulated ABI's pointers
 * are narrower than the host's (armhf simulated on x86-64), the extended calls answer {@code
 * ENOTTY}, as a driver without them would, because their array pointer cannot hold a host address;
 * the library then falls back to {@code G/S_CTRL}. Guarded by the fake's lock.
 */
final class ControlIoctls {
  /** {@code V4L2_CTRL_WHICH_DEF_VAL}: read default values. */
  static final long WHICH_DEF_VAL = 0x0f000000L;

  /** {@code V4L2_CTRL_WHICH_REQUEST_VAL}: values of a request (not supported by gspca). */
  static final long WHICH_REQUEST_VAL = 0x0f010000L;

  /** {@code V4L2_CID_MAX_CTRLS}: the most controls one call may name. */
  static final long MAX_CONTROLS = 1024;

  /** What an extended-controls call does. */
  enum Kind {
    GET,
    SET,
    TRY
  }

  private final V4l2Layouts layouts;
  private final boolean pointersFit;

  ControlIoctls(Abi abi) {
    this.layouts = V4l2Layouts.of(abi);
    this.pointersFit = abi.pointerSize() >= Native.POINTER_SIZE;
  }

  int extended(ControlTable controls, Pointer arg, Kind kind) {
    if (!pointersFit) {
      return -Errno.ENOTTY;
    }
    NativeStruct all = NativeStruct.wrap(layouts.extControls(), arg);
    long which = all.get("which") & 0xFFFF_FFFFL;
    long count = all.get("count") & 0xFFFF_FFFFL;
    all.set("error_idx", count);
    boolean defaults = which == WHICH_DEF_VAL;
    if (count > MAX_CONTROLS || which == WHICH_REQUEST_VAL || (defaults && kind != Kind.GET)) {
      return -Errno.EINVAL;
    }
    long onlyClass = which == V4L2_CTRL_WHICH_CUR_VAL || defaults ? 0 : which;
    if (count == 0) {
      return 0;
    }
    long address = all.get("controls");
    if (address == 0) {
      return -Errno.EFAULT;
    }
    Pointer array = new Pointer(address);
    StructLayout one = layouts.extControl();
    int n = (int) count;
    int[] found = new int[n];
    long[] accepted = new long[n];
    for (int i = 0; i < n; i++) {
      NativeStruct c = NativeStruct.wrap(one, array.share((long) i * one.size()));
      long id = c.getInt("id") & 0xFFFF_FFFFL;
      found[i] = controls.find(id);
      if (found[i] < 0 || (onlyClass != 0 && (id & 0x0FFF_0000L) != onlyClass)) {
        all.set("error_idx", i);
        return -Errno.EINVAL;
      }
      int flags = controls.declaredFlags(found[i]);
      if (kind == Kind.GET) {
        if ((flags & V4L2_CTRL_FLAG_WRITE_ONLY) != 0) {
          all.set("error_idx", i);
          return -Errno.EACCES;
        }
        continue;
      }
      accepted[i] = controls.validate(found[i], c.getInt("value"));
      if (accepted[i] < 0) {
        all.set("error_idx", kind == Kind.TRY ? i : n);
        return (int) accepted[i];
      }
    }
    for (int i = 0; i < n; i++) {
      NativeStruct c = NativeStruct.wrap(one, array.share((long) i * one.size()));
      if (kind == Kind.GET) {
        c.set("value", defaults ? controls.defaultValue(found[i]) : controls.get(found[i]));
      } else {
        if (kind == Kind.SET) {
          controls.store(found[i], (int) accepted[i]);
        }
        c.set("value", accepted[i]);
      }
    }
    return 0;
  }

  /** {@code VIDIOC_G_CTRL}, or {@code VIDIOC_S_CTRL} when {@code set}. */
  int single(ControlTable controls, Pointer arg, boolean set) {
    NativeStruct s = NativeStruct.wrap(layouts.control(), arg);
    int i = controls.find(s.getInt("id") & 0xFFFF_FFFFL);
    if (i < 0) {
      return -Errno.EINVAL;
    }
    int flags = controls.declaredFlags(i);
    if ((flags & (set ? V4L2_CTRL_FLAG_READ_ONLY : V4L2_CTRL_FLAG_WRITE_ONLY)) != 0) {
      return -Errno.EACCES;
    }
    if (set) {
      long accepted = controls.validate(i, s.getInt("value"));
      if (accepted < 0) {
        return (int) accepted;
      }
      controls.store(i, (int) accepted);
    }
    s.set("value", controls.get(i));
    return 0;
  }
}
