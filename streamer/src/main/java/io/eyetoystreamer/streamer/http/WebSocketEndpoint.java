package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a request for {@code /ws} or {@code /eyetoy} into a viewer: checks that it is a WebSocket
 * upgrade (RFC 6455, version 13), its Origin and the viewer limit, then shakes hands (no
 * extensions: permessage-deflate would compress every frame once per viewer) and registers the
 * viewer with the fan-out.
 */
public final class WebSocketEndpoint {
  private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

  private final Viewers viewers;
  private final OriginPolicy origins;
  private final Rejections rejections;
  private final Supplier<CameraState.Snapshot> camera;
  private final String scheme;

  /**
   * @param tls whether the server speaks TLS (for the handshake's ws/wss URL)
   */
  public WebSocketEndpoint(
      Viewers viewers,
      OriginPolicy origins,
      Rejections rejections,
      Supplier<CameraState.Snapshot> camera,
      boolean tls) {
    this.viewers = viewers;
    this.origins = origins;
    this.rejections = rejections;
    this.camera = camera;
    this.scheme = tls ? "wss://" : "ws://";
  }

  /** Upgrades the request, or answers why not. Every failure gives the viewer place back. */
  void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Viewer.Kind kind, int maxFps) {
    String path = kind == Viewer.Kind.HEADED ? "/ws" : "/eyetoy";
    if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))
        || HttpMethod.HEAD.equals(req.method())) {
      rejections.badRequest.increment();
      Responses.text(
          ctx,
          req,
          HttpResponseStatus.UPGRADE_REQUIRED,
          path
              + " is a WebSocket endpoint: connect with a WebSocket client (the viewer page at / does"
              + " that)");
      return;
    }
    String malformed = malformed(req);
    if (malformed != null) {
      rejections.badRequest.increment();
      Responses.closing(
          ctx,
          req,
          HttpResponseStatus.BAD_REQUEST,
          "bad WebSocket handshake for " + path + ": " + malformed,
          HttpHeaderNames.SEC_WEBSOCKET_VERSION,
          "13");
      return;
    }
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    String host = req.headers().get(HttpHeaderNames.HOST);
    if (!origins.admits(origin, host)) {
      rejections.origin.increment();
      LOG.info(() -> "refused WebSocket from origin " + origin + " (host " + host + ")");
      Responses.text(
          ctx,
          req,
          HttpResponseStatus.FORBIDDEN,
          "WebSocket origin "
              + origin
              + " is not allowed: this server admits its own origin and those given with"
              + " --allow-origin");
      return;
    }
    if (!viewers.reserve()) {
      rejections.viewerLimit.increment();
      Responses.tooManyViewers(ctx, req, viewers.max());
      return;
    }
    Viewer viewer = new Viewer(ctx.channel(), kind, maxFps);
    ChannelPipeline p = ctx.pipeline();
    try {
      // The viewer's own limits (stall timeout, one pending pong) replace the request guard.
      ConnectionGuard.leave(p);
      p.replace(ctx.handler(), "viewer", new ViewerHandler(viewer));
      new WebSocketServerHandshaker13(
              scheme + host + path, null, false, HttpSettings.MAX_INBOUND_WS_BYTES)
          .handshake(ctx.channel(), req)
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  viewers.add(viewer);
                  viewer.status(camera.get().statusJson());
                  LOG.fine(() -> "viewer " + viewer.address() + " joined " + path);
                } else {
                  viewers.unreserve();
                  ctx.channel().close();
                }
              });
    } catch (RuntimeException e) {
      // Checked above, so this is a surprise: the pipeline may be half changed, close it.
      viewers.unreserve();
      LOG.log(Level.WARNING, "WebSocket handshake with " + ctx.channel().remoteAddress(), e);
      ctx.channel().close();
    }
  }

  /**
   * What makes {@code req} not an RFC 6455 opening handshake this server accepts, or null. Checked
   * before a viewer place is taken, so that no malformed request can hold one.
   */
  static String malformed(FullHttpRequest req) {
    if (!HttpMethod.GET.equals(req.method())) {
      return "the method must be GET, not " + req.method();
    }
    if (!req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
      return "the Connection header must include Upgrade";
    }
    String version = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
    if (!"13".equals(version == null ? null : version.trim())) {
      return "Sec-WebSocket-Version must be 13 (RFC 6455), got "
          + (version == null ? "none" : "\"" + version + "\"");
    }
    String key = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    if (key == null || key.isBlank()) {
      return "no Sec-WebSocket-Key header";
    }
    return null;
  }
}
