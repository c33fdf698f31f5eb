package io.eyetoystreamer.devicetests;

import io.eyetoystreamer.v4l2.FourCc;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks every {@code /ws} frame message a viewer gets: the 32-byte header (ARCHITECTURE.md), the
 * size, sequences increasing, and optionally the picture (a {@link Picture} check). Thread-safe.
 */
final class FrameChecker implements Consumer<ByteBuffer> {
  /** A check of the frame bytes; returns null when fine, else what is wrong. */
  interface Picture {
    String problem(ByteBuffer frame, int width, int height, int bytesPerLine);
  }

  private final int width;
  private final int height;
  private final Picture picture;
  private final List<String> problems = new ArrayList<>();
  private long frames;
  private long lastSequence;
  private ByteBuffer lastFrame;
  private long changes;

  FrameChecker(int width, int height, Picture picture) {
    this.width = width;
    this.height = height;
    this.picture = picture;
  }

  @Override
  public synchronized void accept(ByteBuffer m) {
    Viewer.Header h = Viewer.Header.read(m);
    int bpl = width * 2;
    String wrong = null;
    if (h.headerBytes() != 32 || h.version() != 1 || h.kind() != 0 || h.fourcc() != FourCc.YUYV) {
      wrong = "bad header " + h;
    } else if (h.width() != width || h.height() != height || h.bytesPerLine() != bpl) {
      wrong = "header says " + h.width() + "x" + h.height() + " (" + h.bytesPerLine() + ")";
    } else if (m.remaining() != 32 + height * bpl) {
      wrong = "message of " + m.remaining() + " bytes";
    } else if (h.sequence() <= lastSequence) {
      wrong = "sequence " + h.sequence() + " after " + lastSequence;
    }
    if (wrong == null) {
      ByteBuffer frame = m.slice(32, height * bpl);
      wrong = picture == null ? null : picture.problem(frame, width, height, bpl);
      if (lastFrame != null && frame.mismatch(lastFrame) >= 0) {
        changes++;
      }
      lastFrame = frame;
      lastSequence = h.sequence();
    }
    if (wrong != null) {
      problems.add("frame " + (frames + 1) + ": " + wrong);
    }
    frames++;
  }

  synchronized long frames() {
    return frames;
  }

  /** How many frames differed from the one before. */
  synchronized long changes() {
    return changes;
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
