package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.sharedarea.FrameArea;

/**
 * The area the server reads frames from now. Fixed when this process captures; in {@code serve
 * --area} mode replaced by {@link AreaWriterWatch} when the capture process restarts (a new file at
 * the same path, maybe of another geometry). Readers take {@link #get()} once per use and make new
 * area readers when it changes. A replaced area is not closed: a reader may still be copying from
 * it, and its mapping goes when the last reference does. Thread-safe.
 */
public final class ServedArea {
  private volatile FrameArea area;
  private volatile long earlierFrames;

  /** Starts with {@code area}. */
  public ServedArea(FrameArea area) {
    this.area = area;
  }

  /** The area now. */
  public FrameArea get() {
    return area;
  }

  /**
   * Frames published into the areas served since start: a count that does not go back to 0 when a
   * new capture process starts counting afresh.
   */
  public long framesPublished() {
    return earlierFrames + area.latestSequence();
  }

  /** Serves {@code next} from now on (a new capture process, or an edge's frames changed size). */
  public synchronized void set(FrameArea next) {
    earlierFrames += area.latestSequence();
    area = next;
  }
}
