package io.eyetoystreamer.streamer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses with the headers every response of this server carries. */
public final class Responses {
  private Responses() {}

  /** A plain-text response (a sentence for people, ending in a newline). */
  public static void text(
      ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String body) {
    send(
        ctx,
        req,
        status,
        "text/plain; charset=UTF-8",
        Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
  }

  /** The 503 for a viewer past {@code --max-viewers}. */
  static void tooManyViewers(ChannelHandlerContext ctx, HttpRequest req, int max) {
    text(
        ctx,
        req,
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "too many viewers: "
            + max
            + " are watching, the limit set by --max-viewers. Try again later.");
  }

  /**
   * Sends {@code body} (released by Netty) with {@code contentType}, keeping the connection open if
   * the client asked to and the status allows it.
   */
  public static void send(
      ChannelHandlerContext ctx,
      HttpRequest req,
      HttpResponseStatus status,
      String contentType,
      ByteBuf body) {
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set("X-Content-Type-Options", "nosniff");
    if (req != null && HttpMethod.HEAD.equals(req.method())) {
      res.content().clear();
    }
    boolean keepAlive = req != null && HttpUtil.isKeepAlive(req) && status.code() < 400;
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
