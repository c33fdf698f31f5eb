package io.eyetoystreamer.jmh.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load tool's smoke test: a short run against an in-process server, checking only that what it
 * reports is whole and consistent (never how fast anything is).
 */
class FanoutLoadTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void measuresTheRawBaseline() throws Exception {
    try (RawBaselineServer server =
        RawBaselineServer.start(InetAddress.getLoopbackAddress(), 0, 30)) {
      LoadResult r = FanoutLoad.run(options(server.port(), true, "/ws"));
      assertConsistent(r, "raw");
      assertEquals(0, r.textMessages());
      assertTrue(server.framesSent() > 0);
    }
  }

  @Test
  void measuresAWebSocketServerThatFragmentsAndSendsStatus() throws Exception {
    try (FakeStreamer server = new FakeStreamer()) {
      LoadResult r = FanoutLoad.run(options(server.port(), false, "/ws"));
      assertConsistent(r, "ws");
      assertTrue(r.textMessages() >= 5, "one status message per viewer: " + r.textMessages());
    }
  }

  @Test
  void checksH264UnitsAndCountsKeyFrames() throws Exception {
    try (FakeStreamer server = new FakeStreamer(FakeStreamer.H264)) {
      LoadResult r = FanoutLoad.run(options(server.port(), FanoutLoad.Protocol.H264, "/ws"));
      String report = r.format();
      assertEquals("h264", r.protocol(), report);
      assertTrue(r.errors().isEmpty(), report);
      assertEquals(0, r.badFrames(), report);
      assertEquals(5, r.opened(), report);
      assertTrue(r.frames() > 0, report);
      // A key frame every KEY_PERIOD frames, so about one in KEY_PERIOD in the window.
      assertTrue(r.keyFrames() >= 5 && r.keyFrames() < r.frames() / 2, report);
      assertEquals(
          r.frames() * 10 + r.keyFrames() * FakeStreamer.KEY_EXTRA, r.payloadBytes(), report);
      assertTrue(r.bytes() > r.payloadBytes() + r.frames() * FrameHeader.BYTES, report);
      assertEquals(r.keyFrames() * (10 + FakeStreamer.KEY_EXTRA), r.keyFrameBytes(), report);
      assertTrue(r.ageP50Millis() <= r.ageP99Millis(), report);
    }
  }

  @Test
  void reportsAnH264ViewerThatStartsBetweenKeyFrames() throws Exception {
    try (FakeStreamer server = new FakeStreamer(FakeStreamer.H264_ANY_START)) {
      LoadResult r = FanoutLoad.run(options(server.port(), FanoutLoad.Protocol.H264, "/ws"));
      String report = r.format();
      assertTrue(r.badFrames() > 0, report);
      assertTrue(report.contains("first H.264 unit"), report);
    }
  }

  @Test
  void measuresAnMjpegStreamPartByPart() throws Exception {
    try (FakeMjpeg server = new FakeMjpeg()) {
      LoadResult r = FanoutLoad.run(options(server.port(), FanoutLoad.Protocol.MJPEG, "/stream"));
      String report = r.format();
      assertEquals("mjpeg", r.protocol(), report);
      assertTrue(r.errors().isEmpty(), report);
      assertEquals(0, r.badFrames(), report);
      assertEquals(5, r.opened(), report);
      assertTrue(r.frames() > 0, report);
      // Each part on the wire: the boundary, the headers and the JPEG.
      assertTrue(r.bytes() > r.frames() * (long) FakeMjpeg.JPEG.length, report);
      assertTrue(r.bytes() < r.frames() * (long) (FakeMjpeg.JPEG.length + 200), report);
      assertTrue(0 < r.fpsMin() && r.fpsMin() <= r.fpsMedian(), report);
      assertTrue(0 <= r.ageP50Millis() && r.ageP50Millis() <= r.ageMaxMillis(), report);
      assertTrue(r.ageMaxMillis() < 10_000, "ages from X-Timestamp: " + report);
    }
  }

  @Test
  void reportsAViewerThatCannotOpen() throws Exception {
    try (FakeStreamer server = new FakeStreamer()) {
      LoadResult r = FanoutLoad.run(options(server.port(), false, "/elsewhere"));
      assertEquals(0, r.opened());
      assertEquals(5, r.errors().size(), r.errors().toString());
      assertTrue(r.errors().get(0).contains("refused the WebSocket"), r.errors().get(0));
    }
  }

  @Test
  void refusesAHostOffThisMachine() {
    FanoutLoad.Options o = options(9, true, "/ws");
    FanoutLoad.Options remote =
        new FanoutLoad.Options(
            "192.0.2.1", o.port(), FanoutLoad.Protocol.RAW, "/ws", 5, 0, 1, SELF, 1, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FanoutLoad.run(remote));
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
  }

  private static FanoutLoad.Options options(int port, boolean raw, String path) {
    return options(port, raw ? FanoutLoad.Protocol.RAW : FanoutLoad.Protocol.WS, path);
  }

  private static FanoutLoad.Options options(int port, FanoutLoad.Protocol protocol, String path) {
    return new FanoutLoad.Options("127.0.0.1", port, protocol, path, 5, 0.5, 2, SELF, 2, 10);
  }

  private static void assertConsistent(LoadResult r, String protocol) {
    String report = r.format();
    assertEquals(protocol, r.protocol(), report);
    assertTrue(r.errors().isEmpty(), report);
    assertEquals(0, r.badFrames(), report);
    assertEquals(5, r.opened(), report);
    assertTrue(r.windowSeconds() >= 1.9, report);
    assertTrue(r.frames() > 0 && r.bytes() > r.frames() * (long) FrameHeader.FRAME_BYTES, report);
    assertTrue(r.skipped() >= 0, report);
    assertTrue(
        0 < r.fpsMin() && r.fpsMin() <= r.fpsMedian() && r.fpsMedian() <= r.fpsMax(), report);
    assertTrue(r.megabytesPerSecond() > 0, report);
    assertTrue(
        0 <= r.ageP50Millis()
            && r.ageP50Millis() <= r.ageP99Millis()
            && r.ageP99Millis() <= r.ageMaxMillis(),
        report);
    assertEquals(SELF, r.serverPid(), report);
    assertTrue(r.serverCpu() >= 0 && r.clientCpu() >= 0, report);
    assertTrue(r.serverPeakRss() >= r.serverRss() && r.serverRss() > 0, report);
    assertTrue(r.cpuSecondsPerGigabyte() >= 0, report);
    assertTrue(r.toMap().get("errors").equals("0"), report);
  }

  /**
   * A stand-in for the streamer's {@code /stream.mjpg}: answers any request with a multipart head,
   * then sends a small JPEG-shaped part 30 times a second, split across two writes every other
   * time.
   */
  private static final class FakeMjpeg implements AutoCloseable {
    static final byte[] JPEG = jpeg(3000);
    private final EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup viewers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;
    private final ScheduledFuture<?> ticks;
    private long sequence;

    FakeMjpeg() throws InterruptedException {
      listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(new MjpegViewer());
                    }
                  })
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sync()
              .channel();
      ticks = group.next().scheduleAtFixedRate(this::tick, 0, 33_333, TimeUnit.MICROSECONDS);
    }

    /** Answers the request once, then leaves the channel to the ticks. */
    private final class MjpegViewer extends ChannelInboundHandlerAdapter {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        if (!viewers.contains(ctx.channel())) {
          ctx.writeAndFlush(
              ascii(
                  "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;"
                      + "boundary=fake\r\nConnection: close\r\n\r\n--fake\r\n"));
          viewers.add(ctx.channel());
        }
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
        ctx.close();
      }
    }

    int port() {
      return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private void tick() {
      sequence++;
      long micros = System.currentTimeMillis() * 1000;
      String head =
          String.format(
              java.util.Locale.ROOT,
              "Content-Type: image/jpeg\r\nContent-Length: %d\r\nX-Timestamp: %d.%06d\r\n\r\n",
              JPEG.length,
              micros / 1_000_000,
              micros % 1_000_000);
      ByteBuf part = Unpooled.buffer();
      part.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      part.writeBytes(JPEG);
      part.writeBytes(ascii("\r\n--fake\r\n"));
      if (sequence % 2 == 0) {
        viewers.writeAndFlush(part);
      } else {
        int half = part.readableBytes() / 2;
        viewers.write(part.retainedSlice(0, half));
        viewers.writeAndFlush(part.retainedSlice(half, part.readableBytes() - half));
        part.release();
      }
    }

    private static ByteBuf ascii(String s) {
      return Unpooled.copiedBuffer(s, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] jpeg(int length) {
      byte[] b = new byte[length];
      b[0] = (byte) 0xFF;
      b[1] = (byte) 0xD8;
      b[length - 2] = (byte) 0xFF;
      b[length - 1] = (byte) 0xD9;
      return b;
    }

    @Override
    public void close() throws InterruptedException {
      ticks.cancel(false);
      viewers.close().await(5, TimeUnit.SECONDS);
      listener.close().sync();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  /**
   * A stand-in for the streamer's {@code /ws}: Netty's own WebSocket server, a status text message
   * on joining, then 30 frames a second with the 32-byte header; every other frame in two
   * fragments. In {@link #H264} mode the frames are H.264-shaped units (start codes and NAL
   * headers, no picture), a key frame every {@link #KEY_PERIOD}, and a viewer is sent nothing until
   * a key frame, as the streamer does; {@link #H264_ANY_START} starts each viewer at once.
   */
  private static final class FakeStreamer implements AutoCloseable {
    static final int RAW = 0;
    static final int H264 = 1;
    static final int H264_ANY_START = 2;
    static final int KEY_PERIOD = 5;
    // A unit: 4-byte start code, NAL header, a slice with a zero run that is no start code.
    private static final byte[] SLICE = {0, 0, 0, 1, 0x41, 9, 0, 0, 3, 7};
    private static final byte[] IDR = {0, 0, 1, 0x65, 9, 0, 0, 3, 7, 5};
    private static final byte[] SPS_PPS = {0, 0, 0, 1, 0x67, 66, 0, 30, 0, 0, 0, 1, 0x68, 1};
    static final int KEY_EXTRA = SPS_PPS.length;
    private final int mode;
    private final java.util.Set<Channel> started = new java.util.HashSet<>();
    private final EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup viewers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ByteBuf frame =
        Unpooled.directBuffer(FrameHeader.BYTES + FrameHeader.FRAME_BYTES);
    private final Channel listener;
    private final ScheduledFuture<?> ticks;
    private long sequence;

    FakeStreamer() throws InterruptedException {
      this(RAW);
    }

    FakeStreamer(int mode) throws InterruptedException {
      this.mode = mode;
      frame.writerIndex(frame.capacity());
      listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(65536))
                          .addLast(new WebSocketServerProtocolHandler("/ws"))
                          .addLast(
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void userEventTriggered(
                                    ChannelHandlerContext ctx, Object e) {
                                  if (e
                                      instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                    ctx.writeAndFlush(
                                        new TextWebSocketFrame("{\"type\":\"status\"}"));
                                    viewers.add(ctx.channel());
                                  }
                                  ctx.fireUserEventTriggered(e);
                                }

                                @Override
                                public void exceptionCaught(
                                    ChannelHandlerContext ctx, Throwable e) {
                                  ctx.close(); // a viewer closed with frames unread: a reset
                                }

                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                  ReferenceCountUtil.release(msg);
                                  if (msg instanceof FullHttpRequest) {
                                    FullHttpResponse res =
                                        new DefaultFullHttpResponse(
                                            HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                                    res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                                    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
                                  }
                                }
                              });
                    }
                  })
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sync()
              .channel();
      ticks = group.next().scheduleAtFixedRate(this::tick, 0, 33_333, TimeUnit.MICROSECONDS);
    }

    int port() {
      return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private void tick() {
      sequence++;
      ByteBuffer header = ByteBuffer.allocate(FrameHeader.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      FrameHeader.write(header, 0, sequence, System.nanoTime());
      if (mode != RAW) {
        tickH264(header);
        return;
      }
      frame.setBytes(0, header.array());
      if (sequence % 2 == 0) {
        viewers.writeAndFlush(new BinaryWebSocketFrame(frame.retainedDuplicate()));
      } else {
        int half = frame.capacity() / 2;
        viewers.write(new BinaryWebSocketFrame(false, 0, frame.retainedSlice(0, half)));
        viewers.writeAndFlush(
            new ContinuationWebSocketFrame(
                true, 0, frame.retainedSlice(half, frame.capacity() - half)));
      }
    }

    /** Sends one H.264-shaped unit to each viewer that may have it, every other in two parts. */
    private void tickH264(ByteBuffer header) {
      boolean key = sequence % KEY_PERIOD == 0;
      header.put(3, (byte) FrameHeader.KIND_H264);
      header.putInt(4, FrameHeader.H264);
      header.putInt(28, key ? FrameHeader.FLAG_KEY_FRAME : 0);
      ByteBuf unit = Unpooled.buffer();
      unit.writeBytes(header.array());
      if (key) {
        unit.writeBytes(SPS_PPS).writeBytes(IDR);
      } else {
        unit.writeBytes(SLICE);
      }
      for (Channel c : viewers) {
        if (mode == H264 && !key && !started.contains(c)) {
          continue;
        }
        started.add(c);
        if (sequence % 2 == 0) {
          c.writeAndFlush(new BinaryWebSocketFrame(unit.retainedDuplicate()));
        } else {
          int cut = FrameHeader.BYTES + 6; // inside the first NAL unit
          c.write(new BinaryWebSocketFrame(false, 0, unit.retainedSlice(0, cut)));
          c.writeAndFlush(
              new ContinuationWebSocketFrame(
                  true, 0, unit.retainedSlice(cut, unit.readableBytes() - cut)));
        }
      }
      unit.release();
    }

    @Override
    public void close() throws InterruptedException {
      ticks.cancel(false);
      viewers.close().await(5, TimeUnit.SECONDS);
      listener.close().sync();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
      frame.release();
    }
  }
}
