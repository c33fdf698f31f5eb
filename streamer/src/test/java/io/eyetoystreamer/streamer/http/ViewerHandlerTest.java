package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewerHandlerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ViewerHandler());

  @AfterEach
  void releaseWhatIsLeft() {
    channel.finishAndReleaseAll();
  }

  private static PingWebSocketFrame ping(int b) {
    return new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) b}));
  }

  /**
   * Queues a frame's worth of bytes, unflushed: the channel is unwritable, as for a slow viewer.
   */
  private void makeUnwritable() {
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    channel.write(Unpooled.wrappedBuffer(new byte[64]));
    assertFalse(channel.isWritable());
  }

  @Test
  void aPingIsAnsweredWithItsPayload() {
    channel.writeInbound(ping(7));
    PongWebSocketFrame pong = channel.readOutbound();
    assertEquals(7, pong.content().getByte(0));
    pong.release();
  }

  @Test
  void pingsFromAViewerThatDoesNotReadOweOnePongTheLatest() {
    makeUnwritable();
    for (int i = 0; i < 1000; i++) {
      channel.writeInbound(ping(i));
    }
    assertFalse(channel.config().isAutoRead(), "a viewer that does not read is not read from");
    channel.flush(); // the viewer reads: writable again
    Object frame = channel.readOutbound();
    ReferenceCountUtil.release(frame); // the queued bytes
    PongWebSocketFrame pong = channel.readOutbound();
    assertEquals((byte) 999, pong.content().getByte(0));
    pong.release();
    assertNull(channel.readOutbound(), "one pong, not a thousand");
    assertTrue(channel.config().isAutoRead());
  }

  @Test
  void aCloseWithoutACodeIsAnsweredWithoutACode() {
    channel.writeInbound(new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
    CloseWebSocketFrame reply = assertInstanceOf(CloseWebSocketFrame.class, channel.readOutbound());
    assertEquals(0, reply.content().readableBytes(), "no code, not 65535");
    reply.release();
    assertFalse(channel.isOpen());
  }

  @Test
  void aCloseWithACodeNotAllowedOnTheWireIsAnsweredWith1002() {
    channel.writeInbound(new CloseWebSocketFrame(16447, ""));
    CloseWebSocketFrame reply = channel.readOutbound();
    assertEquals(1002, reply.statusCode());
    reply.release();
  }

  @Test
  void aCloseWithACodeIsEchoed() {
    channel.writeInbound(new CloseWebSocketFrame(1001, "bye"));
    CloseWebSocketFrame reply = channel.readOutbound();
    assertEquals(1001, reply.statusCode());
    reply.release();
  }
}
