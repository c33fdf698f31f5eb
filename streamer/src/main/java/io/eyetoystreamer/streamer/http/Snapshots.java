package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.image.PngEncoder;
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

  /** Snapshots of {@code area}, refused while {@code camera} is offline. */
  public Snapshots(FrameArea area, Supplier<CameraState.Snapshot> camera) {
    this.area = area;
    this.camera = camera;
  }

  /** Answers a snapshot request; {@code png} picks the format. Returns at once. */
  public void serve(ChannelHandlerContext ctx, HttpRequest req, boolean png) {
    try {
      thread.execute(() -> answer(ctx, req, png));
    } catch (RejectedExecutionException e) {
      Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is stopping");
    }
  }

  private void answer(ChannelHandlerContext ctx, HttpRequest req, boolean png) {
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
    if (png) {
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
