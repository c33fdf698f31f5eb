package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.Viewer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every HTTP request before any WebSocket upgrade: rejects what is malformed, too large, not a GET
 * (or a POST to {@code /controls}) or not authorised (failed logins throttled per address: {@link
 * AuthThrottle}), then routes by path. One shared, thread-safe instance serves all channels.
 */
@ChannelHandler.Sharable
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

  private final Assets assets;
  private final StatusPages pages;
  private final Snapshots snapshots;
  private final WebSocketEndpoint webSockets;
  private final StreamEndpoint streams;
  private final ControlsEndpoint controls;
  private final BasicAuth auth;
  private final Rejections rejections;
  private final AuthThrottle throttle = new AuthThrottle();
  private final String h264Problem;

  /**
   * @param auth credentials every request must carry, or null
   * @param h264Problem why H.264 cannot be served (no encoder), or null if it can
   */
  public RequestHandler(
      Assets assets,
      StatusPages pages,
      Snapshots snapshots,
      WebSocketEndpoint webSockets,
      StreamEndpoint streams,
      ControlsEndpoint controls,
      BasicAuth auth,
      Rejections rejections,
      String h264Problem) {
    this.h264Problem = h264Problem;
    this.streams = streams;
    this.controls = controls;
    this.assets = assets;
    this.pages = pages;
    this.snapshots = snapshots;
    this.webSockets = webSockets;
    this.auth = auth;
    this.rejections = rejections;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    try {
      route(ctx, req);
    } catch (RuntimeException e) {
      // A bug of ours must not leave the client without an answer, nor the connection open.
      LOG.log(Level.WARNING, "request " + req.method() + " " + req.uri() + " failed", e);
      Responses.text(ctx, null, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
    }
  }

  /**
   * Checks the credentials, within the address's allowance of failures; answers 401 or 429 and
   * returns false if they are not right.
   */
  private boolean authorised(ChannelHandlerContext ctx, FullHttpRequest req) {
    InetAddress address = address(ctx);
    long now = System.nanoTime();
    long wait = throttle.waitSeconds(address, now);
    if (wait > 0) {
      rejections.authThrottled.increment();
      throttle.throttled(address);
      Responses.retryLater(
          ctx,
          req,
          HttpResponseStatus.TOO_MANY_REQUESTS,
          wait,
          "too many failed logins from "
              + address.getHostAddress()
              + ": try again in "
              + wait
              + " s");
      return false;
    }
    if (auth.accepts(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
      throttle.succeeded(address);
      return true;
    }
    throttle.failed(address, now);
    rejections.auth.increment();
    Responses.closing(
        ctx,
        req,
        HttpResponseStatus.UNAUTHORIZED,
        "authentication required",
        HttpHeaderNames.WWW_AUTHENTICATE,
        BasicAuth.CHALLENGE);
    return false;
  }

  private static InetAddress address(ChannelHandlerContext ctx) {
    SocketAddress a = ctx.channel().remoteAddress();
    return a instanceof InetSocketAddress
        ? ((InetSocketAddress) a).getAddress()
        : InetAddress.getLoopbackAddress();
  }

  private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      badRequest(ctx, req.decoderResult().cause());
      return;
    }
    if (!HttpMethod.GET.equals(req.method())
        && !HttpMethod.HEAD.equals(req.method())
        && !(HttpMethod.POST.equals(req.method()) && isControls(req.uri()))) {
      rejections.badRequest.increment();
      Responses.text(
          ctx,
          req,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          req.method() + " is not served: use GET (and POST for /controls)");
      return;
    }
    if (auth != null && !authorised(ctx, req)) {
      return;
    }
    QueryStringDecoder uri;
    String path;
    try {
      uri = new QueryStringDecoder(req.uri());
      path = uri.path(); // both decode now, so that a bad escape is answered here
      uri.parameters();
    } catch (IllegalArgumentException e) {
      rejections.badRequest.increment();
      Responses.text(
          ctx,
          req,
          HttpResponseStatus.BAD_REQUEST,
          "malformed URL: "
              + e.getMessage()
              + ". A % in a URL must start an escape of two hex digits, e.g. %20");
      return;
    }
    if ("/".equals(path)) {
      // The URLs of mjpg-streamer: /?action=stream and /?action=snapshot.
      String action = param(uri, "action");
      if ("stream".equals(action)) {
        path = "/stream";
      } else if ("snapshot".equals(action)) {
        path = "/snapshot";
      }
    }
    switch (path) {
      case "/ws":
        Viewer.Kind kind = webSocketKind(param(uri, "format"));
        if (kind == null) {
          rejections.badRequest.increment();
          Responses.text(
              ctx,
              req,
              HttpResponseStatus.BAD_REQUEST,
              "unknown format \""
                  + param(uri, "format")
                  + "\" for /ws: expected raw (the default), jpeg or h264");
        } else if (kind == Viewer.Kind.H264 && h264Problem != null) {
          Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, h264Problem);
        } else {
          webSockets.upgrade(ctx, req, kind, intParam(uri, "fps"));
        }
        return;
      case "/stream.h264":
        if (h264Problem != null) {
          Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, h264Problem);
        } else {
          streams.h264(ctx, req);
        }
        return;
      case "/stream.mjpg":
      case "/stream":
        streams.mjpeg(ctx, req, param(uri, "advance_headers"), intParam(uri, "fps"));
        return;
      case "/snapshot.jpg":
      case "/snapshot":
        snapshots.serve(ctx, req, Snapshots.Format.JPEG);
        return;
      case "/eyetoy":
        webSockets.upgrade(ctx, req, Viewer.Kind.BARE, intParam(uri, "fps"));
        return;
      case "/snapshot.yuyv":
        snapshots.serve(ctx, req, Snapshots.Format.YUYV);
        return;
      case "/snapshot.png":
        snapshots.serve(ctx, req, Snapshots.Format.PNG);
        return;
      case "/controls":
        controls.serve(ctx, req);
        return;
      case "/state":
        send(ctx, req, "application/json; charset=UTF-8", pages.state());
        return;
      case "/metrics":
        send(ctx, req, "text/plain; version=0.0.4; charset=UTF-8", pages.metrics());
        return;
      case "/healthz":
        String problem = pages.healthProblem();
        if (problem == null) {
          send(ctx, req, "text/plain; charset=UTF-8", pages.health() + "\n");
        } else {
          Responses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "failing: " + problem);
        }
        return;
      default:
        Optional<Assets.Asset> asset = assets.find(path);
        if (asset.isPresent()) {
          Responses.send(
              ctx,
              req,
              HttpResponseStatus.OK,
              asset.get().contentType(),
              Unpooled.wrappedBuffer(asset.get().content().duplicate()));
        } else {
          Responses.text(ctx, req, HttpResponseStatus.NOT_FOUND, "not found: " + path);
        }
    }
  }

  /** Whether a request URI, as sent, names {@code /controls} (the one path that takes POST). */
  private static boolean isControls(String uri) {
    int query = uri.indexOf('?');
    return (query < 0 ? uri : uri.substring(0, query)).equals("/controls");
  }

  private void badRequest(ChannelHandlerContext ctx, Throwable cause) {
    rejections.badRequest.increment();
    HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
    String why = "bad request: not valid HTTP/1.1";
    if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
      why = "request line longer than " + HttpSettings.MAX_REQUEST_LINE + " bytes";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      why = "request headers larger than " + HttpSettings.MAX_HEADER_BYTES + " bytes";
    } else if (cause instanceof TooLongFrameException) {
      status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
      why = "request larger than the server accepts";
    }
    LOG.log(Level.FINE, "bad request from " + ctx.channel().remoteAddress(), cause);
    Responses.text(ctx, null, status, why);
  }

  private static void send(
      ChannelHandlerContext ctx, FullHttpRequest req, String type, String body) {
    Responses.send(
        ctx, req, HttpResponseStatus.OK, type, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
  }

  /** The viewer kind of {@code /ws?format=F}, or null if {@code F} is not a format. */
  private static Viewer.Kind webSocketKind(String format) {
    if (format == null || format.equals("raw")) {
      return Viewer.Kind.HEADED;
    }
    switch (format) {
      case "jpeg":
        return Viewer.Kind.JPEG;
      case "h264":
        return Viewer.Kind.H264;
      default:
        return null;
    }
  }

  private static String param(QueryStringDecoder uri, String name) {
    List<String> values = uri.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static int intParam(QueryStringDecoder uri, String name) {
    List<String> values = uri.parameters().get(name);
    if (values == null || values.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(values.get(0)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "connection " + ctx.channel().remoteAddress() + " failed", cause);
    ctx.close();
  }
}
