package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns a request for {@code /ws} or {@code /eyetoy} into a viewer: checks that it is a WebSocket
 * upgrade, its Origin and the viewer limit, then shakes hands (no extensions: permessage-deflate
 * would compress every frame once per viewer) and registers the viewer with the fan-out.
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

  /** Upgrades the request, or answers why not. */
  void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, Viewer.Kind kind, int maxFps) {
    String path = kind == Viewer.Kind.HEADED ? "/ws" : "/eyetoy";
    if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
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
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(
                scheme + host + path, null, false, HttpSettings.MAX_INBOUND_WS_BYTES)
            .newHandshaker(req);
    if (handshaker == null) {
      viewers.unreserve();
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    ctx.pipeline().replace(ctx.handler(), "viewer", new ViewerHandler());
    Viewer viewer = new Viewer(ctx.channel(), kind, maxFps);
    handshaker
        .handshake(ctx.channel(), req)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                viewers.add(viewer);
                viewer.status(camera.get().statusJson());
                LOG.fine(() -> "viewer " + viewer.address() + " joined " + path);
              } else {
                viewers.unreserve();
                ctx.close();
              }
            });
  }
}
