package io.eyetoystreamer.streamer;

import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.CameraControls;
import io.eyetoystreamer.streamer.capture.CameraSource;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.Cameras;
import io.eyetoystreamer.streamer.capture.CaptureLoop;
import io.eyetoystreamer.streamer.capture.CaptureSettings;
import io.eyetoystreamer.streamer.capture.SimulatedCamera;
import io.eyetoystreamer.streamer.http.Assets;
import io.eyetoystreamer.v4l2.V4l2Exception;
import io.eyetoystreamer.web.ViewerAssets;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The command-line entry point of {@code eyetoy-streamer.jar}: {@code serve} (default) or {@code
 * capture}; see {@link StreamerConfig#usage()}. Exit status: 0 after a clean stop, 2 for a bad
 * command line, 1 when it cannot start (the message says why), {@value #EXIT_STAGE_DIED} when the
 * capture or fan-out thread died of an {@link Error} (out of memory, say): no frame would follow,
 * so the process exits for its supervisor (the systemd unit's {@code Restart=on-failure}) to start
 * it afresh.
 */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  /** The exit status after a stage thread died (EX_SOFTWARE). */
  static final int EXIT_STAGE_DIED = 70;

  private Main() {}

  /**
   * A stage thread died: exit with {@link #EXIT_STAGE_DIED}. The shutdown hook closes viewers as on
   * SIGTERM; if that hangs (the process may be short of memory), halt after 5 s.
   */
  static void stageDied(String stage, Throwable cause) {
    System.err.println(
        "eyetoy-streamer: the " + stage + " thread died (" + cause + "); exiting for a restart");
    Thread halt =
        new Thread(
            () -> {
              try {
                Thread.sleep(5000);
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(EXIT_STAGE_DIED);
            },
            "halt");
    halt.setDaemon(true);
    halt.start();
    new Thread(() -> System.exit(EXIT_STAGE_DIED), "exit").start();
  }

  /** Runs until SIGTERM or Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    Logging.configure();
    StreamerConfig config;
    try {
      config = StreamerConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("eyetoy-streamer: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.help()) {
      System.out.print(StreamerConfig.usage());
      return;
    }
    try {
      if (config.mode() == StreamerConfig.Mode.CAPTURE) {
        capture(config);
      } else {
        serve(config);
      }
    } catch (IOException | V4l2Exception | IllegalStateException e) {
      System.err.println("eyetoy-streamer: cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void serve(StreamerConfig config) throws IOException, InterruptedException {
    CameraSource camera =
        config.source() != null || (config.area() != null && config.device() == null)
            ? null
            : Cameras.choose(config.device(), Main::simulated);
    Streamer streamer = Streamer.start(config, camera, assets(), Main::stageDied);
    System.out.println("eyetoy-streamer: open " + streamer.url() + " in a browser");
    if (streamer.address().getAddress().isLoopbackAddress()) {
      System.out.println(
          "eyetoy-streamer: listening on this machine only; --bind 0.0.0.0 serves the network");
    }
    awaitShutdown(streamer::close);
  }

  private static void capture(StreamerConfig config) throws IOException, InterruptedException {
    CameraSource camera = Cameras.choose(config.device(), Main::simulated);
    CameraState state = new CameraState(camera.name(), "starting");
    CaptureLoop loop =
        new CaptureLoop(
            camera,
            new CaptureSettings(config.width(), config.height(), config.fps(), config.controls()),
            state,
            Main::stageDied);
    if (config.controlsFile() != null) {
      loop.hook(CameraControls.load(config.controlsFile())); // read, set at each open
    }
    java.nio.file.Path path = config.area() != null ? config.area() : StreamerConfig.DEFAULT_AREA;
    FrameArea area = FrameArea.createFile(path, loop.prepare());
    LOG.info(() -> "shared area " + area + " created");
    loop.start(area.writer());
    System.out.println(
        "eyetoy-streamer: capturing into "
            + path
            + "; serve it with: java -jar eyetoy-streamer.jar serve --area "
            + path);
    awaitShutdown(
        () -> {
          loop.close();
          area.close();
        });
  }

  private static CameraSource simulated() {
    return new SimulatedCamera();
  }

  /** The viewer page and its scripts, from the web module. */
  public static Assets assets() {
    return path -> ViewerAssets.find(path).map(a -> new Assets.Asset(a.buffer(), a.contentType()));
  }

  /** Something to stop on shutdown. */
  private interface Stoppable {
    void close() throws IOException, InterruptedException;
  }

  private static void awaitShutdown(Stoppable running) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  try {
                    running.close();
                  } catch (IOException | InterruptedException e) {
                    LOG.warning("error while stopping: " + e);
                  }
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
