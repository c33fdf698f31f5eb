package io.eyetoystreamer.fakeeyetoy;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated Eyetoy as a stand-alone capture: opens it through {@code v4l2-api}, sets YUYV
 * at the given size and rate, and writes every frame into a shared area file (ARCHITECTURE.md's
 * format) until killed, so other processes can read it. Not the streamer's capture loop: a small
 * tool for running the fake outside tests.
 *
 * <pre>
 * java -cp ... io.eyetoystreamer.fakeeyetoy.SimulatedCaptureMain \
 *     [--area /dev/shm/eyetoy-streamer.area] [--fps 30] [--size 640x480] [--frames N]
 * </pre>
 *
 * <p>{@code --frames N} stops after N frames (0, the default, runs until killed). Exit status 0 on
 * a clean stop, 2 for bad arguments.
 */
public final class SimulatedCaptureMain {
  /** Where the area goes unless {@code --area} says otherwise (the streamer's default too). */
  public static final Path DEFAULT_AREA = Path.of("/dev/shm/eyetoy-streamer.area");

  private static final long NEXT_TIMEOUT_MILLIS = 1000;

  private SimulatedCaptureMain() {}

  /** What to run, from the command line. */
  record Options(Path area, int fps, int width, int height, long frames) {
    static Options parse(String... args) {
      Path area = DEFAULT_AREA;
      int fps = 30;
      int width = 640;
      int height = 480;
      long frames = 0;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--area" -> area = Path.of(required(args[i], value));
          case "--fps" -> fps = Integer.parseInt(required(args[i], value));
          case "--frames" -> frames = Long.parseLong(required(args[i], value));
          case "--size" -> {
            String[] wh = required(args[i], value).split("x", 2);
            if (wh.length != 2) {
              throw new IllegalArgumentException("--size wants WIDTHxHEIGHT, e.g. 640x480");
            }
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (fps <= 0 || frames < 0) {
        throw new IllegalArgumentException("--fps must be positive and --frames not negative");
      }
      return new Options(area, fps, width, height, frames);
    }

    private static String required(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }
  }

  /**
   * Runs the capture.
   *
   * @param args the options above
   * @throws IOException when the area file cannot be created
   */
  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SimulatedCaptureMain: " + e.getMessage());
      System.err.println(
          "usage: SimulatedCaptureMain [--area PATH] [--fps N] [--size WxH] [--frames N]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              main.interrupt();
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "simulated-capture-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      run(options, System.out);
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Captures from a new simulated Eyetoy into the area until {@code options.frames()} frames are
   * written or the thread is interrupted.
   *
   * @return the number of frames written
   */
  static long run(Options options, PrintStream out) throws IOException {
    FakeEyetoy fake = new FakeEyetoy();
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      Format format =
          camera.setFormat(Format.of(options.width(), options.height(), FourCc.YUYV)).actual();
      double fps = camera.setFrameRate(options.fps()).actual().perSecond();
      AreaGeometry geometry = AreaGeometry.yuyv(format.width(), format.height());
      try (FrameArea area = FrameArea.createFile(options.area(), geometry);
          CaptureStream stream = camera.startCapture(4)) {
        AreaWriter writer = area.writer();
        out.printf(
            "simulated Eyetoy: writing %dx%d YUYV at %.0f fps into %s%n",
            format.width(), format.height(), fps, options.area());
        long written = 0;
        while (!Thread.currentThread().isInterrupted()
            && (options.frames() == 0 || written < options.frames())) {
          try (Frame frame = stream.next(NEXT_TIMEOUT_MILLIS)) {
            if (frame == null) {
              writer.heartbeat();
              continue;
            }
            ByteBuffer slot = writer.claim();
            slot.put(0, frame.data(), 0, frame.bytesUsed());
            writer.commit(frame.bytesUsed(), frame.timestampNanos());
            written++;
          }
        }
        out.printf("simulated Eyetoy: stopped after %d frames%n", written);
        return written;
      }
    }
  }
}
