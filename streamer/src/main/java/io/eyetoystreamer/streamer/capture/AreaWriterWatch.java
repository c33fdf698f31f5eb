package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.Fourcc;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.sharedarea.WriterStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In {@code serve --area} mode the camera is another process's: this turns what the fan-out sees of
 * the area's writer (frames, silence, gone) into the camera state, and follows the capture process
 * when it restarts: a new capture process creates a new file at the same path (maybe of another
 * geometry), and once that file has a live writer the server switches to it ({@link ServedArea}).
 * Used by the fan-out thread only.
 */
public final class AreaWriterWatch {
  private static final Logger LOG = Logger.getLogger(AreaWriterWatch.class.getName());
  private static final long SILENT_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long LOOK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** What the watch last told the camera state. */
  private enum Said {
    NOTHING,
    ONLINE,
    SILENT,
    GONE
  }

  private final Path path;
  private final ServedArea served;
  private final CameraState state;
  private Object fileKey;
  private Said said = Said.NOTHING;
  private long lastFrameNanos = System.nanoTime();
  private long lastLookNanos;

  /** Watches the writer of the area at {@code path}, now {@code served.get()}. */
  public AreaWriterWatch(Path path, ServedArea served, CameraState state) {
    this.path = path;
    this.served = served;
    this.state = state;
    this.fileKey = fileKey(path);
  }

  /**
   * Takes the result of one {@link AreaReader#awaitNewer} call.
   *
   * @return true if the area was replaced by a new capture process's: the caller must read {@link
   *     ServedArea#get()} anew
   */
  public boolean seen(long awaitResult) {
    long now = System.nanoTime();
    FrameArea area = served.get();
    if (awaitResult > 0) {
      lastFrameNanos = now;
      if (said != Said.ONLINE) {
        said = Said.ONLINE;
        state.online(
            area.name(),
            "area",
            "capture process " + area.writerPid(),
            Fourcc.toString(area.geometry().pixelFormat()),
            area.geometry().width(),
            area.geometry().height(),
            0,
            0,
            "serving frames that process " + area.writerPid() + " captures into " + area.name());
      }
      return false;
    }
    WriterStatus writer = area.writerStatus();
    if (writer != WriterStatus.ALIVE && said != Said.GONE) {
      said = Said.GONE;
      state.offline(
          "the capture process (pid "
              + area.writerPid()
              + ") writing "
              + area.name()
              + " is "
              + (writer == WriterStatus.CLOSED ? "stopped" : "gone (no heartbeat)")
              + "; waiting for a capture process to write "
              + path);
    } else if (writer == WriterStatus.ALIVE
        && said == Said.ONLINE
        && now - lastFrameNanos > SILENT_NANOS) {
      // The writer is alive but silent: its camera stalled. The capture process says why in its
      // own state; here we only know that no frame came.
      said = Said.SILENT;
      state.offline("no frame from the capture process for 2 s (its camera may be stalled)");
    }
    if (writer != WriterStatus.ALIVE && now - lastLookNanos > LOOK_EVERY_NANOS) {
      lastLookNanos = now;
      return followReplacement();
    }
    return false;
  }

  /** Switches to a new file at the path if a live capture process has made one. */
  private boolean followReplacement() {
    Object key = fileKey(path);
    if (key == null || key.equals(fileKey)) {
      return false;
    }
    FrameArea next;
    try {
      next = FrameArea.openFile(path, Duration.ZERO);
    } catch (IOException e) {
      LOG.log(Level.FINE, "new area at " + path + " not ready yet", e);
      return false;
    }
    if (next.writerStatus() != WriterStatus.ALIVE) {
      close(next);
      return false;
    }
    fileKey = key;
    served.set(next);
    said = Said.NOTHING;
    LOG.info(
        () ->
            "a new capture process (pid "
                + next.writerPid()
                + ") writes "
                + path
                + ": now serving its frames, "
                + next.geometry().width()
                + "x"
                + next.geometry().height()
                + " "
                + Fourcc.toString(next.geometry().pixelFormat()));
    return true;
  }

  private static void close(FrameArea area) {
    try {
      area.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing " + area, e);
    }
  }

  /** The file's identity (device and inode), or null if there is no file. */
  private static Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }
}
