package io.eyetoystreamer.v4l2.abi;

/**
 * The kernel's {@code _IOC} encoding of ioctl request numbers, as on x86 and ARM (the generic
 * encoding: 8 bits number, 8 bits type, 14 bits size, 2 bits direction, direction highest).
 *
 * <p>A request is a 32-bit value; Java holds it in an {@code int} (so {@code 0xC0585609} is
 * negative there). Stateless and thread-safe.
 */
final class Ioc {
  /** {@code _IOC_NONE}: no argument is copied. */
  public static final int NONE = 0;

  /** {@code _IOC_WRITE}: user space writes the argument (the kernel reads it). */
  public static final int WRITE = 1;

  /** {@code _IOC_READ}: the kernel writes the argument. */
  public static final int READ = 2;

  /** {@code _IOC_READ | _IOC_WRITE}. */
  public static final int READ_WRITE = READ | WRITE;

  private static final int NR_SHIFT = 0;
  private static final int TYPE_SHIFT = 8;
  private static final int SIZE_SHIFT = 16;
  private static final int DIR_SHIFT = 30;
  private static final int SIZE_MASK = (1 << 14) - 1;

  private Ioc() {}

  /**
   * Encodes a request like {@code _IOC(dir, type, nr, size)}.
   *
   * @param dir {@link #NONE}, {@link #READ}, {@link #WRITE} or {@link #READ_WRITE}
   * @param type the ioctl type character, {@code 'V'} for V4L2
   * @param nr the command number, 0..255
   * @param size the argument size in bytes, 0..16383
   * @return the request number
   */
  public static int ioc(int dir, int type, int nr, int size) {
    if (dir < 0 || dir > 3 || type < 0 || type > 255 || nr < 0 || nr > 255) {
      throw new IllegalArgumentException("bad _IOC(" + dir + ", " + type + ", " + nr + ")");
    }
    if (size < 0 || size > SIZE_MASK) {
      throw new IllegalArgumentException("ioctl argument size " + size + " exceeds 14 bits");
    }
    return dir << DIR_SHIFT | size << SIZE_SHIFT | type << TYPE_SHIFT | nr << NR_SHIFT;
  }

  /**
   * Extracts the direction ({@code _IOC_DIR}).
   *
   * @param request a request number
   * @return the direction bits
   */
  public static int dir(int request) {
    return request >>> DIR_SHIFT;
  }

  /**
   * Extracts the type character ({@code _IOC_TYPE}).
   *
   * @param request a request number
   * @return the type, e.g. {@code 'V'}
   */
  public static int type(int request) {
    return (request >>> TYPE_SHIFT) & 0xFF;
  }

  /**
   * Extracts the command number ({@code _IOC_NR}).
   *
   * @param request a request number
   * @return the number
   */
  public static int nr(int request) {
    return (request >>> NR_SHIFT) & 0xFF;
  }

  /**
   * Extracts the argument size ({@code _IOC_SIZE}).
   *
   * @param request a request number
   * @return the size in bytes
   */
  public static int size(int request) {
    return (request >>> SIZE_SHIFT) & SIZE_MASK;
  }

  /**
   * Formats a request as the kernel headers print it, e.g. {@code 0xC058560F}.
   *
   * @param request a request number
   * @return eight upper-case hex digits after {@code 0x}
   */
  public static String hex(int request) {
    return String.format("0x%08X", request);
  }
}
