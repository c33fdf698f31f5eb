package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.Viewer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A viewer's channel after the WebSocket handshake: answers pings and close frames, and ignores
 * anything else a viewer sends (frames go one way). The frame decoder bounds inbound messages to
 * {@link HttpSettings#MAX_INBOUND_WS_BYTES}; a larger one closes the connection.
 *
 * <p>What a viewer sends can never make the server hold more than a little for it:
 *
 * <ul>
 *   <li>pongs: at most one is pending. A pong is written only while the channel is writable; a
 *       newer ping replaces an unanswered one (RFC 6455 5.5.3 allows answering only the latest), so
 *       a client that floods pings and reads nothing is owed one pong, not millions.
 *   <li>reading: a viewer that sends while it cannot be written to (it does not read what it is
 *       sent) is not read from until it can; the stall limit then closes it. Viewers that send
 *       nothing, the normal case, cost nothing here.
 * </ul>
 */
final class ViewerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger LOG = Logger.getLogger(ViewerHandler.class.getName());

  /** The text message an H.264 viewer sends when its decoder needs a key frame. */
  static final String KEY_FRAME_REQUEST = "{\"type\":\"keyframe\"}";

  private final Viewer viewer;
  private ByteBuf pendingPong;
  private boolean readingPaused;

  /** A handler for {@code viewer}'s channel (null: nothing a viewer sends is acted on). */
  ViewerHandler(Viewer viewer) {
    this.viewer = viewer;
  }

  ViewerHandler() {
    this(null);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!ctx.channel().isWritable() && !readingPaused) {
      readingPaused = true;
      ctx.channel().config().setAutoRead(false);
    }
    if (frame instanceof CloseWebSocketFrame) {
      // The viewer closes, or answers our close: echo its code (a close without a code is
      // answered with one without a code, never with an invalid 65535; a code RFC 6455 does not
      // allow on the wire with 1002, protocol error) and end the connection.
      int code = ((CloseWebSocketFrame) frame).statusCode();
      CloseWebSocketFrame reply =
          code < 0
              ? new CloseWebSocketFrame()
              : new CloseWebSocketFrame(allowedOnTheWire(code) ? code : 1002, "");
      ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    } else if (frame instanceof PingWebSocketFrame) {
      if (pendingPong != null) {
        pendingPong.release();
      }
      pendingPong = frame.content().retain();
      sendPongIfWritable(ctx);
    } else if (frame instanceof TextWebSocketFrame
        && viewer != null
        && KEY_FRAME_REQUEST.equals(((TextWebSocketFrame) frame).text())) {
      // An H.264 viewer whose decoder fell behind or failed: a flag, however often it asks; the
      // encoder stage forces at most one key frame every 250 ms for all viewers.
      viewer.requestKeyFrame();
    }
    // Other text, binary and pong frames from viewers mean nothing here and are dropped.
  }

  /** The close codes RFC 6455 (7.4) lets an endpoint send: the others are protocol errors. */
  static boolean allowedOnTheWire(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  private void sendPongIfWritable(ChannelHandlerContext ctx) {
    if (pendingPong != null && ctx.channel().isWritable()) {
      ByteBuf payload = pendingPong;
      pendingPong = null;
      ctx.writeAndFlush(new PongWebSocketFrame(payload), ctx.voidPromise());
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      sendPongIfWritable(ctx);
      if (readingPaused) {
        readingPaused = false;
        ctx.channel().config().setAutoRead(true);
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (pendingPong != null) {
      pendingPong.release();
      pendingPong = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handlerRemoved(ctx);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "viewer " + ctx.channel().remoteAddress() + " dropped", cause);
    ctx.close();
  }
}
