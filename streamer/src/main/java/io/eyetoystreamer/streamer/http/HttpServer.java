package io.eyetoystreamer.streamer.http;

import io.eyetoystreamer.streamer.fanout.Viewer;
import io.eyetoystreamer.streamer.fanout.Viewers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Netty server: native epoll where Netty ships it (x86-64, arm64), NIO elsewhere (32-bit ARM);
 * a fixed number of event loop threads and no thread per client. Each connection gets TLS (if
 * configured), the HTTP codec with size limits, the {@link ConnectionGuard} (one request at a time,
 * request and response timeouts) and the {@link RequestHandler}. Connections are capped by {@link
 * ConnectionLimiter}.
 *
 * <p>Viewers' channels have a write buffer water mark far below one frame, so that the fan-out sees
 * a viewer as unwritable from the moment one frame is queued until it has nearly drained.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());

  /** Below this many queued bytes a channel is writable again. */
  static final int LOW_WATER_MARK = 32 * 1024;

  /** Above this many queued bytes a channel is unwritable. */
  static final int HIGH_WATER_MARK = 64 * 1024;

  private final HttpSettings settings;
  private final RequestHandler handler;
  private final Viewers viewers;
  private final Rejections rejections;
  private final ConnectionLimiter limiter;
  private final boolean epoll = Epoll.isAvailable();
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel listener;

  /** A server that will hand every request to {@code handler}. */
  public HttpServer(
      HttpSettings settings, RequestHandler handler, Viewers viewers, Rejections rejections) {
    this.settings = settings;
    this.handler = handler;
    this.viewers = viewers;
    this.rejections = rejections;
    this.limiter = new ConnectionLimiter(settings.maxConnections());
  }

  /** Binds and starts serving; returns the address bound (the real port when 0 was asked). */
  public InetSocketAddress start() throws InterruptedException {
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    int threads = settings.effectiveEventLoops();
    boss = new MultiThreadIoEventLoopGroup(1, io);
    workers = new MultiThreadIoEventLoopGroup(threads, io);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(channel)
            .option(ChannelOption.SO_BACKLOG, 256)
            .handler(new AcceptFailures())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    HttpServer.this.initChannel(ch);
                  }
                });
    listener = b.bind(settings.bindAddress(), settings.port()).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
    LOG.info(
        () ->
            "listening on "
                + bound.getAddress().getHostAddress()
                + ":"
                + bound.getPort()
                + " ("
                + transport()
                + ", "
                + threads
                + " event loop"
                + (threads == 1 ? "" : "s")
                + (settings.ssl() != null ? ", TLS" : "")
                + ")");
    return bound;
  }

  /**
   * Installs the per-connection pipeline on a newly accepted channel: TLS (if configured), the HTTP
   * codec with its size limits, and the request handler. Public so that tests can drive the same
   * pipeline on an {@code EmbeddedChannel}.
   */
  public void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (!limiter.admit(ch)) {
      p.addLast("refuse", new RefuseConnection(limiter.max(), settings.ssl() == null));
      return;
    }
    if (settings.ssl() != null) {
      p.addLast("tls", settings.ssl().newHandler(ch.alloc()));
    }
    p.addLast(
        "http",
        new HttpServerCodec(
            HttpSettings.MAX_REQUEST_LINE,
            HttpSettings.MAX_HEADER_BYTES,
            HttpSettings.MAX_HEADER_BYTES));
    p.addLast("aggregator", new HttpObjectAggregator(HttpSettings.MAX_BODY_BYTES));
    p.addLast(
        "guard",
        new ConnectionGuard(
            limiter,
            settings.requestTimeout().toNanos(),
            settings.stallLimit().toNanos(),
            rejections));
    p.addLast("request", handler);
  }

  /** The connection cap and its counters. */
  public ConnectionLimiter connections() {
    return limiter;
  }

  /** {@code epoll} or {@code nio}. */
  public String transport() {
    return epoll ? "epoll" : "nio";
  }

  /**
   * Stops accepting, closes every viewer with 1001 (going away) and gives them a moment to answer
   * the close as RFC 6455 asks, then shuts the event loops down.
   */
  @Override
  public void close() {
    if (listener == null) {
      return;
    }
    listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    Viewer[] open = viewers.snapshot();
    for (Viewer v : open) {
      v.channel()
          .writeAndFlush(
              new CloseWebSocketFrame(
                  WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server stopping"));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Viewer v : open) {
      long left = deadline - System.nanoTime();
      if (left <= 0
          || !v.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        v.channel().close();
      }
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    listener = null;
  }
}
