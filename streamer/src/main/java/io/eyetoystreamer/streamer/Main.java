package io.eyetoystreamer.streamer;

/**
 * The command-line entry point of {@code eyetoy-streamer.jar}.
 *
 * <p>The server is not built yet: the shared frame area it stands on is. Until the streamer lands,
 * this says so plainly and exits with status 2, rather than pretending to serve.
 */
public final class Main {
  private Main() {}

  /** Prints what is not there yet and exits with status 2. */
  public static void main(String[] args) {
    System.err.println(
        "eyetoy-streamer: not yet. The server (capture, WebSocket fan-out, viewer) is being built;"
            + " this build has the shared frame area (sharedarea) and its benchmarks. See README.md.");
    System.exit(2);
  }
}
