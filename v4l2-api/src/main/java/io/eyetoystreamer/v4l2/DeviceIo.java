package io.eyetoystreamer.v4l2;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.abi.V4l2Layouts;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;

/**
 * One open descriptor with its path, ABI and request numbers: issues ioctls, retries EINTR and
 * turns errno into exceptions. Package-private plumbing shared by the device, its controls and its
 * capture stream; thread-safe (immutable; the native seam is thread-safe).
 */
final class DeviceIo {
  /** Consecutive EINTRs after which a call gives up (a signal storm, or a broken simulation). */
  static final int MAX_EINTR_RETRIES = 64;

  final V4l2Native sys;
  final String path;
  final int fd;
  final Abi abi;
  final V4l2Layouts layouts;
  private final int[] requests;

  DeviceIo(V4l2Native sys, String path, int fd) {
    this.sys = sys;
    this.path = path;
    this.fd = fd;
    this.abi = sys.abi();
    this.layouts = V4l2Layouts.of(abi);
    V4l2Ioctl[] all = V4l2Ioctl.values();
    this.requests = new int[all.length];
    for (V4l2Ioctl io : all) {
      requests[io.ordinal()] = io.request(abi);
    }
  }

  /**
   * Issues an ioctl, retrying while it is interrupted.
   *
   * @return the result, or {@code -errno} (never {@code -EINTR} unless the retries ran out)
   */
  int call(V4l2Ioctl io, Pointer arg) {
    int request = requests[io.ordinal()];
    int r = sys.ioctl(fd, request, arg);
    for (int i = 0; r == -Errno.EINTR && i < MAX_EINTR_RETRIES; i++) {
      r = sys.ioctl(fd, request, arg);
    }
    return r;
  }

  /** Issues an ioctl and throws the matching exception when it fails. */
  void check(V4l2Ioctl io, Pointer arg) {
    int r = call(io, arg);
    if (r < 0) {
      throw error(io.name(), r);
    }
  }

  /** Builds the exception for a failed call; {@code result} is {@code -errno}. */
  V4l2Exception error(String operation, int result) {
    return V4l2Exception.of(path, operation, -result);
  }
}
