package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.nativeio.Errno;

/**
 * A V4L2 operation failed. The message names the device, the operation and, when the kernel
 * reported one, the errno with its text: {@code VIDIOC_S_FMT on /dev/video0 failed: EBUSY (Device
 * or resource busy)}.
 *
 * <p>Unchecked, so frames and streams can be used in try-with-resources without boilerplate.
 * Subclasses mark the cases callers usually handle differently: {@link DeviceGoneException}
 * (unplugged: reconnect), {@link DeviceBusyException}, {@link DeviceNotFoundException}, {@link
 * UnsupportedRequestException}, {@link InvalidRequestException} and {@link ControlException}. Use
 * {@link #of(String, String, int)} to get the right subclass for an errno.
 */
public class V4l2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The device path, e.g. {@code /dev/video0}. */
  private final String device;

  /** The failed operation, e.g. {@code VIDIOC_S_FMT}. */
  private final String operation;

  /** The errno, or 0 when the failure was not a failed system call. */
  private final int errno;

  /**
   * Creates an exception for a failed system call.
   *
   * @param device the device path
   * @param operation the ioctl or call name, e.g. {@code VIDIOC_S_FMT} or {@code open}
   * @param errno the positive errno value
   */
  public V4l2Exception(String device, String operation, int errno) {
    super(operation + " on " + device + " failed: " + Errno.describe(errno));
    this.device = device;
    this.operation = operation;
    this.errno = errno;
  }

  /**
   * Creates an exception for a failure that has no errno (e.g. a driver that grants no buffers).
   *
   * @param device the device path
   * @param operation the operation name
   * @param detail what went wrong
   */
  public V4l2Exception(String device, String operation, String detail) {
    super(operation + " on " + device + " failed: " + detail);
    this.device = device;
    this.operation = operation;
    this.errno = 0;
  }

  /**
   * Returns the right exception type for an errno: {@link DeviceGoneException} for ENODEV, {@link
   * DeviceBusyException} for EBUSY, {@link DeviceNotFoundException} for ENOENT and ENXIO, {@link
   * UnsupportedRequestException} for ENOTTY, {@link InvalidRequestException} for EINVAL, otherwise
   * a plain {@link V4l2Exception}.
   *
   * @param device the device path
   * @param operation the ioctl or call name
   * @param errno the positive errno value
   * @return the exception (not thrown)
   */
  public static V4l2Exception of(String device, String operation, int errno) {
    return switch (errno) {
      case Errno.ENODEV -> new DeviceGoneException(device, operation, errno);
      case Errno.EBUSY -> new DeviceBusyException(device, operation, errno);
      case Errno.ENOENT, Errno.ENXIO -> new DeviceNotFoundException(device, operation, errno);
      case Errno.ENOTTY -> new UnsupportedRequestException(device, operation, errno);
      case Errno.EINVAL -> new InvalidRequestException(device, operation, errno);
      default -> new V4l2Exception(device, operation, errno);
    };
  }

  /**
   * Returns the device path.
   *
   * @return e.g. {@code /dev/video0}
   */
  public String device() {
    return device;
  }

  /**
   * Returns the operation that failed.
   *
   * @return e.g. {@code VIDIOC_DQBUF}, {@code open}, {@code mmap}
   */
  public String operation() {
    return operation;
  }

  /**
   * Returns the errno the kernel reported.
   *
   * @return the positive errno, or 0 when the failure had none
   */
  public int errno() {
    return errno;
  }

  /**
   * Returns the symbolic errno name.
   *
   * @return e.g. {@code EBUSY}, or an empty string when there was no errno
   */
  public String errnoName() {
    return errno == 0 ? "" : Errno.name(errno);
  }
}
