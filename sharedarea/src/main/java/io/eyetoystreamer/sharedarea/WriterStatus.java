package io.eyetoystreamer.sharedarea;

/** What a reader can tell about the area's writer. */
public enum WriterStatus {
  /** The writer's heartbeat is fresh: frames may come. */
  ALIVE,
  /** The writer closed the area: no frame will follow until a new writer takes it over. */
  CLOSED,
  /**
   * The writer's heartbeat is older than the reader's staleness limit: its process probably died.
   * The newest frame is stale and must not be served as live.
   */
  GONE
}
