package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.abi.V4l2Constants;

/**
 * An event dequeued with {@code VIDIOC_DQEVENT} ({@link M2mEncoder#nextEvent(long)}). Immutable.
 *
 * @param type the event type, e.g. {@link #EOS} or {@link #SOURCE_CHANGE}
 * @param id the id the event is about (a control id for {@code V4L2_EVENT_CTRL}), else 0
 * @param sequence the driver's counter of events on this descriptor (unsigned 32-bit)
 * @param pending how many more events are waiting
 * @param timestampNanos when the event was raised, {@code CLOCK_MONOTONIC} nanoseconds
 * @param changes the first 32 bits of the payload: {@code src_change.changes} of a {@link
 *     #SOURCE_CHANGE} ({@link #SOURCE_CHANGE_RESOLUTION}), {@code ctrl.changes} of a control event
 */
public record V4l2Event(
    int type, int id, long sequence, int pending, long timestampNanos, int changes) {
  /** {@code V4L2_EVENT_EOS}: the last buffer of a drain is ready to be dequeued. */
  public static final int EOS = V4l2Constants.V4L2_EVENT_EOS;

  /** {@code V4L2_EVENT_CTRL}: a control changed. */
  public static final int CTRL = V4l2Constants.V4L2_EVENT_CTRL;

  /** {@code V4L2_EVENT_SOURCE_CHANGE}: a decoder's stream changed (its resolution, say). */
  public static final int SOURCE_CHANGE = V4l2Constants.V4L2_EVENT_SOURCE_CHANGE;

  /** {@code V4L2_EVENT_SRC_CH_RESOLUTION}: the bit of {@link #changes()} for a new resolution. */
  public static final int SOURCE_CHANGE_RESOLUTION = V4l2Constants.V4L2_EVENT_SRC_CH_RESOLUTION;

  /**
   * Tells whether this is the end-of-stream event of a drain.
   *
   * @return true for {@link #EOS}
   */
  public boolean endOfStream() {
    return type == EOS;
  }
}
