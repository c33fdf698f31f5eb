package io.eyetoystreamer.streamer.jpeg;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Chooses the JPEG encoder once per process: TurboJPEG when {@code libturbojpeg0} is installed,
 * else ImageIO, said once in the log. {@code -Deyetoy.jpeg.turbojpeg=false} forces the fallback
 * (tests use it to play a machine without the library). Thread-safe.
 */
public final class JpegEncoders {
  private static final Logger LOG = Logger.getLogger(JpegEncoders.class.getName());
  private static volatile Supplier<JpegEncoder> factory;

  private JpegEncoders() {}

  /** A new encoder of the chosen kind, for one thread. */
  public static JpegEncoder create() {
    Supplier<JpegEncoder> f = factory;
    if (f == null) {
      f = choose();
    }
    return f.get();
  }

  /**
   * A TurboJPEG encoder, whatever was chosen (for benchmarks and tests).
   *
   * @throws LinkageError if libturbojpeg cannot be loaded
   */
  public static JpegEncoder turboJpeg() {
    return TurboJpegEncoder.create();
  }

  /** An ImageIO encoder, whatever was chosen (for benchmarks and tests). */
  public static JpegEncoder imageIo() {
    return new ImageIoJpegEncoder();
  }

  /** The kind {@link #create()} makes: {@code turbojpeg} or {@code imageio}. */
  public static String kind() {
    try (JpegEncoder e = create()) {
      return e.kind();
    }
  }

  private static synchronized Supplier<JpegEncoder> choose() {
    if (factory != null) {
      return factory;
    }
    if (!Boolean.parseBoolean(System.getProperty("eyetoy.jpeg.turbojpeg", "true"))) {
      LOG.info("JPEG: TurboJPEG disabled by -Deyetoy.jpeg.turbojpeg=false; using ImageIO");
      factory = ImageIoJpegEncoder::new;
      return factory;
    }
    try {
      TurboJpegEncoder.create().close();
      LOG.info("JPEG: using libjpeg-turbo (TurboJPEG), YUV 4:2:2 planes, no RGB conversion");
      factory = TurboJpegEncoder::create;
    } catch (LinkageError | IllegalStateException e) {
      LOG.warning(
          "JPEG: libturbojpeg not found ("
              + e.getMessage()
              + "); using the JDK's ImageIO encoder, several times slower."
              + " Install libturbojpeg0 for the fast path.");
      factory = ImageIoJpegEncoder::new;
    }
    return factory;
  }
}
