package io.eyetoystreamer.streamer.fanout;

/** What a viewer, or a relay subject, carries: raw frames, JPEG frames or H.264 access units. */
public enum StreamFormat {
  /** Raw camera frames (YUYV), 32-byte header first: {@code /ws}, {@code /eyetoy}. */
  RAW("raw"),
  /** JPEG frames: {@code /ws?format=jpeg}, {@code /stream.mjpg}. */
  JPEG("jpeg"),
  /** H.264 access units: {@code /ws?format=h264}, {@code /stream.h264}. */
  H264("h264");

  private final String token;

  StreamFormat(String token) {
    this.token = token;
  }

  /** The lower-case name: the last token of its relay subject ({@code eyetoy.CAMERA.raw}). */
  public String token() {
    return token;
  }

  /** The format named {@code token} ({@code raw}, {@code jpeg}, {@code h264}), or null. */
  public static StreamFormat of(String token) {
    for (StreamFormat f : values()) {
      if (f.token.equals(token)) {
        return f;
      }
    }
    return null;
  }

  /** Whether viewers of {@code kind} take this format. */
  public boolean takenBy(Viewer.Kind kind) {
    switch (this) {
      case RAW:
        return kind.raw();
      case JPEG:
        return kind.jpeg();
      default:
        return kind.h264();
    }
  }
}
