package io.eyetoystreamer.streamer.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A viewer's channel after the WebSocket handshake: answers pings and close frames, and ignores
 * anything else a viewer sends (frames go one way). The frame decoder bounds inbound messages to
 * {@link HttpSettings#MAX_INBOUND_WS_BYTES}; a larger one closes the connection.
 */
final class ViewerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger LOG = Logger.getLogger(ViewerHandler.class.getName());

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame) {
      // The viewer closes, or answers our close: echo it (a second close frame after ours is
      // harmless and RFC 6455 allows it) and end the connection.
      ctx.writeAndFlush(new CloseWebSocketFrame(((CloseWebSocketFrame) frame).statusCode(), ""))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    }
    // Text, binary and pong frames from viewers mean nothing here and are dropped.
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "viewer " + ctx.channel().remoteAddress() + " dropped", cause);
    ctx.close();
  }
}
