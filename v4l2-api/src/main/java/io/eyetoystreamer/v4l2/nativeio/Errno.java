package io.eyetoystreamer.v4l2.nativeio;

/**
 * Linux errno values with their names and glibc message texts, for {@code -errno} results of {@link
 * V4l2Native} and for error messages such as {@code EBUSY (Device or resource busy)}. The numbers
 * are the generic Linux ones, the same on x86-64, arm64 and 32-bit ARM. Stateless and thread-safe.
 */
public final class Errno {
  private Errno() {}

  /** {@code EPERM}: Operation not permitted. */
  public static final int EPERM = 1;

  /** {@code ENOENT}: No such file or directory. */
  public static final int ENOENT = 2;

  /** {@code ESRCH}: No such process. */
  public static final int ESRCH = 3;

  /** {@code EINTR}: Interrupted system call. */
  public static final int EINTR = 4;

  /** {@code EIO}: Input/output error. */
  public static final int EIO = 5;

  /** {@code ENXIO}: No such device or address. */
  public static final int ENXIO = 6;

  /** {@code E2BIG}: Argument list too long. */
  public static final int E2BIG = 7;

  /** {@code ENOEXEC}: Exec format error. */
  public static final int ENOEXEC = 8;

  /** {@code EBADF}: Bad file descriptor. */
  public static final int EBADF = 9;

  /** {@code ECHILD}: No child processes. */
  public static final int ECHILD = 10;

  /** {@code EAGAIN}: Resource temporarily unavailable. */
  public static final int EAGAIN = 11;

  /** {@code ENOMEM}: Cannot allocate memory. */
  public static final int ENOMEM = 12;

  /** {@code EACCES}: Permission denied. */
  public static final int EACCES = 13;

  /** {@code EFAULT}: Bad address. */
  public static final int EFAULT = 14;

  /** {@code ENOTBLK}: Block device required. */
  public static final int ENOTBLK = 15;

  /** {@code EBUSY}: Device or resource busy. */
  public static final int EBUSY = 16;

  /** {@code EEXIST}: File exists. */
  public static final int EEXIST = 17;

  /** {@code EXDEV}: Invalid cross-device link. */
  public static final int EXDEV = 18;

  /** {@code ENODEV}: No such device. */
  public static final int ENODEV = 19;

  /** {@code ENOTDIR}: Not a directory. */
  public static final int ENOTDIR = 20;

  /** {@code EISDIR}: Is a directory. */
  public static final int EISDIR = 21;

  /** {@code EINVAL}: Invalid argument. */
  public static final int EINVAL = 22;

  /** {@code ENFILE}: Too many open files in system. */
  public static final int ENFILE = 23;

  /** {@code EMFILE}: Too many open files. */
  public static final int EMFILE = 24;

  /** {@code ENOTTY}: Inappropriate ioctl for device. */
  public static final int ENOTTY = 25;

  /** {@code ETXTBSY}: Text file busy. */
  public static final int ETXTBSY = 26;

  /** {@code EFBIG}: File too large. */
  public static final int EFBIG = 27;

  /** {@code ENOSPC}: No space left on device. */
  public static final int ENOSPC = 28;

  /** {@code ESPIPE}: Illegal seek. */
  public static final int ESPIPE = 29;

  /** {@code EROFS}: Read-only file system. */
  public static final int EROFS = 30;

  /** {@code EMLINK}: Too many links. */
  public static final int EMLINK = 31;

  /** {@code EPIPE}: Broken pipe. */
  public static final int EPIPE = 32;

  /** {@code EDOM}: Numerical argument out of domain. */
  public static final int EDOM = 33;

  /** {@code ERANGE}: Numerical result out of range. */
  public static final int ERANGE = 34;

  /** {@code EDEADLK}: Resource deadlock avoided. */
  public static final int EDEADLK = 35;

  /** {@code ENAMETOOLONG}: File name too long. */
  public static final int ENAMETOOLONG = 36;

  /** {@code ENOLCK}: No locks available. */
  public static final int ENOLCK = 37;

  /** {@code ENOSYS}: Function not implemented. */
  public static final int ENOSYS = 38;

  /** {@code ENOTEMPTY}: Directory not empty. */
  public static final int ENOTEMPTY = 39;

  /** {@code ELOOP}: Too many levels of symbolic links. */
  public static final int ELOOP = 40;

  /** {@code ENOMSG}: No message of desired type. */
  public static final int ENOMSG = 42;

  /** {@code ENODATA}: No data available. */
  public static final int ENODATA = 61;

  /** {@code ETIME}: Timer expired. */
  public static final int ETIME = 62;

  /** {@code ENOSR}: Out of streams resources. */
  public static final int ENOSR = 63;

  /** {@code ENOLINK}: Link has been severed. */
  public static final int ENOLINK = 67;

  /** {@code EPROTO}: Protocol error. */
  public static final int EPROTO = 71;

  /** {@code EBADMSG}: Bad message. */
  public static final int EBADMSG = 74;

  /** {@code EOVERFLOW}: Value too large for defined data type. */
  public static final int EOVERFLOW = 75;

  /** {@code EILSEQ}: Invalid or incomplete multibyte or wide character. */
  public static final int EILSEQ = 84;

  /** {@code EMSGSIZE}: Message too long. */
  public static final int EMSGSIZE = 90;

  /** {@code EOPNOTSUPP}: Operation not supported. */
  public static final int EOPNOTSUPP = 95;

  /** {@code ECONNRESET}: Connection reset by peer. */
  public static final int ECONNRESET = 104;

  /** {@code ENOBUFS}: No buffer space available. */
  public static final int ENOBUFS = 105;

  /** {@code ESHUTDOWN}: Cannot send after transport endpoint shutdown. */
  public static final int ESHUTDOWN = 108;

  /** {@code ETIMEDOUT}: Connection timed out. */
  public static final int ETIMEDOUT = 110;

  /** {@code ECANCELED}: Operation canceled. */
  public static final int ECANCELED = 125;

  /** {@code EWOULDBLOCK}, the same as {@link #EAGAIN} on Linux. */
  public static final int EWOULDBLOCK = EAGAIN;

  /** {@code ENOTSUP}, the same as {@link #EOPNOTSUPP} on Linux. */
  public static final int ENOTSUP = EOPNOTSUPP;

  /**
   * Returns the symbolic name of an errno value.
   *
   * @param errno a positive errno value
   * @return e.g. {@code EBUSY}, or {@code errno 200} for a value not in this table
   */
  public static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case ESRCH -> "ESRCH";
      case EINTR -> "EINTR";
      case EIO -> "EIO";
      case ENXIO -> "ENXIO";
      case E2BIG -> "E2BIG";
      case ENOEXEC -> "ENOEXEC";
      case EBADF -> "EBADF";
      case ECHILD -> "ECHILD";
      case EAGAIN -> "EAGAIN";
      case ENOMEM -> "ENOMEM";
      case EACCES -> "EACCES";
      case EFAULT -> "EFAULT";
      case ENOTBLK -> "ENOTBLK";
      case EBUSY -> "EBUSY";
      case EEXIST -> "EEXIST";
      case EXDEV -> "EXDEV";
      case ENODEV -> "ENODEV";
      case ENOTDIR -> "ENOTDIR";
      case EISDIR -> "EISDIR";
      case EINVAL -> "EINVAL";
      case ENFILE -> "ENFILE";
      case EMFILE -> "EMFILE";
      case ENOTTY -> "ENOTTY";
      case ETXTBSY -> "ETXTBSY";
      case EFBIG -> "EFBIG";
      case ENOSPC -> "ENOSPC";
      case ESPIPE -> "ESPIPE";
      case EROFS -> "EROFS";
      case EMLINK -> "EMLINK";
      case EPIPE -> "EPIPE";
      case EDOM -> "EDOM";
      case ERANGE -> "ERANGE";
      case EDEADLK -> "EDEADLK";
      case ENAMETOOLONG -> "ENAMETOOLONG";
      case ENOLCK -> "ENOLCK";
      case ENOSYS -> "ENOSYS";
      case ENOTEMPTY -> "ENOTEMPTY";
      case ELOOP -> "ELOOP";
      case ENOMSG -> "ENOMSG";
      case ENODATA -> "ENODATA";
      case ETIME -> "ETIME";
      case ENOSR -> "ENOSR";
      case ENOLINK -> "ENOLINK";
      case EPROTO -> "EPROTO";
      case EBADMSG -> "EBADMSG";
      case EOVERFLOW -> "EOVERFLOW";
      case EILSEQ -> "EILSEQ";
      case EMSGSIZE -> "EMSGSIZE";
      case EOPNOTSUPP -> "EOPNOTSUPP";
      case ECONNRESET -> "ECONNRESET";
      case ENOBUFS -> "ENOBUFS";
      case ESHUTDOWN -> "ESHUTDOWN";
      case ETIMEDOUT -> "ETIMEDOUT";
      case ECANCELED -> "ECANCELED";
      default -> "errno " + errno;
    };
  }

  /**
   * Returns the message text glibc's {@code strerror} gives for an errno value.
   *
   * @param errno a positive errno value
   * @return e.g. {@code Device or resource busy}, or {@code Unknown error 200}
   */
  public static String description(int errno) {
    return switch (errno) {
      case EPERM -> "Operation not permitted";
      case ENOENT -> "No such file or directory";
      case ESRCH -> "No such process";
      case EINTR -> "Interrupted system call";
      case EIO -> "Input/output error";
      case ENXIO -> "No such device or address";
      case E2BIG -> "Argument list too long";
      case ENOEXEC -> "Exec format error";
      case EBADF -> "Bad file descriptor";
      case ECHILD -> "No child processes";
      case EAGAIN -> "Resource temporarily unavailable";
      case ENOMEM -> "Cannot allocate memory";
      case EACCES -> "Permission denied";
      case EFAULT -> "Bad address";
      case ENOTBLK -> "Block device required";
      case EBUSY -> "Device or resource busy";
      case EEXIST -> "File exists";
      case EXDEV -> "Invalid cross-device link";
      case ENODEV -> "No such device";
      case ENOTDIR -> "Not a directory";
      case EISDIR -> "Is a directory";
      case EINVAL -> "Invalid argument";
      case ENFILE -> "Too many open files in system";
      case EMFILE -> "Too many open files";
      case ENOTTY -> "Inappropriate ioctl for device";
      case ETXTBSY -> "Text file busy";
      case EFBIG -> "File too large";
      case ENOSPC -> "No space left on device";
      case ESPIPE -> "Illegal seek";
      case EROFS -> "Read-only file system";
      case EMLINK -> "Too many links";
      case EPIPE -> "Broken pipe";
      case EDOM -> "Numerical argument out of domain";
      case ERANGE -> "Numerical result out of range";
      case EDEADLK -> "Resource deadlock avoided";
      case ENAMETOOLONG -> "File name too long";
      case ENOLCK -> "No locks available";
      case ENOSYS -> "Function not implemented";
      case ENOTEMPTY -> "Directory not empty";
      case ELOOP -> "Too many levels of symbolic links";
      case ENOMSG -> "No message of desired type";
      case ENODATA -> "No data available";
      case ETIME -> "Timer expired";
      case ENOSR -> "Out of streams resources";
      case ENOLINK -> "Link has been severed";
      case EPROTO -> "Protocol error";
      case EBADMSG -> "Bad message";
      case EOVERFLOW -> "Value too large for defined data type";
      case EILSEQ -> "Invalid or incomplete multibyte or wide character";
      case EMSGSIZE -> "Message too long";
      case EOPNOTSUPP -> "Operation not supported";
      case ECONNRESET -> "Connection reset by peer";
      case ENOBUFS -> "No buffer space available";
      case ESHUTDOWN -> "Cannot send after transport endpoint shutdown";
      case ETIMEDOUT -> "Connection timed out";
      case ECANCELED -> "Operation canceled";
      default -> "Unknown error " + errno;
    };
  }

  /**
   * Formats an errno value as {@code NAME (text)}, the form used in exception messages.
   *
   * @param errno a positive errno value
   * @return e.g. {@code EBUSY (Device or resource busy)}
   */
  public static String describe(int errno) {
    return name(errno) + " (" + description(errno) + ")";
  }
}
