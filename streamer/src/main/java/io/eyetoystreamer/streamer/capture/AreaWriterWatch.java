package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;

/**
 * In {@code serve --area} mode the camera is another process's: this turns what the fan-out sees of
 * the area's writer (frames, silence, gone) into the camera state. Used by the fan-out thread only.
 */
public final class AreaWriterWatch {
  private final FrameArea area;
  private final CameraState state;
  private static final long SILENT_NANOS = 2_000_000_000L;

  private boolean online;
  private long lastFrameNanos;

  /** Watches {@code area}'s writer on behalf of {@code state}. */
  public AreaWriterWatch(FrameArea area, CameraState state) {
    this.area = area;
    this.state = state;
  }

  /** Takes the result of one {@link AreaReader#awaitNewer} call. */
  public void seen(long awaitResult) {
    long now = System.nanoTime();
    if (awaitResult > 0) {
      lastFrameNanos = now;
      if (!online) {
        online = true;
        state.online(
            area.name(),
            "area",
            "capture process " + area.writerPid(),
            io.eyetoystreamer.sharedarea.Fourcc.toString(area.geometry().pixelFormat()),
            area.geometry().width(),
            area.geometry().height(),
            0,
            0,
            "serving frames that process " + area.writerPid() + " captures into " + area.name());
      }
    } else if (awaitResult == AreaReader.WRITER_GONE && online) {
      online = false;
      state.offline(
          "the capture process (pid "
              + area.writerPid()
              + ") writing "
              + area.name()
              + " is "
              + area.writerStatus().name().toLowerCase(java.util.Locale.ROOT)
              + "; waiting for it to come back");
    } else if (awaitResult == AreaReader.TIMED_OUT
        && online
        && now - lastFrameNanos > SILENT_NANOS) {
      // The writer is alive but silent: its camera stalled. The capture process says why in its
      // own state; here we only know that no frame came.
      online = false;
      state.offline("no frame from the capture process for 2 s (its camera may be stalled)");
    }
  }
}
