package io.eyetoystreamer.streamer.h264;

import java.nio.ByteBuffer;

/**
 * One H.264 encoding session for frames of one geometry ({@link H264Settings}), whatever does the
 * work: OpenH264 in this process, or a V4L2 mem2mem encoder (a Pi's {@code /dev/video11}).
 *
 * <p>Threads: one thread calls {@link #encode} and {@link #close}; {@link #name} from any thread.
 * Buffers: the caller owns both; the encoder reads {@code yuyv} and writes {@code out} only during
 * the call and keeps neither.
 *
 * <p>Output: Annex-B (start codes), Constrained Baseline profile, no B-frames, so every access unit
 * can be decoded as soon as it arrives. A key frame is an IDR access unit with its SPS and PPS in
 * front, so a viewer can start decoding at any key frame.
 */
public interface H264Encoder extends AutoCloseable {
  /**
   * What encodes, for logs and {@code /state}: {@code openh264 2.3.1}, {@code /dev/video11 ...}.
   */
  String name();

  /** The largest access unit {@link #encode} may write, in bytes: the size {@code out} needs. */
  int maxAccessUnitBytes();

  /**
   * Encodes one frame.
   *
   * @param yuyv the frame, YUYV 4:2:2, {@code height} rows of {@code bytesPerLine} bytes from its
   *     position
   * @param bytesPerLine the frame's row stride, at least {@code width * 2}
   * @param keyFrame ask for a key frame (a viewer joined, or one fell behind)
   * @param out receives one access unit from its position, which is advanced past it
   * @return the bytes written; 0 if the encoder dropped this frame (rate control)
   * @throws H264EncoderException if the encoder failed; the session is then unusable
   */
  int encode(ByteBuffer yuyv, int bytesPerLine, boolean keyFrame, ByteBuffer out);

  /** Frees the encoder. Idempotent; {@link #encode} after close throws. */
  @Override
  void close();
}
