package io.eyetoystreamer.streamer.h264;

import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns {@code --h264-encoder} into a way to open encoders: {@code auto} takes a hardware mem2mem
 * H.264 encoder when one is found, else OpenH264; {@code openh264}; a device path; or {@code off}.
 */
public final class H264Encoders {
  private static final Logger LOG = Logger.getLogger(H264Encoders.class.getName());

  private H264Encoders() {}

  /**
   * The encoder choice, resolved once at start.
   *
   * @param description what was chosen, and why, for the log and {@code /state}
   * @param opener opens an encoder session; throws {@link H264EncoderException} saying why not
   * @param problem why H.264 cannot be served, or null if it can
   */
  public record Choice(
      String description, Function<H264Settings, H264Encoder> opener, String problem) {
    /** Whether H.264 can be served. */
    public boolean available() {
      return problem == null;
    }
  }

  /** Resolves {@code asked}: {@code auto}, {@code openh264}, {@code off} or a device path. */
  public static Choice resolve(String asked) {
    if ("off".equals(asked)) {
      return unavailable("H.264 is off (--h264-encoder off): use /ws or /ws?format=jpeg");
    }
    if (asked.startsWith("/dev/")) {
      return new Choice(
          asked + " (mem2mem)", settings -> M2mH264Encoder.open(asked, settings), null);
    }
    if ("auto".equals(asked)) {
      Optional<String> hardware = findHardware();
      if (hardware.isPresent()) {
        String path = hardware.get();
        return new Choice(
            path + " (auto: a hardware mem2mem H.264 encoder)",
            settings -> M2mH264Encoder.open(path, settings),
            null);
      }
    }
    String missing = OpenH264Encoder.unavailableReason().orElse(null);
    if (missing != null) {
      return unavailable(
          "no H.264 encoder"
              + ("auto".equals(asked) ? " (no hardware encoder found either)" : "")
              + ": "
              + missing);
    }
    return new Choice(
        "auto".equals(asked) ? "openh264 (auto: no hardware encoder found)" : "openh264",
        OpenH264Encoder::open,
        null);
  }

  /**
   * The first mem2mem H.264 encoder among the V4L2 nodes; empty if none, or if they cannot be
   * listed.
   */
  private static Optional<String> findHardware() {
    try {
      return M2mH264Encoder.find();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "looking for a hardware H.264 encoder failed; using OpenH264", e);
      return Optional.empty();
    }
  }

  private static Choice unavailable(String why) {
    return new Choice(
        "none",
        settings -> {
          throw new H264EncoderException(why);
        },
        why);
  }
}
