package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.logging.Logger;

/**
 * An HTTP response that becomes a one-way stream of the fan-out's bytes (MJPEG, raw H.264): after
 * the response head the connection leaves HTTP, a viewer is registered, and what the client sends
 * is read and dropped. The response has no length and ends when the connection closes.
 */
final class OneWayStream {
  private static final Logger LOG = Logger.getLogger(OneWayStream.class.getName());

  private OneWayStream() {}

  /**
   * Answers {@code req} with a stream of {@code contentType} for a viewer of {@code kind}, or 503
   * past the viewer limit. A HEAD request gets the response head alone and takes no viewer place.
   *
   * @param preamble bytes to send before the first frame (the first multipart boundary), or null
   */
  static void start(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String contentType,
      byte[] preamble,
      Viewer.Kind kind,
      int maxFps,
      Viewers viewers,
      Rejections rejections) {
    if (HttpMethod.HEAD.equals(req.method())) {
      HttpResponse head = head(true, contentType);
      HttpUtil.setContentLength(head, 0); // so that HTTP/1.1 clients do not wait for a body
      ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!viewers.reserve()) {
      rejections.viewerLimit.increment();
      Responses.tooManyViewers(ctx, req, viewers.max());
      return;
    }
    ChannelPipeline p = ctx.pipeline();
    Viewer viewer = new Viewer(ctx.channel(), kind, maxFps);
    ctx.writeAndFlush(head(false, contentType))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                viewers.unreserve();
                ctx.close();
                return;
              }
              // From here on the connection carries only our bytes: no HTTP codec, nothing read.
              p.remove("aggregator");
              p.replace(ctx.handler(), "stream", new Discard());
              p.remove("http");
              // The viewer's limits (stall timeout, frames skipped) replace the request guard.
              ConnectionGuard.leave(p);
              if (preamble == null) {
                viewers.add(viewer);
              } else {
                ctx.channel()
                    .writeAndFlush(Unpooled.wrappedBuffer(preamble))
                    .addListener(w -> viewers.add(viewer));
              }
              LOG.fine(() -> kind.endpoint() + " viewer " + viewer.address() + " joined");
            });
  }

  private static HttpResponse head(boolean empty, String contentType) {
    HttpResponse head =
        empty
            ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK)
            : new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store, no-cache, must-revalidate, max-age=0")
        .set(HttpHeaderNames.PRAGMA, "no-cache")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set("X-Content-Type-Options", "nosniff");
    return head;
  }

  /**
   * Drops whatever a stream viewer sends; closes on errors. A viewer that sends while it cannot be
   * written to is not read from until it can (the stall limit then closes it).
   */
  private static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      if (!ctx.channel().isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
