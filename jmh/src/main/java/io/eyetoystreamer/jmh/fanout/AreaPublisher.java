package io.eyetoystreamer.jmh.fanout;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in camera for the fan-out benchmark: writes 640x480 YUYV test pictures into a shared area
 * file at a steady rate, each committed with {@link System#nanoTime()} as its capture time, for
 * {@code java -jar eyetoy-streamer.jar serve --area PATH} to fan out. The picture ({@code --picture
 * bars}, the default: {@link TestPattern}) is drawn whole once per slot, then only its frame-number
 * stamps change, so the publisher costs little CPU. With {@code --picture texture} every frame is
 * drawn whole from {@link TexturePattern}: a panning, noisy texture, for measuring compression.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.AreaPublisher \
 *     --area /dev/shm/fanout.area [--fps 30] [--max-seconds 3600] [--picture bars|texture]
 * </pre>
 */
public final class AreaPublisher {
  private AreaPublisher() {}

  /** Publishes until killed (or {@code --max-seconds}); the area is closed on the way out. */
  public static void main(String[] args) throws IOException {
    Path path = null;
    int fps = 30;
    long maxSeconds = 3600;
    String picture = "bars";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--area":
          path = Path.of(args[i + 1]);
          break;
        case "--fps":
          fps = Integer.parseInt(args[i + 1]);
          break;
        case "--max-seconds":
          maxSeconds = Long.parseLong(args[i + 1]);
          break;
        case "--picture":
          picture = args[i + 1];
          break;
        default:
          path = null;
          i = args.length;
          break;
      }
    }
    if (path == null || fps <= 0 || !(picture.equals("bars") || picture.equals("texture"))) {
      System.err.println(
          "usage: AreaPublisher --area PATH [--fps 30] [--max-seconds S] [--picture bars|texture]");
      System.exit(2);
      return;
    }
    AreaGeometry geometry = AreaGeometry.yuyv(FrameHeader.WIDTH, FrameHeader.HEIGHT);
    FrameArea area = FrameArea.createFile(path, geometry);
    AreaWriter writer = area.writer();
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.interrupt();
                  try {
                    main.join(2000);
                    area.close();
                  } catch (IOException | InterruptedException e) {
                    System.err.println("AreaPublisher: " + e);
                  }
                },
                "shutdown"));
    TexturePattern texture = picture.equals("texture") ? new TexturePattern() : null;
    System.out.println(
        "AreaPublisher: publishing " + picture + " into " + path + " at " + fps + " fps");
    publish(writer, geometry, fps, TimeUnit.SECONDS.toNanos(maxSeconds), texture);
  }

  /**
   * Publishes frames at {@code fps} until interrupted or {@code forNanos} have passed: the bars, or
   * with {@code texture} that moving picture, drawn whole every frame.
   */
  static void publish(
      AreaWriter writer, AreaGeometry geometry, int fps, long forNanos, TexturePattern texture) {
    long period = TimeUnit.SECONDS.toNanos(1) / fps;
    long start = System.nanoTime();
    long next = start;
    long drawn = 0;
    while (!Thread.currentThread().isInterrupted() && System.nanoTime() - start < forNanos) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      ByteBuffer slot = writer.claim();
      long n = writer.lastSequence(); // the driver's numbering: from 0
      if (texture != null) {
        texture.draw(slot, 0, n);
      } else if (drawn < geometry.slotCount()) {
        TestPattern.draw(slot, 0, n);
        drawn++;
      } else {
        TestPattern.stamp(slot, 0, n);
      }
      writer.commit(FrameHeader.FRAME_BYTES, System.nanoTime());
      next += period;
      if (System.nanoTime() - next > period) {
        next = System.nanoTime() + period;
      }
    }
  }
}
