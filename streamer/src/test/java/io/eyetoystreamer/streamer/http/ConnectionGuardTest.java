package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {
  private static final long TIMEOUT_S = 10;
  private static final long STALL_S = 5;

  /** Takes requests and answers them only when told to. */
  private static final class Server extends SimpleChannelInboundHandler<FullHttpRequest> {
    final List<String> received = new ArrayList<>();
    ChannelHandlerContext ctx;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      this.ctx = ctx;
      received.add(req.uri());
    }

    void answer(boolean flush) {
      DefaultFullHttpResponse res =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
      if (flush) {
        ctx.writeAndFlush(res);
      } else {
        ctx.write(res);
      }
    }
  }

  private final Server server = new Server();
  private final ConnectionLimiter limiter = new ConnectionLimiter(16);
  private final Rejections rejections = new Rejections();
  private final EmbeddedChannel channel = newChannel();

  @AfterEach
  void releaseWhatIsLeft() {
    channel.finishAndReleaseAll();
  }

  private EmbeddedChannel newChannel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline()
        .addLast(new HttpServerCodec())
        .addLast(new HttpObjectAggregator(16 * 1024))
        .addLast(
            new ConnectionGuard(
                limiter,
                TimeUnit.SECONDS.toNanos(TIMEOUT_S),
                TimeUnit.SECONDS.toNanos(STALL_S),
                rejections))
        .addLast(server);
    return ch;
  }

  private void send(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  private String outbound() {
    StringBuilder out = new StringBuilder();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.US_ASCII));
      b.release();
    }
    return out.toString();
  }

  @Test
  void pipelinedRequestsAreAnsweredOneAtATime() {
    send(get("/a") + get("/b") + get("/c"));
    assertEquals(List.of("/a"), server.received);
    assertFalse(channel.config().isAutoRead(), "no reading while an answer is on its way");
    server.answer(true);
    assertEquals(List.of("/a", "/b"), server.received);
    server.answer(true);
    server.answer(true);
    assertEquals(List.of("/a", "/b", "/c"), server.received);
    assertTrue(channel.config().isAutoRead(), "reading again once every answer is out");
  }

  @Test
  void nothingIsAnsweredAfterAnAnswerThatClosesTheConnection() {
    send(get("/a") + get("/b"));
    DefaultFullHttpResponse close =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
    close.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
    server.ctx.writeAndFlush(close);
    assertEquals(List.of("/a"), server.received, "/b is not answered after Connection: close");
  }

  @Test
  void tooManyPipelinedRequestsCloseTheConnection() {
    send(get("/x").repeat(ConnectionGuard.MAX_WAITING + 2));
    assertFalse(channel.isOpen());
    assertEquals(1, server.received.size());
  }

  @Test
  void aRequestThatDoesNotArriveWholeInTimeGets408() {
    send("GET / HTTP/1.1\r\nHost: x\r\n"); // and never the blank line
    channel.advanceTimeBy(TIMEOUT_S + 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(outbound().startsWith("HTTP/1.1 408"));
    assertFalse(channel.isOpen());
    assertEquals(1, rejections.timeout());
  }

  @Test
  void anIdleConnectionIsClosedWithoutAWord() {
    send(get("/a"));
    server.answer(true);
    outbound();
    channel.advanceTimeBy(TIMEOUT_S - 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen(), "not before the timeout");
    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen());
    assertEquals("", outbound());
  }

  @Test
  void anAnswerTheClientDoesNotTakeClosesTheConnection() {
    send(get("/snapshot.yuyv"));
    server.answer(false); // written, never flushed: as if the client does not read
    channel.advanceTimeBy(STALL_S + 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen());
  }

  @Test
  void leavingTheGuardReadsAgainAndStopsItsTimers() {
    send(get("/ws"));
    ConnectionGuard.leave(channel.pipeline());
    assertNull(channel.pipeline().get(ConnectionGuard.class));
    assertTrue(channel.config().isAutoRead());
    channel.advanceTimeBy(TIMEOUT_S + STALL_S + 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen(), "a viewer is not subject to the request timeout");
  }
}
