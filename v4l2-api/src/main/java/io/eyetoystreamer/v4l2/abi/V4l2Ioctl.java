package io.eyetoystreamer.v4l2.abi;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The V4L2 ioctls this library issues, with their direction, number and argument type. The request
 * number depends on the argument size and so on the {@link Abi}: get it with {@link #request(Abi)},
 * and map a number back with {@link #decode(Abi, int)} (which is how a simulated device recognises
 * a call). Numbers are computed once per ABI. Thread-safe.
 *
 * <p>For example {@code VIDIOC_QBUF} is {@code 0xC058560F} on x86-64 and arm64, {@code 0xC044560F}
 * on {@link Abi#ARMHF_TIME32} and {@code 0xC050560F} on {@link Abi#ARMHF_TIME64}.
 */
public enum V4l2Ioctl {
  /** Query device capabilities. */
  VIDIOC_QUERYCAP(Ioc.READ, 0, V4l2Structs.CAPABILITY),
  /** Enumerate image formats. */
  VIDIOC_ENUM_FMT(Ioc.READ_WRITE, 2, V4l2Structs.FMTDESC),
  /** Get the data format. */
  VIDIOC_G_FMT(Ioc.READ_WRITE, 4, V4l2Structs.FORMAT),
  /** Set the data format. */
  VIDIOC_S_FMT(Ioc.READ_WRITE, 5, V4l2Structs.FORMAT),
  /** Allocate or free driver buffers. */
  VIDIOC_REQBUFS(Ioc.READ_WRITE, 8, V4l2Structs.REQUESTBUFFERS),
  /** Query a buffer's length and mmap offset. */
  VIDIOC_QUERYBUF(Ioc.READ_WRITE, 9, V4l2Structs.BUFFER),
  /** Queue a buffer to the driver. */
  VIDIOC_QBUF(Ioc.READ_WRITE, 15, V4l2Structs.BUFFER),
  /** Dequeue a filled buffer. */
  VIDIOC_DQBUF(Ioc.READ_WRITE, 17, V4l2Structs.BUFFER),
  /** Start streaming (argument: the buffer type, an int). */
  VIDIOC_STREAMON(Ioc.WRITE, 18, Scalar.S32),
  /** Stop streaming (argument: the buffer type, an int). */
  VIDIOC_STREAMOFF(Ioc.WRITE, 19, Scalar.S32),
  /** Get streaming parameters (frame interval). */
  VIDIOC_G_PARM(Ioc.READ_WRITE, 21, V4l2Structs.STREAMPARM),
  /** Set streaming parameters (frame interval). */
  VIDIOC_S_PARM(Ioc.READ_WRITE, 22, V4l2Structs.STREAMPARM),
  /** Enumerate video inputs. */
  VIDIOC_ENUMINPUT(Ioc.READ_WRITE, 26, V4l2Structs.INPUT),
  /** Get a control's value (old API, 32-bit values). */
  VIDIOC_G_CTRL(Ioc.READ_WRITE, 27, V4l2Structs.CONTROL),
  /** Set a control's value (old API, 32-bit values). */
  VIDIOC_S_CTRL(Ioc.READ_WRITE, 28, V4l2Structs.CONTROL),
  /** Query a control (old API). */
  VIDIOC_QUERYCTRL(Ioc.READ_WRITE, 36, V4l2Structs.QUERYCTRL),
  /** Query a menu item. */
  VIDIOC_QUERYMENU(Ioc.READ_WRITE, 37, V4l2Structs.QUERYMENU),
  /** Get the current video input (argument: an int). */
  VIDIOC_G_INPUT(Ioc.READ, 38, Scalar.S32),
  /** Try a data format without applying it. */
  VIDIOC_TRY_FMT(Ioc.READ_WRITE, 64, V4l2Structs.FORMAT),
  /** Get control values. */
  VIDIOC_G_EXT_CTRLS(Ioc.READ_WRITE, 71, V4l2Structs.EXT_CONTROLS),
  /** Set control values. */
  VIDIOC_S_EXT_CTRLS(Ioc.READ_WRITE, 72, V4l2Structs.EXT_CONTROLS),
  /** Validate control values without applying them. */
  VIDIOC_TRY_EXT_CTRLS(Ioc.READ_WRITE, 73, V4l2Structs.EXT_CONTROLS),
  /** Enumerate frame sizes. */
  VIDIOC_ENUM_FRAMESIZES(Ioc.READ_WRITE, 74, V4l2Structs.FRMSIZEENUM),
  /** Enumerate frame intervals. */
  VIDIOC_ENUM_FRAMEINTERVALS(Ioc.READ_WRITE, 75, V4l2Structs.FRMIVALENUM),
  /** Execute an encoder command (start, stop/drain, pause, resume). */
  VIDIOC_ENCODER_CMD(Ioc.READ_WRITE, 77, V4l2Structs.ENCODER_CMD),
  /** Check an encoder command without executing it. */
  VIDIOC_TRY_ENCODER_CMD(Ioc.READ_WRITE, 78, V4l2Structs.ENCODER_CMD),
  /** Dequeue a pending event. */
  VIDIOC_DQEVENT(Ioc.READ, 89, V4l2Structs.EVENT),
  /** Subscribe to an event type. */
  VIDIOC_SUBSCRIBE_EVENT(Ioc.WRITE, 90, V4l2Structs.EVENT_SUBSCRIPTION),
  /** Unsubscribe from an event type. */
  VIDIOC_UNSUBSCRIBE_EVENT(Ioc.WRITE, 91, V4l2Structs.EVENT_SUBSCRIPTION),
  /** Query a control, 64-bit ranges and compound types included. */
  VIDIOC_QUERY_EXT_CTRL(Ioc.READ_WRITE, 103, V4l2Structs.QUERY_EXT_CTRL);

  /** The ioctl type character of V4L2. */
  public static final int TYPE = 'V';

  private final int direction;
  private final int number;
  private final CType argument;

  V4l2Ioctl(int direction, int number, CType argument) {
    this.direction = direction;
    this.number = number;
    this.argument = argument;
  }

  /**
   * Returns the {@code _IOC} direction.
   *
   * @return one of the {@link Ioc} direction constants
   */
  public int direction() {
    return direction;
  }

  /**
   * Returns the command number ({@code _IOC_NR}).
   *
   * @return 0..255
   */
  public int number() {
    return number;
  }

  /**
   * Returns the argument type: a {@link CStruct} from {@link V4l2Structs}, or {@link Scalar#S32}.
   *
   * @return the type the argument pointer points to
   */
  public CType argumentType() {
    return argument;
  }

  /**
   * Returns the request number under an ABI.
   *
   * @param abi the ABI
   * @return the 32-bit request, as passed to {@code ioctl(2)}
   */
  public int request(Abi abi) {
    return Tables.REQUESTS.get(abi)[ordinal()];
  }

  /**
   * Finds the ioctl a request number stands for under an ABI.
   *
   * @param abi the ABI the caller uses
   * @param request the request number
   * @return the ioctl, or empty for a request this library does not issue
   */
  public static Optional<V4l2Ioctl> decode(Abi abi, int request) {
    return Optional.ofNullable(Tables.DECODE.get(abi).get(request));
  }

  private static final class Tables {
    static final Map<Abi, int[]> REQUESTS = new EnumMap<>(Abi.class);
    static final Map<Abi, Map<Integer, V4l2Ioctl>> DECODE = new EnumMap<>(Abi.class);

    static {
      for (Abi abi : Abi.values()) {
        V4l2Ioctl[] all = values();
        int[] numbers = new int[all.length];
        Map<Integer, V4l2Ioctl> back = new HashMap<>();
        for (V4l2Ioctl io : all) {
          int n = Ioc.ioc(io.direction, TYPE, io.number, io.argument.size(abi));
          numbers[io.ordinal()] = n;
          back.put(n, io);
        }
        REQUESTS.put(abi, numbers);
        DECODE.put(abi, Map.copyOf(back));
      }
    }

    private Tables() {}
  }
}
