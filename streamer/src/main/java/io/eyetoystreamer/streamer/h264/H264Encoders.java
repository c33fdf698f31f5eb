package io.eyetoystreamer.streamer.h264;

import java.util.function.Function;

/**
 * Turns {@code --h264-encoder} into a way to open encoders: {@code auto} takes a hardware mem2mem
 * H.264 encoder when one is found, else OpenH264; {@code openh264}; a device path; or {@code off}.
 */
public final class H264Encoders {
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
      return unavailable(
          "H.264 through a mem2mem encoder device ("
              + asked
              + ") is not there yet: use --h264-encoder openh264");
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

  private static Choice unavailable(String why) {
    return new Choice(
        "none",
        settings -> {
          throw new H264EncoderException(why);
        },
        why);
  }
}
