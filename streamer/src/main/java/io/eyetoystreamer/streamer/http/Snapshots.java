package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.Demand;
import io.eyetoystreamer.streamer.capture.ServedArea;
import io.eyetoystreamer.streamer.image.PngEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /snapshot.yuyv}, {@code /snapshot.png} and {@code /snapshot.jpg}: the newest frame, raw,
 * as PNG or as JPEG. Reading and encoding run on one snapshot thread (with its own area reader),
 * never on an event loop. While the camera is offline there is no snapshot (503), rather than a
 * stale frame passed off as live.
 *
 * <p>At most {@link #MAX_IN_FLIGHT} snapshots are on their way at once, server-wide, from the
 * request until the response is written to its socket (or the connection fails): a snapshot is up
 * to a whole raw frame, and clients that ask and never read must not be able to fill memory. More
 * requests get 503 with Retry-After. Each connection asks one at a time ({@link ConnectionGuard}),
 * and one that does not read its answer is closed after the stall limit, giving its place back.
 */
public final class Snapshots implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());
  private final ServedArea served;
  private final Supplier<CameraState.Snapshot> camera;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "snapshot");
            t.setDaemon(true);
            return t;
          });
  private AreaReader reader;
  private ByteBuffer frame;
  private JpegEncoder jpeg;
  private ByteBuffer jpegOut;
  private final int quality;
  private final Rejections rejections;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Demand demand;

  /** A snapshot's frame is fresh if captured this recently; else a fresh one is waited for. */
  static final long FRESH_MILLIS = 500;

  /** How long a snapshot waits for a fresh frame from an idle camera. */
  static final long WAKE_MILLIS = 3000;

  /** Snapshots being prepared or sent at once, server-wide. */
  static final int MAX_IN_FLIGHT = 4;

  /** What a snapshot is sent as. */
  public enum Format {
    /** The raw frame. */
    YUYV,
    /** Converted to RGB, lossless. */
    PNG,
    /** Encoded like the MJPEG stream. */
    JPEG
  }

  /**
   * Snapshots of the area {@code served} now, refused while {@code camera} is offline.
   *
   * @param quality JPEG quality for {@link Format#JPEG}
   * @param demand told when a snapshot wants a fresh frame from a camera idling by policy; null
   *     when frames come from elsewhere (an edge), whose capture times are not this clock
   */
  public Snapshots(
      ServedArea served,
      Supplier<CameraState.Snapshot> camera,
      int quality,
      Rejections rejections,
      Demand demand) {
    this.demand = demand;
    this.rejections = rejections;
    this.served = served;
    this.camera = camera;
    this.quality = quality;
  }

  /**
   * Says, in the answer when the camera is online but no frame is there, why and what to do (an
   * edge of the relay keeps raw frames only while a raw viewer watches).
   */
  public void noFrameHint(String hint) {
    this.noFrameHint = hint;
  }

  private volatile String noFrameHint = "no frame has arrived yet; try again in a second";

  /** Answers a snapshot request in {@code format}. Returns at once. */
  public void serve(ChannelHandlerContext ctx, HttpRequest req, Format format) {
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      rejections.snapshotBusy.increment();
      Responses.retryLater(
          ctx,
          req,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          1,
          "busy: "
              + MAX_IN_FLIGHT
              + " snapshots are on their way to clients; try again in a second");
      return;
    }
    try {
      thread.execute(() -> answerOnce(ctx, req, format));
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is stopping");
    }
  }

  /**
   * Reads the newest frame into {@link #frame} if it was captured in the last {@link
   * #FRESH_MILLIS}; else wakes an idle camera and waits up to {@link #WAKE_MILLIS} for a frame
   * captured after the request. Returns its sequence, or {@code NOTHING_NEWER}.
   */
  private long freshFrame() {
    long asked = System.nanoTime();
    long sequence = reader.readLatest(frame.clear(), 0);
    if (demand == null) {
      return sequence; // frames from elsewhere (an edge): no idle camera here to wake
    }
    if (sequence > 0
        && asked - reader.captureTimeNanos() < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
      return sequence;
    }
    demand.want(WAKE_MILLIS);
    long deadline = asked + TimeUnit.MILLISECONDS.toNanos(WAKE_MILLIS);
    long last = Math.max(sequence, 0);
    for (long now = asked; now - deadline < 0; now = System.nanoTime()) {
      long newest = reader.awaitNewer(last, deadline - now);
      if (newest == AreaReader.WRITER_GONE) {
        break; // it returns at once while the writer is gone: do not spin
      }
      if (newest <= 0) {
        continue;
      }
      sequence = reader.readLatest(frame.clear(), 0);
      if (sequence > 0 && reader.captureTimeNanos() - asked >= 0) {
        return sequence;
      }
      last = Math.max(newest, sequence);
    }
    return AreaReader.NOTHING_NEWER;
  }

  /** Answers, and gives the place back once the answer is written or has failed. */
  private void answerOnce(ChannelHandlerContext ctx, HttpRequest req, Format format) {
    ChannelFuture sent = null;
    try {
      sent = answer(ctx, req, format);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "snapshot for " + ctx.channel().remoteAddress() + " failed", e);
      ctx.close();
    } finally {
      if (sent == null) {
        inFlight.decrementAndGet();
      } else {
        sent.addListener(f -> inFlight.decrementAndGet());
      }
    }
  }

  private ChannelFuture answer(ChannelHandlerContext ctx, HttpRequest req, Format format) {
    CameraState.Snapshot cam = camera.get();
    FrameArea area = served.get();
    AreaGeometry g = area.geometry();
    if (reader == null || reader.area() != area) {
      reader = area.newReader();
      if (frame == null || frame.capacity() != g.slotCapacity()) {
        frame = ByteBuffer.allocateDirect(g.slotCapacity());
      }
      if (jpeg != null) {
        jpeg.close(); // sized for the old geometry
        jpeg = null;
      }
    }
    long sequence = cam.online() ? freshFrame() : AreaReader.NOTHING_NEWER;
    if (sequence == AreaReader.NOTHING_NEWER && cam.online()) {
      return Responses.text(
          ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "no snapshot: " + noFrameHint);
    }
    if (sequence == AreaReader.NOTHING_NEWER) {
      return Responses.text(
          ctx,
          req,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no snapshot: the camera is offline (" + cam.message() + "). Try again when it is back.");
    }
    frame.flip();
    if (format == Format.JPEG) {
      if (jpeg == null) {
        jpeg = JpegEncoders.create();
        jpegOut = ByteBuffer.allocateDirect(jpeg.maxBytes(g.width(), g.height()));
      }
      jpeg.encode(frame, g.width(), g.height(), g.bytesPerLine(), quality, jpegOut.clear());
      return Responses.send(
          ctx, req, HttpResponseStatus.OK, "image/jpeg", direct(ctx, jpegOut.flip()));
    } else if (format == Format.PNG) {
      byte[] bytes = PngEncoder.encode(frame, g.width(), g.height(), g.bytesPerLine());
      return Responses.send(
          ctx, req, HttpResponseStatus.OK, "image/png", Unpooled.wrappedBuffer(bytes));
    }
    return Responses.send(
        ctx, req, HttpResponseStatus.OK, "application/octet-stream", direct(ctx, frame));
  }

  /** A pooled direct copy, which the socket writes without another copy. */
  private static ByteBuf direct(ChannelHandlerContext ctx, ByteBuffer bytes) {
    ByteBuf out = ctx.alloc().directBuffer(bytes.remaining());
    out.writeBytes(bytes);
    return out;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
