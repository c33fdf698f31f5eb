package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.JpegFrame;
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
 * MJPEG over HTTP ({@code multipart/x-mixed-replace}), the format every camera streamer serves and
 * many tools consume by URL: {@code /stream.mjpg}, and the URLs of mjpg-streamer ({@code
 * /?action=stream}) and ustreamer ({@code /stream}). After the response head the connection leaves
 * HTTP: the JPEG stage writes parts straight to it, each viewer a retained duplicate of one shared
 * buffer, skipping frames while the viewer is not ready (newest frame wins).
 *
 * <p>Advance headers, as ustreamer's {@code advance_headers}: Chrome draws a part only when the
 * next part begins, so for Chrome the next part's header follows each JPEG at once (and parts carry
 * no Content-Length). On by default for Chrome-based browsers, off for others; {@code
 * ?advance_headers=1} or {@code 0} decides explicitly.
 */
public final class MjpegEndpoint {
  private static final Logger LOG = Logger.getLogger(MjpegEndpoint.class.getName());

  private final Viewers viewers;
  private final Rejections rejections;

  /** MJPEG viewers join {@code viewers}, within its limit. */
  public MjpegEndpoint(Viewers viewers, Rejections rejections) {
    this.viewers = viewers;
    this.rejections = rejections;
  }

  /**
   * Starts streaming to the requester, or answers 503 past the viewer limit. A HEAD request gets
   * the response head alone, and takes no viewer place.
   */
  void start(ChannelHandlerContext ctx, FullHttpRequest req, String advanceParam, int maxFps) {
    if (HttpMethod.HEAD.equals(req.method())) {
      HttpResponse head = head(true);
      HttpUtil.setContentLength(head, 0); // so that HTTP/1.1 clients do not wait for a body
      ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!viewers.reserve()) {
      rejections.viewerLimit.increment();
      Responses.tooManyViewers(ctx, req, viewers.max());
      return;
    }
    boolean advance =
        advanceParam != null
            ? advanceParam.equals("1") || advanceParam.equals("true")
            : String.valueOf(req.headers().get(HttpHeaderNames.USER_AGENT)).contains("Chrome/");
    HttpResponse head = head(false);
    ChannelPipeline p = ctx.pipeline();
    Viewer viewer =
        new Viewer(ctx.channel(), advance ? Viewer.Kind.MJPEG_ADVANCE : Viewer.Kind.MJPEG, maxFps);
    ctx.writeAndFlush(head)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                viewers.unreserve();
                ctx.close();
                return;
              }
              // From here on the connection carries only our bytes: no HTTP codec, nothing read.
              p.remove("aggregator");
              p.replace(ctx.handler(), "mjpeg", new Discard());
              p.remove("http");
              // The viewer's limits (stall timeout, frames skipped) replace the request guard.
              ConnectionGuard.leave(p);
              ctx.channel()
                  .writeAndFlush(Unpooled.wrappedBuffer(JpegFrame.preamble(advance)))
                  .addListener(w -> viewers.add(viewer));
              LOG.fine(() -> "MJPEG viewer " + viewer.address() + " joined");
            });
  }

  private static HttpResponse head(boolean empty) {
    HttpResponse head =
        empty
            ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK)
            : new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(
            HttpHeaderNames.CONTENT_TYPE,
            "multipart/x-mixed-replace;boundary=" + JpegFrame.BOUNDARY)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store, no-cache, must-revalidate, max-age=0")
        .set(HttpHeaderNames.PRAGMA, "no-cache")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set("X-Content-Type-Options", "nosniff");
    return head;
  }

  /**
   * Drops whatever an MJPEG viewer sends; closes on errors. A viewer that sends while it cannot be
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
