package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.fanout.H264Stage;
import io.eyetoystreamer.streamer.fanout.JpegStage;
import io.eyetoystreamer.streamer.fanout.Viewers;

/** What {@code /state} and {@code /metrics} report. Implementations must be thread-safe. */
public interface ServerStats {
  /** The camera now. */
  CameraState.Snapshot camera();

  /** Frames per second arriving from the camera, measured over the last second or two. */
  double measuredFps();

  /** Frames the capture side published since start. */
  long framesCaptured();

  /** Frames the fan-out sent out (to however many viewers) since start. */
  long framesFannedOut();

  /** The connected viewers. */
  Viewers viewers();

  /** The JPEG stage, for its encoder statistics. */
  JpegStage jpeg();

  /** The H.264 stage, for its encoder statistics. */
  H264Stage h264();

  /** The H.264 encoder chosen at start ({@code --h264-encoder}), and why; or why none. */
  String h264Choice();

  /**
   * Why the server is not delivering live frames (a stage died or is stuck, no new frame for
   * several frame intervals), or null if it is.
   */
  String problem();

  /** The connection cap and what it refused. */
  ConnectionLimiter connections();

  /** The idle policy and whether capture idles now, e.g. {@code slow, idle now}. */
  String idle();

  /** The I/O transport in use: {@code epoll} or {@code nio}. */
  String transport();

  /** The relay over NATS ({@code --publish} or {@code --source}), or null. */
  default RelayReport relay() {
    return null;
  }
}
