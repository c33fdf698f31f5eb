package io.eyetoystreamer.streamer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
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
  public static ChannelFuture text(
      ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String body) {
    return send(
        ctx,
        req,
        status,
        "text/plain; charset=UTF-8",
        Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
  }

  /** A 503 or 429 with a Retry-After, for a client that may try again later. */
  static ChannelFuture retryLater(
      ChannelHandlerContext ctx,
      HttpRequest req,
      HttpResponseStatus status,
      long seconds,
      String body) {
    return closing(ctx, req, status, body, HttpHeaderNames.RETRY_AFTER, String.valueOf(seconds));
  }

  /**
   * A plain-text answer with one more header ({@code header}: {@code value}; none if null), after
   * which the connection is closed, and says so ({@code Connection: close}, so that no client
   * reuses it).
   *
   * @param req the request, or null if none could be read (no HEAD to honour)
   */
  static ChannelFuture closing(
      ChannelHandlerContext ctx,
      HttpRequest req,
      HttpResponseStatus status,
      String body,
      CharSequence header,
      String value) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(body + "\n", StandardCharsets.UTF_8));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (header != null) {
      res.headers().set(header, value);
    }
    if (req != null && HttpMethod.HEAD.equals(req.method())) {
      res.content().clear();
    }
    return ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
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
   * the client asked to and the status allows it. The future completes when the response is written
   * or has failed (the connection closed).
   */
  public static ChannelFuture send(
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
      return ctx.writeAndFlush(res);
    }
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }
}
