package io.eyetoystreamer.streamer.fanout;

import io.eyetoystreamer.streamer.h264.H264Encoder;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An H.264 encoder for tests of the stage: writes a tiny access unit per frame, a key frame (SPS,
 * PPS, IDR) when asked or every {@code period} frames, else a P slice; each unit ends with the
 * frame's first byte so a test can tell frames apart.
 */
final class ScriptedEncoder implements H264Encoder {
  static final byte[] SPS = {0, 0, 0, 1, 0x67, 0x42, 0x00, 0x1e};
  static final byte[] PPS = {0, 0, 0, 1, 0x68, (byte) 0xce, 0x3c, (byte) 0x80};
  static final byte[] IDR = {0, 0, 0, 1, 0x65, (byte) 0x88};
  static final byte[] P = {0, 0, 0, 1, 0x41, (byte) 0x9a};

  private final int period;
  private final boolean honoursKeyFrameRequests;
  private final boolean parameterSets;
  final AtomicInteger frames = new AtomicInteger();
  final AtomicInteger keyFramesAskedFor = new AtomicInteger();
  volatile boolean closed;

  /**
   * @param period frames from one key frame to the next
   * @param honoursKeyFrameRequests whether {@code keyFrame=true} gives a key frame
   * @param parameterSets whether key frames carry SPS and PPS
   */
  ScriptedEncoder(int period, boolean honoursKeyFrameRequests, boolean parameterSets) {
    this.period = period;
    this.honoursKeyFrameRequests = honoursKeyFrameRequests;
    this.parameterSets = parameterSets;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public int maxAccessUnitBytes() {
    return 64;
  }

  @Override
  public int encode(ByteBuffer yuyv, int bytesPerLine, boolean keyFrame, ByteBuffer out) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (keyFrame) {
      keyFramesAskedFor.incrementAndGet();
    }
    int n = frames.getAndIncrement();
    int start = out.position();
    if (n % period == 0 || (keyFrame && honoursKeyFrameRequests)) {
      if (parameterSets) {
        out.put(SPS).put(PPS);
      }
      out.put(IDR);
    } else {
      out.put(P);
    }
    out.put(yuyv.get(yuyv.position()));
    return out.position() - start;
  }

  @Override
  public void close() {
    closed = true;
  }
}
