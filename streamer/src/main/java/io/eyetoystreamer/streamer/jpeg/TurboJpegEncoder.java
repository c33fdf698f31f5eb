package io.eyetoystreamer.streamer.jpeg;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * JPEG through libjpeg-turbo's TurboJPEG library (Debian and Raspberry Pi OS package {@code
 * libturbojpeg0}), called with JNA. The YUYV frame is split into YUV 4:2:2 planes and compressed
 * from them ({@code tjCompressFromYUVPlanes}), so no RGB conversion happens. Planes and the output
 * buffer are allocated once per frame size and reused: nothing is allocated per frame.
 *
 * <p>Not thread-safe: one encoder per thread.
 */
final class TurboJpegEncoder implements JpegEncoder {
  private static final int TJSAMP_422 = 1;
  private static final int TJFLAG_NOREALLOC = 1024;

  private final Pointer handle;
  private final YuyvPlanes splitter = new YuyvPlanes();
  private int width;
  private int height;
  private Memory y;
  private Memory u;
  private Memory v;
  private ByteBuffer yPlane;
  private ByteBuffer uPlane;
  private ByteBuffer vPlane;
  private final Memory planes = new Memory(3L * Native.POINTER_SIZE);
  private final Memory jpegBufPointer = new Memory(Native.POINTER_SIZE);
  private final Memory jpegSize = new Memory(Native.LONG_SIZE);
  private Memory jpeg;
  private ByteBuffer jpegView;

  private TurboJpegEncoder(Pointer handle) {
    this.handle = handle;
  }

  /**
   * Loads TurboJPEG and makes an encoder.
   *
   * @throws LinkageError if the library is not installed
   */
  static TurboJpegEncoder create() {
    Pointer h = TurboJpeg.tjInitCompress();
    if (h == null) {
      throw new UnsatisfiedLinkError("tjInitCompress failed");
    }
    return new TurboJpegEncoder(h);
  }

  @Override
  public int encode(
      ByteBuffer yuyv, int width, int height, int bytesPerLine, int quality, ByteBuffer out) {
    if (width % 4 != 0) {
      throw new IllegalArgumentException(
          "TurboJPEG path needs a width divisible by 4, got " + width);
    }
    ensureSize(width, height);
    splitter.split(yuyv, width, height, bytesPerLine, yPlane, uPlane, vPlane);
    if (Native.LONG_SIZE == 8) {
      jpegSize.setLong(0, jpeg.size());
    } else {
      jpegSize.setInt(0, (int) jpeg.size());
    }
    int rc =
        TurboJpeg.tjCompressFromYUVPlanes(
            handle,
            planes,
            width,
            null,
            height,
            TJSAMP_422,
            jpegBufPointer,
            jpegSize,
            quality,
            TJFLAG_NOREALLOC);
    if (rc != 0) {
      throw new IllegalStateException("TurboJPEG failed: " + TurboJpeg.tjGetErrorStr2(handle));
    }
    int length = Native.LONG_SIZE == 8 ? (int) jpegSize.getLong(0) : jpegSize.getInt(0);
    out.put(out.position(), jpegView, 0, length);
    out.position(out.position() + length);
    return length;
  }

  private void ensureSize(int w, int h) {
    if (w == width && h == height) {
      return;
    }
    width = w;
    height = h;
    y = new Memory((long) w * h);
    u = new Memory((long) w / 2 * h);
    v = new Memory((long) w / 2 * h);
    yPlane = y.getByteBuffer(0, y.size());
    uPlane = u.getByteBuffer(0, u.size());
    vPlane = v.getByteBuffer(0, v.size());
    planes.setPointer(0, y);
    planes.setPointer(Native.POINTER_SIZE, u);
    planes.setPointer(2L * Native.POINTER_SIZE, v);
    jpeg = new Memory(maxBytes(w, h));
    jpegView = jpeg.getByteBuffer(0, jpeg.size());
    jpegBufPointer.setPointer(0, jpeg);
  }

  @Override
  public int maxBytes(int w, int h) {
    return (int) TurboJpeg.tjBufSize(w, h, TJSAMP_422).longValue();
  }

  @Override
  public String kind() {
    return "turbojpeg";
  }

  @Override
  public void close() {
    TurboJpeg.tjDestroy(handle);
  }

  /** The TurboJPEG 2 API calls used, direct-mapped; bound when the class is first used. */
  private static final class TurboJpeg {
    static {
      Native.register(TurboJpeg.class, library());
    }

    static native Pointer tjInitCompress();

    static native int tjDestroy(Pointer handle);

    static native NativeLong tjBufSize(int width, int height, int subsamp);

    static native int tjCompressFromYUVPlanes(
        Pointer handle,
        Pointer srcPlanes,
        int width,
        Pointer strides,
        int height,
        int subsamp,
        Pointer jpegBuf,
        Pointer jpegSize,
        int jpegQual,
        int flags);

    static native String tjGetErrorStr2(Pointer handle);

    /**
     * The runtime library: the versioned name first (no -dev package needed), then the plain one.
     */
    static NativeLibrary library() {
      try {
        return NativeLibrary.getInstance("libturbojpeg.so.0");
      } catch (UnsatisfiedLinkError e) {
        return NativeLibrary.getInstance("turbojpeg");
      }
    }
  }
}
