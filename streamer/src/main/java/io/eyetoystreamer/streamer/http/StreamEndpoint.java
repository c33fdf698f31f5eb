package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.JpegFrame;
import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The streams over plain HTTP, for tools that take a URL (browsers' img tags, ffmpeg, VLC, home
 * automation): MJPEG and raw H.264. After the response head the connection leaves HTTP and the
 * frames' buffers are written straight to it ({@link OneWayStream}).
 *
 * <p>MJPEG ({@code multipart/x-mixed-replace}), the format every camera streamer serves and many
 * tools consume by URL: {@code /stream.mjpg}, and the URLs of mjpg-streamer ({@code
 * /?action=stream}) and ustreamer ({@code /stream}). After the response head the connection leaves
 * HTTP: the JPEG stage writes parts straight to it, each viewer a retained duplicate of one shared
 * buffer, skipping frames while the viewer is not ready (newest frame wins).
 *
 * <p>Advance headers, as ustreamer's {@code advance_headers}: Chrome draws a part only when the
 * next part begins, so for Chrome the next part's header follows each JPEG at once (and parts carry
 * no Content-Length). On by default for Chrome-based browsers, off for others; {@code
 * ?advance_headers=1} or {@code 0} decides explicitly.
 */
public final class StreamEndpoint {
  private final Viewers viewers;
  private final Rejections rejections;

  /** Stream viewers join {@code viewers}, within its limit. */
  public StreamEndpoint(Viewers viewers, Rejections rejections) {
    this.viewers = viewers;
    this.rejections = rejections;
  }

  /**
   * Starts streaming to the requester, or answers 503 past the viewer limit. A HEAD request gets
   * the response head alone, and takes no viewer place.
   */
  void mjpeg(ChannelHandlerContext ctx, FullHttpRequest req, String advanceParam, int maxFps) {
    boolean advance =
        advanceParam != null
            ? advanceParam.equals("1") || advanceParam.equals("true")
            : String.valueOf(req.headers().get(HttpHeaderNames.USER_AGENT)).contains("Chrome/");
    OneWayStream.start(
        ctx,
        req,
        "multipart/x-mixed-replace;boundary=" + JpegFrame.BOUNDARY,
        JpegFrame.preamble(advance),
        advance ? Viewer.Kind.MJPEG_ADVANCE : Viewer.Kind.MJPEG,
        maxFps,
        viewers,
        rejections);
  }

  /**
   * Starts the raw H.264 stream ({@code /stream.h264}, Annex-B, {@code video/h264}; {@code ffmpeg
   * -f h264 -i URL} reads it): from the next key frame on, every access unit.
   */
  void h264(ChannelHandlerContext ctx, FullHttpRequest req) {
    OneWayStream.start(ctx, req, "video/h264", null, Viewer.Kind.H264_RAW, 0, viewers, rejections);
  }
}
