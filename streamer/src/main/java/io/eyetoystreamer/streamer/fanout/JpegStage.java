package io.eyetoystreamer.streamer.fanout;

import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encodes frames as JPEG at most once each, only while a viewer wants JPEG, off the event loops,
 * and shares each JPEG with every JPEG viewer ({@link JpegFrame}). With several encoder threads (a
 * multi-core Pi) more than one frame may be in encoding at once; when they finish out of order the
 * newest wins and an older one is dropped. When every encoder is busy a frame is not encoded
 * (counted), so encoding never queues up behind the camera.
 *
 * <p>{@link #submit} is called by the fan-out thread; the statistics from any thread.
 */
public final class JpegStage implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JpegStage.class.getName());

  private final Viewers viewers;
  private final ByteBufAllocator allocator;
  private final int quality;
  private final int threads;
  private final ExecutorService pool;
  private final ThreadLocal<JpegEncoder> encoder = ThreadLocal.withInitial(JpegEncoders::create);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object publishing = new Object();
  private long lastPublished;
  private final AtomicLong encoded = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong totalBytes = new AtomicLong();
  private final EncodeTimes times = new EncodeTimes();
  private volatile String kind = "none yet";
  private volatile RelaySink relay = RelaySink.NONE;

  /**
   * @param threads encoder threads: frames that may be in encoding at once
   * @param quality JPEG quality, 1..100
   */
  public JpegStage(Viewers viewers, ByteBufAllocator allocator, int threads, int quality) {
    this.viewers = viewers;
    this.allocator = allocator;
    this.threads = threads;
    this.quality = quality;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new FastThreadLocalThread(r, "jpeg-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Also hands every finished JPEG to {@code sink} (once, in sequence order). */
  public void relayTo(RelaySink sink) {
    this.relay = sink;
  }

  /** Hands {@code frame} to a free encoder, or counts it not encoded if all are busy. */
  void submit(WireFrame frame, int width, int height, int bytesPerLine, long captureTimeNanos) {
    if (inFlight.incrementAndGet() > threads) {
      inFlight.decrementAndGet();
      busy.incrementAndGet();
      return;
    }
    ByteBuf raw = frame.rawFrame();
    long sequence = frame.sequence();
    pool.execute(() -> encode(raw, sequence, width, height, bytesPerLine, captureTimeNanos));
  }

  private void encode(
      ByteBuf raw, long sequence, int width, int height, int bytesPerLine, long captureTimeNanos) {
    ByteBuf out = null;
    try {
      JpegEncoder e = encoder.get();
      kind = e.kind();
      out = JpegFrame.allocate(allocator, e.maxBytes(width, height));
      long start = System.nanoTime();
      ByteBuffer region = JpegFrame.jpegRegion(out);
      int length = e.encode(raw.nioBuffer(), width, height, bytesPerLine, quality, region);
      long took = System.nanoTime() - start;
      JpegFrame jpeg = JpegFrame.frame(out, length, sequence, captureTimeNanos, width, height);
      out = null;
      encoded.incrementAndGet();
      times.record(took, length, System.nanoTime());
      totalBytes.addAndGet(length);
      publish(jpeg);
    } catch (RuntimeException err) {
      LOG.log(Level.WARNING, "JPEG encoding of frame " + sequence + " failed", err);
    } finally {
      raw.release();
      if (out != null) {
        out.release();
      }
      inFlight.decrementAndGet();
    }
  }

  private void publish(JpegFrame jpeg) {
    try {
      synchronized (publishing) {
        if (jpeg.sequence() <= lastPublished) {
          stale.incrementAndGet(); // a newer frame finished first: the newest wins
          return;
        }
        lastPublished = jpeg.sequence();
        for (LoopFanout loop : viewers.loops()) {
          loop.offer(jpeg);
        }
        RelaySink sink = relay;
        if (sink.wants(StreamFormat.JPEG)) {
          sink.jpeg(jpeg);
        }
      }
    } finally {
      jpeg.release();
    }
  }

  /** {@code turbojpeg}, {@code imageio}, or {@code none yet}. */
  public String encoderKind() {
    return kind;
  }

  /** Frames encoded since start. */
  public long framesEncoded() {
    return encoded.get();
  }

  /** Frames not encoded because every encoder was busy. */
  public long framesSkippedBusy() {
    return busy.get();
  }

  /** Encoded frames dropped because a newer one finished first. */
  public long framesStale() {
    return stale.get();
  }

  /** Mean JPEG size in bytes. */
  public double meanBytes() {
    long n = encoded.get();
    return n == 0 ? 0 : totalBytes.get() / (double) n;
  }

  /** Mean encode time over the last frames, milliseconds. */
  public double meanEncodeMillis() {
    return times.meanMillis();
  }

  /** 99th percentile encode time over the last frames, milliseconds. */
  public double p99EncodeMillis() {
    return times.p99Millis();
  }

  @Override
  public void close() throws InterruptedException {
    // Encodes already handed over finish (a few ms each) and release their frames.
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}
