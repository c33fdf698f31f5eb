package io.eyetoystreamer.streamer.fanout;

/**
 * Where a publishing streamer sends each frame once, besides its own viewers: the relay to other
 * servers ({@code --publish}, package {@code relay}). The stages call it once per frame or unit on
 * their own threads, never per viewer; an implementation must not block them (it hands the bytes to
 * a bounded queue and drops what does not fit).
 *
 * <p>It also tells the stages what the remote viewers want, so that nothing is encoded for nobody:
 * the fan-out copies a frame, and the JPEG and H.264 stages encode it, while a local viewer or the
 * sink {@link #wants} that format.
 */
public interface RelaySink {
  /** No relay: wants nothing. */
  RelaySink NONE =
      new RelaySink() {
        @Override
        public boolean wants(StreamFormat format) {
          return false;
        }

        @Override
        public void raw(WireFrame frame) {}

        @Override
        public void jpeg(JpegFrame frame) {}

        @Override
        public void h264(H264Frame unit) {}

        @Override
        public boolean keyFrameWanted() {
          return false;
        }
      };

  /** Whether remote viewers want {@code format} now. Called once per frame; must be cheap. */
  boolean wants(StreamFormat format);

  /** A raw frame, on the fan-out thread; valid only during the call. */
  void raw(WireFrame frame);

  /**
   * A JPEG frame, on the JPEG thread that finished it, in sequence order; valid during the call.
   */
  void jpeg(JpegFrame frame);

  /** An H.264 access unit, on the {@code h264} thread, in order; valid only during the call. */
  void h264(H264Frame unit);

  /** Whether remote viewers wait for a key frame: the H.264 stage then forces one. */
  boolean keyFrameWanted();
}
