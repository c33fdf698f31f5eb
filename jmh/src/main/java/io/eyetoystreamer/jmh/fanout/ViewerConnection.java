package io.eyetoystreamer.jmh.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One simulated viewer: a streaming parser of what the server sends, on one channel. It never
 * collects a message: it copies the 32-byte frame header out of the stream, skips the frame bytes
 * where they lie in Netty's receive buffer, and checks the header against the message length. No
 * allocation per message (Netty's pooled receive buffers aside).
 *
 * <p>WebSocket: shakes hands by hand (a GET with {@code Upgrade: websocket}, then the {@code 101}
 * and its {@code Sec-WebSocket-Accept} checked), then reads frames: binary messages are frames,
 * possibly fragmented; text messages (status JSON) are counted and skipped. Raw: a u32
 * little-endian length, then the header and the frame ({@link FrameHeader}).
 *
 * <p>Confined to the channel's event loop; read the results after the channel has closed.
 */
final class ViewerConnection extends ChannelInboundHandlerAdapter {
  /** Frame ages above this are recorded as this. */
  static final long MAX_AGE_MICROS = TimeUnit.SECONDS.toMicros(60);

  private static final int HANDSHAKE = 0;
  private static final int WS_HEAD = 1;
  private static final int RAW_HEAD = 2;
  private static final int PAYLOAD = 3;
  private static final int OP_CONTINUATION = 0;
  private static final int OP_TEXT = 1;
  private static final int OP_BINARY = 2;
  private static final int OP_CLOSE = 8;
  private static final int MAX_HANDSHAKE_BYTES = 8192;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final boolean websocket;
  private final String request;
  private final String expectedAccept;
  private final MeasurementWindow window;
  private final CompletableFuture<Void> open = new CompletableFuture<>();
  private final Histogram ages = new Histogram(MAX_AGE_MICROS, 3);
  private final byte[] handshake;
  private final byte[] head = new byte[14];
  private final byte[] header = new byte[FrameHeader.BYTES];

  private int state;
  private int handshakeFill;
  private int headFill;
  private int headNeed;
  private int opcode;
  private boolean fin;
  private boolean inFrameMessage;
  private boolean inTextMessage;
  private int headerFill;
  private long payloadLeft;
  private long messageBytes;
  private long wireBytes;
  private long lastSequence;

  private long framesBefore;
  private long frames;
  private long bytes;
  private long skipped;
  private long textMessages;
  private long badFrames;
  private String error;
  private volatile boolean closing;

  /**
   * A viewer of {@code path} on {@code hostPort} (WebSocket), or of the raw stream ({@code path}
   * null).
   */
  ViewerConnection(String hostPort, String path, MeasurementWindow window) {
    this.websocket = path != null;
    this.window = window;
    if (websocket) {
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String key = Base64.getEncoder().encodeToString(nonce);
      this.expectedAccept = accept(key);
      this.request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + hostPort
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
              + key
              + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      this.handshake = new byte[MAX_HANDSHAKE_BYTES];
      this.state = HANDSHAKE;
    } else {
      this.expectedAccept = null;
      this.request = null;
      this.handshake = null;
      this.state = RAW_HEAD;
    }
  }

  /** Completes when the viewer may receive frames (handshake done), or fails with why not. */
  CompletableFuture<Void> open() {
    return open;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (websocket) {
      ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    } else {
      open.complete(null);
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      while (in.isReadable() && ctx.channel().isOpen()) {
        switch (state) {
          case HANDSHAKE:
            readHandshake(ctx, in);
            break;
          case WS_HEAD:
            readWsHead(ctx, in);
            break;
          case RAW_HEAD:
            readRawHead(in);
            break;
          case PAYLOAD:
            readPayload(ctx, in);
            break;
          default:
            throw new IllegalStateException("state " + state);
        }
      }
    } finally {
      in.release();
    }
  }

  private void readHandshake(ChannelHandlerContext ctx, ByteBuf in) {
    while (in.isReadable()) {
      if (handshakeFill == handshake.length) {
        fail(ctx, "the handshake response is over " + MAX_HANDSHAKE_BYTES + " bytes");
        return;
      }
      byte b = in.readByte();
      handshake[handshakeFill++] = b;
      if (b == '\n'
          && handshakeFill >= 4
          && handshake[handshakeFill - 2] == '\r'
          && handshake[handshakeFill - 3] == '\n'
          && handshake[handshakeFill - 4] == '\r') {
        String response = new String(handshake, 0, handshakeFill, StandardCharsets.ISO_8859_1);
        String status = response.substring(0, response.indexOf('\r'));
        if (!status.startsWith("HTTP/1.1 101")) {
          fail(ctx, "the server refused the WebSocket: " + status);
          return;
        }
        String accept = headerValue(response, "sec-websocket-accept");
        if (!expectedAccept.equals(accept)) {
          fail(ctx, "wrong Sec-WebSocket-Accept: " + accept + ", expected " + expectedAccept);
          return;
        }
        state = WS_HEAD;
        open.complete(null);
        return;
      }
    }
  }

  private void readWsHead(ChannelHandlerContext ctx, ByteBuf in) {
    if (headFill < 2) {
      int n = Math.min(2 - headFill, in.readableBytes());
      in.readBytes(head, headFill, n);
      headFill += n;
      if (headFill < 2) {
        return;
      }
      int len7 = head[1] & 0x7F;
      headNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((head[1] & 0x80) != 0 ? 4 : 0);
    }
    int n = Math.min(headNeed - headFill, in.readableBytes());
    in.readBytes(head, headFill, n);
    headFill += n;
    if (headFill < headNeed) {
      return;
    }
    if ((head[1] & 0x80) != 0) {
      fail(ctx, "the server sent a masked frame");
      return;
    }
    fin = (head[0] & 0x80) != 0;
    opcode = head[0] & 0x0F;
    int len7 = head[1] & 0x7F;
    long length = len7;
    if (len7 >= 126) {
      int bytesOfLength = len7 == 126 ? 2 : 8;
      length = 0;
      for (int i = 0; i < bytesOfLength; i++) {
        length = (length << 8) | (head[2 + i] & 0xFF);
      }
    }
    if (opcode == OP_BINARY || opcode == OP_TEXT) {
      if (inFrameMessage || inTextMessage) {
        fail(ctx, "a data message started inside another");
        return;
      }
      if (opcode == OP_TEXT) {
        textMessages++;
        inTextMessage = !fin;
      } else {
        startMessage();
      }
    } else if (opcode == OP_CONTINUATION) {
      if (inTextMessage) {
        opcode = OP_TEXT;
        inTextMessage = !fin;
      } else if (!inFrameMessage) {
        fail(ctx, "a continuation frame outside a message");
        return;
      }
    }
    if (opcode == OP_BINARY || opcode == OP_CONTINUATION) {
      wireBytes += headNeed;
    } else if (opcode == OP_CLOSE) {
      fail(ctx, "the server closed the WebSocket (close frame)");
      return;
    }
    headFill = 0;
    startPayload(ctx, length);
  }

  private void readRawHead(ByteBuf in) {
    int n = Math.min(FrameHeader.RAW_PREFIX_BYTES - headFill, in.readableBytes());
    in.readBytes(head, headFill, n);
    headFill += n;
    if (headFill < FrameHeader.RAW_PREFIX_BYTES) {
      return;
    }
    headFill = 0;
    startMessage();
    wireBytes = FrameHeader.RAW_PREFIX_BYTES;
    opcode = OP_BINARY;
    fin = true;
    startPayload(null, FrameHeader.littleEndian(head, 0, FrameHeader.RAW_PREFIX_BYTES));
  }

  private void startMessage() {
    inFrameMessage = true;
    headerFill = 0;
    messageBytes = 0;
    wireBytes = 0;
  }

  private void startPayload(ChannelHandlerContext ctx, long length) {
    payloadLeft = length;
    state = PAYLOAD;
    if (length == 0) {
      endFrame(ctx);
    }
  }

  private void readPayload(ChannelHandlerContext ctx, ByteBuf in) {
    int n = (int) Math.min(payloadLeft, in.readableBytes());
    boolean data = opcode == OP_BINARY || opcode == OP_CONTINUATION;
    if (data) {
      int h = Math.min(n, FrameHeader.BYTES - headerFill);
      if (h > 0) {
        in.getBytes(in.readerIndex(), header, headerFill, h);
        headerFill += h;
      }
      messageBytes += n;
    }
    in.skipBytes(n);
    payloadLeft -= n;
    if (payloadLeft == 0) {
      endFrame(ctx);
    }
  }

  private void endFrame(ChannelHandlerContext ctx) {
    state = websocket ? WS_HEAD : RAW_HEAD;
    if ((opcode == OP_BINARY || opcode == OP_CONTINUATION) && fin) {
      inFrameMessage = false;
      endMessage();
    }
  }

  private void endMessage() {
    long now = System.nanoTime();
    if (headerFill < FrameHeader.BYTES) {
      bad("a message of " + messageBytes + " bytes, shorter than the header");
      return;
    }
    String problem = FrameHeader.check(header, messageBytes);
    if (problem != null) {
      bad(problem);
      return;
    }
    long sequence = FrameHeader.littleEndian(header, FrameHeader.OFFSET_SEQUENCE, 8);
    long captured = FrameHeader.littleEndian(header, FrameHeader.OFFSET_CAPTURE_TIME, 8);
    long gap = 0;
    if (lastSequence != 0) {
      if (sequence <= lastSequence) {
        bad("sequence " + sequence + " after " + lastSequence);
        return;
      }
      gap = sequence - lastSequence - 1;
    }
    lastSequence = sequence;
    int where = window.where(now);
    if (where == 0) {
      frames++;
      bytes += wireBytes + messageBytes;
      skipped += gap;
      long micros = Math.max(0, (now - captured) / 1000);
      ages.recordValue(Math.min(micros, MAX_AGE_MICROS));
    } else if (where < 0) {
      framesBefore++;
    }
  }

  private void bad(String what) {
    badFrames++;
    if (error == null) {
      error = what;
    }
  }

  private void fail(ChannelHandlerContext ctx, String what) {
    if (error == null) {
      error = what;
    }
    open.completeExceptionally(new IllegalStateException(what));
    closing = true;
    if (ctx != null) {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause.toString());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closing) {
      if (error == null) {
        error = "the server closed the connection";
      }
      open.completeExceptionally(new IllegalStateException(error));
    }
    ctx.fireChannelInactive();
  }

  /** Says that the load tool is about to close the channel: not an error. */
  void closing() {
    closing = true;
  }

  /** Frames received whole within the window. */
  long frames() {
    return frames;
  }

  /** Frames received before the window opened (warm-up). */
  long framesBefore() {
    return framesBefore;
  }

  /** Wire bytes of the frames counted by {@link #frames()}. */
  long bytes() {
    return bytes;
  }

  /** Frames skipped (sequence gaps) before frames received in the window. */
  long skipped() {
    return skipped;
  }

  /** Text (status) messages received. */
  long textMessages() {
    return textMessages;
  }

  /** Frames whose header or length was wrong. */
  long badFrames() {
    return badFrames;
  }

  /** The first thing that went wrong, or null. */
  String error() {
    return error;
  }

  /** Frame ages in the window, microseconds. */
  Histogram ages() {
    return ages;
  }

  static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JVM", e);
    }
  }

  private static String headerValue(String response, String name) {
    for (String line : response.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
