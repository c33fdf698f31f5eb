package io.eyetoystreamer.streamer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket viewer for tests, on Netty's client: connects, hands every binary message to a
 * consumer (on its event loop), keeps text messages and the close status. It can stop reading to
 * play a stalled viewer.
 */
final class WsClient implements AutoCloseable {
  private static final EventLoopGroup GROUP =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  final List<String> texts;
  final CompletableFuture<Integer> closeStatus;
  private final Channel channel;

  private WsClient(Channel channel, List<String> texts, CompletableFuture<Integer> closeStatus) {
    this.channel = channel;
    this.texts = texts;
    this.closeStatus = closeStatus;
  }

  /**
   * Connects and completes the handshake.
   *
   * @param headers extra handshake headers (Origin, Authorization)
   * @param onFrame receives each binary message's content (released after it returns)
   */
  static WsClient connect(URI uri, HttpHeaders headers, Consumer<ByteBuf> onFrame)
      throws Exception {
    WebSocketClientHandshaker handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, headers, 16 << 20);
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    List<String> texts = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    Channel ch =
        new Bootstrap()
            .group(GROUP)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            // The leak detector runs at paranoid level for the server under test; the test's own
            // clients use buffers it does not track, so they are not slowed down by it.
            .option(ChannelOption.ALLOCATOR, new UnpooledByteBufAllocator(true, true))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    c.pipeline()
                        .addLast(new HttpClientCodec(), new HttpObjectAggregator(16 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<Object>() {
                              @Override
                              public void channelActive(ChannelHandlerContext ctx) {
                                handshaker.handshake(ctx.channel());
                              }

                              @Override
                              protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                if (!handshaker.isHandshakeComplete()) {
                                  try {
                                    handshaker.finishHandshake(
                                        ctx.channel(), (FullHttpResponse) msg);
                                    ready.complete(true);
                                  } catch (RuntimeException e) {
                                    ready.completeExceptionally(e);
                                  }
                                  return;
                                }
                                WebSocketFrame frame = (WebSocketFrame) msg;
                                if (frame instanceof BinaryWebSocketFrame) {
                                  onFrame.accept(frame.content());
                                } else if (frame instanceof TextWebSocketFrame) {
                                  texts.add(((TextWebSocketFrame) frame).text());
                                } else if (frame instanceof CloseWebSocketFrame) {
                                  closeStatus.complete(((CloseWebSocketFrame) frame).statusCode());
                                  // Answer the close, as browsers do.
                                  ctx.writeAndFlush(frame.retainedDuplicate());
                                }
                              }

                              @Override
                              public void channelInactive(ChannelHandlerContext ctx) {
                                ready.completeExceptionally(new IllegalStateException("closed"));
                                closeStatus.complete(-1);
                              }

                              @Override
                              public void exceptionCaught(
                                  ChannelHandlerContext ctx, Throwable cause) {
                                ready.completeExceptionally(cause);
                                ctx.close();
                              }
                            });
                  }
                })
            .connect(uri.getHost(), uri.getPort())
            .sync()
            .channel();
    ready.get(10, TimeUnit.SECONDS);
    return new WsClient(ch, texts, closeStatus);
  }

  static WsClient connect(URI uri, Consumer<ByteBuf> onFrame) throws Exception {
    return connect(uri, new DefaultHttpHeaders(), onFrame);
  }

  /** Sends a text message to the server. */
  void sendText(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Stops reading from the socket: the server sees a viewer that takes nothing. */
  void stall() {
    channel.config().setAutoRead(false);
  }

  boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
