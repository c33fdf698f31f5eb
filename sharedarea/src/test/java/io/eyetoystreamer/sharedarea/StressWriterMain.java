package io.eyetoystreamer.sharedarea;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A writer process for the cross-process tests: creates the area, publishes patterned frames at
 * full speed for the given time, prints the last sequence and closes the area.
 *
 * <p>Arguments: path, seconds, slot count, slot capacity.
 */
public final class StressWriterMain {
  private StressWriterMain() {}

  /** Runs the writer; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    long runNanos = (long) (Double.parseDouble(args[1]) * 1e9);
    AreaGeometry geometry =
        new AreaGeometry(
            Integer.parseInt(args[2]), Integer.parseInt(args[3]), 640, 480, Fourcc.YUYV, 1280);
    try (FrameArea area = FrameArea.createFile(path, geometry)) {
      System.out.println("ready");
      System.out.flush();
      long last = publishUntil(area.writer(), System.nanoTime() + runNanos);
      System.out.println("last " + last);
    }
  }

  /** Publishes patterned frames through {@code claim()}/{@code commit()} until the deadline. */
  static long publishUntil(AreaWriter writer, long deadline) {
    long sequence = writer.lastSequence();
    while (System.nanoTime() < deadline) {
      long next = sequence + 1;
      int length = FramePattern.lengthOf(next, writer.slotCapacity());
      ByteBuffer slot = writer.claim();
      FramePattern.fill(slot, next, length);
      sequence = writer.commit(length, next * 1000);
    }
    return sequence;
  }
}
