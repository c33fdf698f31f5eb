package io.eyetoystreamer.fakeeyetoy;

import io.eyetoystreamer.v4l2.abi.NativeStruct;

/**
 * A simulated device's controls as {@link ControlIoctls} reads and writes them: found by id, with
 * their declared flags and defaults, values checked and stored as the V4L2 control framework does.
 * Implemented by {@link Ov534Controls} (the camera) and {@link EncoderControls} (the encoder).
 * Guarded by the owning device's lock.
 */
interface ControlTable {
  /** Returns the position of the control with this id, or -1. */
  int find(long id);

  /** The flags the control is declared with ({@code READ_ONLY}, {@code WRITE_ONLY}, ...). */
  int declaredFlags(int i);

  /** The control's default value. */
  int defaultValue(int i);

  /**
   * Checks a new value for control {@code i}: returns the value to store (clamped, rounded to the
   * step) or, as a negative {@code long}, {@code -errno}.
   */
  long validate(int i, long value);

  /** Stores a value {@link #validate validated} for control {@code i} (a button acts instead). */
  void store(int i, int value);

  /** The control's current value. */
  int get(int i);

  /** {@code VIDIOC_QUERY_EXT_CTRL} ({@code extended}) or {@code VIDIOC_QUERYCTRL}. */
  int query(NativeStruct q, boolean extended);

  /** {@code VIDIOC_QUERYMENU}. */
  int queryMenu(NativeStruct q);
}
