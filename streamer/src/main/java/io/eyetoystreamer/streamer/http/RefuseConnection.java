package io.eyetoystreamer.streamer.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The whole pipeline of a connection refused at {@code --max-connections}: a 503 that says why (on
 * plain HTTP; with TLS there is no handshake to speak through, so the connection is just closed),
 * then close. Nothing the client sends is read.
 */
final class RefuseConnection extends ChannelInboundHandlerAdapter {
  private final int max;
  private final boolean plain;

  RefuseConnection(int max, boolean plain) {
    this.max = max;
    this.plain = plain;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(false);
    if (!plain) {
      ctx.close();
      return;
    }
    String body =
        "too many connections: "
            + max
            + " are open, the limit set by --max-connections. Try again later.\n";
    String response =
        "HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"
            + body;
    ctx.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.UTF_8))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
