package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.capture.CameraControls;
import io.eyetoystreamer.streamer.capture.CameraState;
import io.eyetoystreamer.streamer.capture.ControlsRefused;
import io.eyetoystreamer.streamer.capture.ControlsView;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /controls} (every control, its description and value) and {@code POST /controls} (set
 * one or several: a JSON object of names to values). Credentials are checked before, for every
 * request ({@link RequestHandler}). A POST must come from the server's own page or an allowed
 * origin (the same {@link OriginPolicy} as WebSockets; 403), be {@code application/json} (415) and
 * fit in {@link HttpSettings#MAX_BODY_BYTES} (413, by the codec).
 *
 * <p>Never blocks the event loop: the request goes to the capture thread through {@link
 * CameraControls}'s bounded queue and the answer is written when it completes; 503 at once when the
 * camera is offline or the queue is full. With capture in another process ({@code serve --area})
 * there is no device here: 501, saying to use {@code --ctrl} on the capture process.
 */
public final class ControlsEndpoint {
  private static final Logger LOG = Logger.getLogger(ControlsEndpoint.class.getName());

  /** How long an answer may take (the capture thread's own deadline, and a margin). */
  static final long ANSWER_TIMEOUT_MILLIS = CameraControls.DEADLINE_MILLIS + 2000;

  /** The answer when capture runs in another process. */
  static final String NOT_HERE =
      "not yet: camera controls over HTTP need the camera in this process, and this server"
          + " serves frames that another process captures (serve --area). Set controls on the"
          + " capture process with --ctrl NAME=VALUE (e.g. java -jar eyetoy-streamer.jar capture"
          + " --area FILE --ctrl brightness=10); controls across processes are a later issue.";

  private final CameraControls controls;
  private final OriginPolicy origins;
  private final Supplier<CameraState.Snapshot> camera;
  private final Rejections rejections;

  /**
   * @param controls the capture side's controls, or null when capture runs in another process
   */
  public ControlsEndpoint(
      CameraControls controls,
      OriginPolicy origins,
      Supplier<CameraState.Snapshot> camera,
      Rejections rejections) {
    this.controls = controls;
    this.origins = origins;
    this.camera = camera;
    this.rejections = rejections;
  }

  /** Answers a GET, HEAD or POST of {@code /controls}; returns at once. */
  void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean post = HttpMethod.POST.equals(req.method());
    if (post) {
      String origin = req.headers().get(HttpHeaderNames.ORIGIN);
      String host = req.headers().get(HttpHeaderNames.HOST);
      if (!origins.admits(origin, host)) {
        rejections.origin.increment();
        LOG.info(() -> "refused POST /controls from origin " + origin + " (host " + host + ")");
        Responses.text(
            ctx,
            req,
            HttpResponseStatus.FORBIDDEN,
            "POST /controls from origin "
                + origin
                + " is refused: only this server's own page and the origins given with"
                + " --allow-origin may change the camera");
        return;
      }
    }
    if (controls == null) {
      Responses.text(ctx, req, HttpResponseStatus.NOT_IMPLEMENTED, NOT_HERE);
      return;
    }
    CompletableFuture<ControlsView> answer;
    if (post) {
      String type = HttpUtil.getMimeType(req) == null ? null : HttpUtil.getMimeType(req).toString();
      if (type == null || !type.trim().equalsIgnoreCase("application/json")) {
        rejections.badRequest.increment();
        Responses.text(
            ctx,
            req,
            HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST /controls takes Content-Type: application/json, not "
                + (type == null ? "none" : type)
                + "; e.g. curl -H 'Content-Type: application/json' -d '{\"brightness\": 10}'");
        return;
      }
      Map<String, Object> values;
      try {
        values =
            JsonObject.parse(
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(req.content().nioBuffer())
                    .toString());
      } catch (CharacterCodingException e) {
        rejections.badRequest.increment();
        Responses.text(ctx, req, HttpResponseStatus.BAD_REQUEST, "the body is not UTF-8");
        return;
      } catch (IllegalArgumentException e) {
        rejections.badRequest.increment();
        Responses.text(ctx, req, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        return;
      }
      answer = controls.set(values);
    } else {
      answer = controls.list();
    }
    // The request's content is released when this returns; the answer needs only its head.
    HttpRequest head =
        new DefaultHttpRequest(
            req.protocolVersion(), req.method(), req.uri(), req.headers().copy());
    try {
      answer
          .orTimeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .whenCompleteAsync((view, e) -> answer(ctx, head, post, view, e), ctx.executor());
    } catch (RejectedExecutionException e) {
      ctx.close(); // the event loop is stopping
    }
  }

  private void answer(
      ChannelHandlerContext ctx, HttpRequest req, boolean post, ControlsView view, Throwable e) {
    if (e == null) {
      Responses.send(
          ctx,
          req,
          HttpResponseStatus.OK,
          "application/json; charset=UTF-8",
          Unpooled.copiedBuffer(
              (post ? view.valuesJson() : view.listJson()) + "\n", StandardCharsets.UTF_8));
      return;
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof TimeoutException) {
      Responses.retryLater(
          ctx,
          req,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          1,
          "camera controls unavailable: the capture thread did not answer within "
              + ANSWER_TIMEOUT_MILLIS
              + " ms");
      return;
    }
    if (!(cause instanceof ControlsRefused)) {
      LOG.log(Level.WARNING, "controls request failed", cause);
      Responses.text(
          ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + cause);
      return;
    }
    ControlsRefused r = (ControlsRefused) cause;
    switch (r.reason()) {
      case INVALID:
        rejections.badRequest.increment();
        Responses.text(ctx, req, HttpResponseStatus.BAD_REQUEST, r.getMessage());
        break;
      case UNAVAILABLE:
        CameraState.Snapshot cam = camera.get();
        Responses.retryLater(
            ctx,
            req,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            1,
            "camera controls unavailable: "
                + r.getMessage()
                + (cam.online() ? "" : " (" + cam.message() + ")"));
        break;
      case BUSY:
        Responses.text(ctx, req, HttpResponseStatus.CONFLICT, r.getMessage());
        break;
      default:
        Responses.text(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, r.getMessage());
        break;
    }
  }
}
