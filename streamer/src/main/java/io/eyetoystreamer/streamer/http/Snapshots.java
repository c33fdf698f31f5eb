package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.image.PngEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoder;
import io.eyetoystreamer.streamer.jpeg.JpegEncoders;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * {@code /snapshot.yuyv} and {@code /snapshot.png}: the newest frame, raw or as PNG. Reading and
 * encoding run on one snapshot thread (with its own area reader), never on an event loop. While the
 * camera is offline there is no snapshot (503), rather than a stale frame passed off as live.
 */
public final class Snapshots implements AutoCloseable {
  private final FrameArea area;
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
   * Snapshots of {@code area}, refused while {@code camera} is offline.
   *
   * @param quality JPEG quality for {@link Format#JPEG}
   */
  public Snapshots(FrameArea area, Supplier<CameraState.Snapshot> camera, int quality) {
    this.area = area;
    this.camera = camera;
    this.quality = quality;
  }

  /** Answers a snapshot request in {@code format}. Returns at once. */
  public void serve(ChannelHandlerContext ctx, HttpRequest req, Format format) {
    try {
      thread.execute(() -> answer(ctx, req, format));
    } catch (RejectedExecutionException e) {
      Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is stopping");
    }
  }

  private void answer(ChannelHandlerContext ctx, HttpRequest req, Format format) {
    CameraState.Snapshot cam = camera.get();
    AreaGeometry g = area.geometry();
    if (reader == null) {
      reader = area.newReader();
      frame = ByteBuffer.allocateDirect(g.slotCapacity());
    }
    long sequence = cam.online() ? reader.readLatest(frame.clear(), 0) : AreaReader.NOTHING_NEWER;
    if (sequence == AreaReader.NOTHING_NEWER) {
      Responses.text(
          ctx,
          req,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no snapshot: the camera is offline (" + cam.message() + "). Try again when it is back.");
      return;
    }
    frame.flip();
    if (format == Format.JPEG) {
      if (jpeg == null) {
        jpeg = JpegEncoders.create();
        jpegOut = ByteBuffer.allocateDirect(jpeg.maxBytes(g.width(), g.height()));
      }
      jpeg.encode(frame, g.width(), g.height(), g.bytesPerLine(), quality, jpegOut.clear());
      Responses.send(
          ctx, req, HttpResponseStatus.OK, "image/jpeg", Unpooled.copiedBuffer(jpegOut.flip()));
    } else if (format == Format.PNG) {
      byte[] bytes = PngEncoder.encode(frame, g.width(), g.height(), g.bytesPerLine());
      Responses.send(ctx, req, HttpResponseStatus.OK, "image/png", Unpooled.wrappedBuffer(bytes));
    } else {
      Responses.send(
          ctx,
          req,
          HttpResponseStatus.OK,
          "application/octet-stream",
          Unpooled.copiedBuffer(frame));
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
