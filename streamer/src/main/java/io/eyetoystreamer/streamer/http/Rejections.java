package io.eyetoystreamer.streamer.http;

import java.util.concurrent.atomic.LongAdder;

/** Requests turned away, by reason, for {@code /metrics}. Thread-safe. */
public final class Rejections {
  final LongAdder viewerLimit = new LongAdder();
  final LongAdder origin = new LongAdder();
  final LongAdder auth = new LongAdder();
  final LongAdder badRequest = new LongAdder();
  final LongAdder authThrottled = new LongAdder();
  final LongAdder timeout = new LongAdder();
  final LongAdder snapshotBusy = new LongAdder();

  /** Viewers (WebSocket or MJPEG) refused because {@code --max-viewers} were connected. */
  public long viewerLimit() {
    return viewerLimit.sum();
  }

  /** WebSocket handshakes refused for their Origin. */
  public long origin() {
    return origin.sum();
  }

  /** Requests refused for missing or wrong credentials. */
  public long auth() {
    return auth.sum();
  }

  /** Requests that were not valid HTTP, too large, or not a GET. */
  public long badRequest() {
    return badRequest.sum();
  }

  /** Requests answered 429 because their address failed to log in too often. */
  public long authThrottled() {
    return authThrottled.sum();
  }

  /** Connections closed for not sending a whole request, or not taking an answer, in time. */
  public long timeout() {
    return timeout.sum();
  }

  /** Snapshot requests answered 503 because the most snapshots were already on their way. */
  public long snapshotBusy() {
    return snapshotBusy.sum();
  }
}
