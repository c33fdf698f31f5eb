package io.eyetoystreamer.streamer.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * On an edge of the relay, the JPEG and H.264 stages' place: frames arrive encoded (from the
 * publisher, through NATS) and are handed to the event loops as they are, without re-encoding. Each
 * message is copied once into one pooled direct buffer, framed for every endpoint ({@link
 * JpegFrame}, {@link H264Frame}) and shared by all local viewers of that format, exactly like a
 * locally encoded frame; the slow-viewer policy is the same.
 *
 * <p>For H.264 the feed keeps the newest key frame and the units since ({@link KeyFrameCache},
 * bounded in bytes), so a viewer joining the edge starts at once. Units get the edge's own index
 * without gaps; a unit lost on the way (the publisher's index jumps) leaves a gap, so viewers wait
 * for the next key frame instead of decoding from a damaged reference.
 *
 * <p>{@link #jpeg} is called by one thread, {@link #h264} by one thread (each format's NATS
 * dispatcher); the statistics from any.
 */
public final class EdgeFeed {
  private final Viewers viewers;
  private final ByteBufAllocator allocator;
  private final KeyFrameCache keyFrames;
  private final AtomicLong jpegFrames = new AtomicLong();
  private final AtomicLong h264Units = new AtomicLong();
  private final AtomicLong h264Gaps = new AtomicLong();
  private long index;

  /**
   * @param maxKeyFrameCacheBytes the most bytes of H.264 kept for joining viewers (a key frame and
   *     the units since)
   */
  public EdgeFeed(Viewers viewers, ByteBufAllocator allocator, long maxKeyFrameCacheBytes) {
    this.viewers = viewers;
    this.allocator = allocator;
    this.keyFrames = new KeyFrameCache(maxKeyFrameCacheBytes);
    viewers.keyFrameCache(keyFrames);
  }

  /**
   * Hands a received JPEG to the JPEG viewers.
   *
   * @param jpeg the JPEG bytes, position to limit
   */
  public void jpeg(ByteBuffer jpeg, long sequence, long captureTimeNanos, int width, int height) {
    int length = jpeg.remaining();
    ByteBuf out = JpegFrame.allocate(allocator, length);
    JpegFrame.jpegRegion(out).put(jpeg);
    JpegFrame frame = JpegFrame.frame(out, length, sequence, captureTimeNanos, width, height);
    try {
      for (LoopFanout loop : viewers.loops()) {
        loop.offer(frame);
      }
      jpegFrames.incrementAndGet();
    } finally {
      frame.release();
    }
  }

  /**
   * Hands a received H.264 access unit to the H.264 viewers, and keeps it for joiners.
   *
   * @param unit the access unit, Annex-B, position to limit
   * @param follows whether it follows the last unit handed over without one lost between
   */
  public void h264(
      ByteBuffer unit,
      long sequence,
      long captureTimeNanos,
      int width,
      int height,
      boolean keyFrame,
      boolean follows) {
    if (!follows && index > 0) {
      index++; // leave a gap: viewers see it and wait for a key frame
      h264Gaps.incrementAndGet();
    }
    H264Frame frame =
        H264Frame.copyOf(
            allocator, unit, sequence, captureTimeNanos, width, height, keyFrame, ++index);
    try {
      keyFrames.add(frame);
      for (LoopFanout loop : viewers.loops()) {
        loop.offer(frame);
      }
      h264Units.incrementAndGet();
    } finally {
      frame.release();
    }
  }

  /** Forgets the cached key frame (the H.264 subscription ended, or the publisher changed). */
  public void forgetKeyFrame() {
    keyFrames.clear();
  }

  /** Whether a joining H.264 viewer can start at once: a key frame is cached. */
  public boolean keyFrameCached() {
    return keyFrames.ready();
  }

  /** Bytes of H.264 kept for joining viewers. */
  public long keyFrameCacheBytes() {
    return keyFrames.bytes();
  }

  /** JPEG frames handed to viewers since start. */
  public long jpegFrames() {
    return jpegFrames.get();
  }

  /** H.264 units handed to viewers since start. */
  public long h264Units() {
    return h264Units.get();
  }

  /** Times a unit was lost before reaching this edge (viewers then waited for a key frame). */
  public long h264Gaps() {
    return h264Gaps.get();
  }

  /** Drops the cached units. */
  public void close() {
    keyFrames.clear();
  }
}
