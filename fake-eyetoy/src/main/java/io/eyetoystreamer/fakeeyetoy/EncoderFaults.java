package io.eyetoystreamer.fakeeyetoy;

import io.eyetoystreamer.v4l2.nativeio.Errno;

/**
 * Makes a {@link FakeH264Encoder} misbehave the ways hardware encoders do, on demand. Get it from
 * {@link FakeH264Encoder#faults()}. Every method takes effect at once, wakes anyone waiting in
 * {@code poll} or {@code DQBUF}, and is thread-safe. Faults stay set until changed or {@link
 * #clear() cleared}, across unplugs.
 *
 * <ul>
 *   <li>Failing QBUF: the next {@code VIDIOC_QBUF}s, on either queue, fail with a given errno (the
 *       buffer stays the application's).
 *   <li>Error frames: the next frames' CAPTURE buffers come back flagged {@code
 *       V4L2_BUF_FLAG_ERROR} with no bytes (the interface's per-frame encoding error); the stream
 *       goes on as if those frames had not been given.
 *   <li>Hang: the encoder takes no more jobs; queued frames wait, {@code poll} times out.
 *   <li>Fatal error: every open context fails for good, as the interface's fatal failure: every
 *       ioctl answers {@code EIO}, {@code poll} POLLERR. A new {@code open} works.
 *   <li>Unplug: the node vanishes (its driver unbound, its firmware gone): every call on a
 *       descriptor opened before answers {@code ENODEV}, {@code poll} POLLERR | POLLHUP, {@code
 *       open} {@code ENOENT}; {@code close} and {@code munmap} still work. {@link #replug()} brings
 *       it back.
 * </ul>
 */
public final class EncoderFaults {
  private final FakeH264Encoder encoder;
  private final EncoderFaultState state;

  EncoderFaults(FakeH264Encoder encoder, EncoderFaultState state) {
    this.encoder = encoder;
    this.state = state;
  }

  /**
   * Makes the next {@code VIDIOC_QBUF}s fail.
   *
   * @param calls how many, {@code >= 0}; replaces an earlier count
   * @param errno the positive errno, e.g. {@link Errno#EIO} or {@link Errno#ENOMEM}
   */
  public void failQbuf(int calls, int errno) {
    if (calls < 0 || errno <= 0) {
      throw new IllegalArgumentException(
          "calls must be >= 0 and errno > 0: " + calls + ", " + errno);
    }
    encoder.locked(
        () -> {
          state.qbufFailures = calls;
          state.qbufErrno = errno;
        });
  }

  /**
   * Flags the next frames' coded buffers {@code V4L2_BUF_FLAG_ERROR}.
   *
   * @param frames how many, {@code >= 0}; replaces an earlier count
   */
  public void flagErrorFrames(int frames) {
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0: " + frames);
    }
    encoder.locked(() -> state.errorFrames = frames);
  }

  /**
   * Hangs the encoder (no job runs) or lets it go on.
   *
   * @param hung true to hang
   */
  public void hang(boolean hung) {
    encoder.locked(() -> state.hung = hung);
  }

  /** Fails every open context for good: their ioctls answer {@code EIO} from now on. */
  public void fatalError() {
    encoder.locked(encoder::failContextsLocked);
  }

  /** Unplugs the encoder now. Does nothing when unplugged. */
  public void unplug() {
    encoder.locked(encoder::unplugLocked);
  }

  /** Plugs the encoder back in (descriptors opened before stay dead). Does nothing when plugged. */
  public void replug() {
    encoder.locked(encoder::replugLocked);
  }

  /**
   * Tells whether the encoder is plugged in.
   *
   * @return false after an unplug until {@link #replug()}
   */
  public boolean plugged() {
    return encoder.lockedGet(encoder::pluggedLocked);
  }

  /** Turns every fault off: QBUF works, no error frames, no hang. Does not replug. */
  public void clear() {
    encoder.locked(state::clear);
  }
}
