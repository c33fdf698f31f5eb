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
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * One simulated viewer: a streaming parser of what the server sends, on one channel. It never
 * collects a message: it copies the 32-byte frame header out of the stream, skips the frame bytes
 * where they lie in Netty's receive buffer, and checks the header against the message length. No
 * allocation per message (Netty's pooled receive buffers aside).
 *
 * <p>WebSocket: shakes hands by hand (a GET with {@code Upgrade: websocket}, then the {@code 101}
 * and its {@code Sec-WebSocket-Accept} checked), then reads frames: binary messages are frames,
 * possibly fragmented; text messages (status JSON) are counted and skipped. JPEG messages ({@code
 * /ws?format=jpeg}) are checked to hold one JPEG (SOI first, EOI last). H.264 messages ({@code
 * /ws?format=h264}) are checked to hold one Annex-B access unit (a start code first) whose key
 * frame flag says what its NAL units are (a key frame has SPS, PPS and an IDR slice), and a
 * viewer's first unit to be a key frame; the NAL headers are found by scanning the unit's bytes
 * where they lie, as with the rest, without copying. Raw: a u32 little-endian length, then the
 * header and the frame ({@link FrameHeader}). MJPEG: a GET, a {@code 200} with {@code
 * multipart/x-mixed-replace;boundary=B}, then parts: the boundary line, header lines (a {@code
 * Content-Length} is required; {@code X-Timestamp}, the capture time in wall-clock seconds, gives
 * the frame age), a blank line, and that many bytes of JPEG, checked to start with SOI and end with
 * EOI.
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
  private static final int PART_HEAD = 4;
  private static final int PART_BODY = 5;
  private static final int MAX_LINE_BYTES = 1024;
  private static final long WALL_OFFSET_MICROS = wallOffsetMicros();
  private static final int OP_CONTINUATION = 0;
  private static final int OP_TEXT = 1;
  private static final int OP_BINARY = 2;
  private static final int OP_CLOSE = 8;
  private static final int MAX_HANDSHAKE_BYTES = 8192;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int NAL_SLICE = 1;
  private static final int NAL_IDR = 5;
  private static final int NAL_SPS = 7;
  private static final int NAL_PPS = 8;

  private final boolean websocket;
  private final boolean mjpeg;
  private final int kind;
  private final String request;
  private final String expectedAccept;
  private final MeasurementWindow window;
  private final CompletableFuture<Void> open = new CompletableFuture<>();
  private final Histogram ages = new Histogram(MAX_AGE_MICROS, 3);
  private final byte[] handshake;
  private final byte[] head = new byte[14];
  private final byte[] header = new byte[FrameHeader.BYTES];
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private byte[] boundary;
  private int lineFill;
  private long partLength = -1;
  private long partTimestampMicros = -1;
  private long partWire;
  private long bodyRead;
  private int soi;
  private int eoi;

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
  private int payloadStart = FrameHeader.BYTES;
  private int lead;
  private int zeros;
  private boolean nalHeaderNext;
  private int nalTypes;

  private long framesBefore;
  private long frames;
  private long bytes;
  private long payloadBytes;
  private long keyFrames;
  private long keyFrameBytes;
  private boolean firstUnitSeen;
  private long skipped;
  private long textMessages;
  private long badFrames;
  private String error;
  private volatile boolean closing;
  private LongConsumer onFrame;

  /** A viewer of {@code path} on {@code hostPort} ({@code path} is ignored for the raw stream). */
  ViewerConnection(
      String hostPort, FanoutLoad.Protocol protocol, String path, MeasurementWindow window) {
    this.websocket =
        protocol == FanoutLoad.Protocol.WS
            || protocol == FanoutLoad.Protocol.JPEG
            || protocol == FanoutLoad.Protocol.H264;
    this.mjpeg = protocol == FanoutLoad.Protocol.MJPEG;
    this.kind =
        protocol == FanoutLoad.Protocol.JPEG
            ? FrameHeader.KIND_JPEG
            : protocol == FanoutLoad.Protocol.H264 ? FrameHeader.KIND_H264 : FrameHeader.KIND_RAW;
    this.window = window;
    if (mjpeg) {
      this.expectedAccept = null;
      this.request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + hostPort
              + "\r\nUser-Agent: FanoutLoad\r\nAccept: multipart/x-mixed-replace\r\n\r\n";
      this.handshake = new byte[MAX_HANDSHAKE_BYTES];
      this.state = HANDSHAKE;
    } else if (websocket) {
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
    if (request != null) {
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
          case PART_HEAD:
            readPartHead(ctx, in);
            break;
          case PART_BODY:
            readPartBody(in);
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
        if (mjpeg) {
          openMjpeg(ctx, response, status);
          return;
        }
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

  private void openMjpeg(ChannelHandlerContext ctx, String response, String status) {
    if (!status.startsWith("HTTP/1.1 200")) {
      fail(ctx, "the server refused the MJPEG stream: " + status);
      return;
    }
    String type = String.valueOf(headerValue(response, "content-type"));
    int at = type.indexOf("boundary=");
    if (!type.startsWith("multipart/x-mixed-replace") || at < 0) {
      fail(ctx, "not a multipart/x-mixed-replace stream: Content-Type " + type);
      return;
    }
    String b = type.substring(at + "boundary=".length()).split(";")[0].trim().replace("\"", "");
    boundary = ("--" + b).getBytes(StandardCharsets.US_ASCII);
    state = PART_HEAD;
    open.complete(null);
  }

  /** Reads the part's lines up to the blank line after its headers. Allocates nothing. */
  private void readPartHead(ChannelHandlerContext ctx, ByteBuf in) {
    while (in.isReadable()) {
      byte b = in.readByte();
      partWire++;
      if (b != '\n') {
        if (lineFill == line.length) {
          fail(ctx, "an MJPEG header line is over " + MAX_LINE_BYTES + " bytes");
          return;
        }
        line[lineFill++] = b;
        continue;
      }
      int n = lineFill > 0 && line[lineFill - 1] == '\r' ? lineFill - 1 : lineFill;
      lineFill = 0;
      if (n == 0) {
        if (partLength >= 0) {
          state = PART_BODY;
          bodyRead = 0;
          soi = 0;
          eoi = 0;
          if (partLength == 0) {
            endPart();
          }
          return;
        }
        continue; // the blank line between a JPEG and the next boundary
      }
      if (n == boundary.length && startsWith(boundary, n)) {
        partLength = -1;
        partTimestampMicros = -1;
      } else if (startsWithIgnoreCase("content-length:", n)) {
        partLength = decimal(15, n, false);
        if (partLength < 0) {
          fail(ctx, "a part with a bad Content-Length");
          return;
        }
      } else if (startsWithIgnoreCase("x-timestamp:", n)) {
        partTimestampMicros = decimal(12, n, true);
      }
    }
  }

  private void readPartBody(ByteBuf in) {
    int n = (int) Math.min(partLength - bodyRead, in.readableBytes());
    int at = in.readerIndex();
    for (int k = 0; k < n && bodyRead + k < 2; k++) {
      soi = soi << 8 | (in.getByte(at + k) & 0xFF);
    }
    for (int k = Math.max(0, n - 2); k < n; k++) {
      eoi = (eoi << 8 | (in.getByte(at + k) & 0xFF)) & 0xFFFF;
    }
    in.skipBytes(n);
    bodyRead += n;
    partWire += n;
    if (bodyRead == partLength) {
      endPart();
    }
  }

  private void endPart() {
    long now = System.nanoTime();
    state = PART_HEAD;
    long wire = partWire;
    partWire = 0;
    long length = partLength;
    partLength = -1;
    if (soi != 0xFFD8 || eoi != 0xFFD9) {
      bad(
          "a part of "
              + length
              + " bytes that is not one JPEG (starts 0x"
              + Integer.toHexString(soi)
              + ", ends 0x"
              + Integer.toHexString(eoi)
              + ")");
      return;
    }
    int where = window.where(now);
    if (where == 0) {
      frames++;
      bytes += wire;
      payloadBytes += length;
      if (partTimestampMicros > 0) {
        long micros = Math.max(0, now / 1000 + WALL_OFFSET_MICROS - partTimestampMicros);
        ages.recordValue(Math.min(micros, MAX_AGE_MICROS));
      }
    } else if (where < 0) {
      framesBefore++;
    }
  }

  private boolean startsWith(byte[] prefix, int n) {
    if (n < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean startsWithIgnoreCase(String prefix, int n) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) line[i]) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The number in {@code line[from..n)}, blanks skipped; with {@code seconds}, {@code S.ffffff}
   * read as microseconds. -1 if there is none.
   */
  private long decimal(int from, int n, boolean seconds) {
    long v = 0;
    int digits = 0;
    int fraction = -1;
    for (int i = from; i < n; i++) {
      byte c = line[i];
      if (c >= '0' && c <= '9') {
        if (fraction >= 6) {
          continue;
        }
        v = v * 10 + (c - '0');
        digits++;
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && seconds && fraction < 0) {
        fraction = 0;
      } else if (c != ' ' && c != '\t') {
        return -1;
      }
    }
    if (digits == 0) {
      return -1;
    }
    if (seconds) {
      for (int f = Math.max(fraction, 0); f < 6; f++) {
        v *= 10;
      }
    }
    return v;
  }

  /**
   * Wall-clock microseconds minus {@code System.nanoTime() / 1000}, taken at a millisecond edge of
   * {@link System#currentTimeMillis()} so that it is good to a few microseconds.
   */
  private static long wallOffsetMicros() {
    long ms = System.currentTimeMillis();
    long next;
    while ((next = System.currentTimeMillis()) == ms) {
      Thread.onSpinWait();
    }
    return next * 1000 - System.nanoTime() / 1000;
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
    payloadStart = FrameHeader.BYTES;
    soi = 0;
    eoi = 0;
    lead = 0;
    zeros = 0;
    nalHeaderNext = false;
    nalTypes = 0;
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
        if (headerFill == FrameHeader.BYTES) {
          payloadStart = (int) FrameHeader.littleEndian(header, 0, 2);
        }
      }
      if (kind != FrameHeader.KIND_RAW && headerFill == FrameHeader.BYTES) {
        // Message offsets [messageBytes, messageBytes + n) are in this buffer; the unit starts at
        // payloadStart.
        long from = Math.max(messageBytes, payloadStart);
        long to = messageBytes + n;
        if (from < to) {
          int at = in.readerIndex() + (int) (from - messageBytes);
          if (kind == FrameHeader.KIND_H264) {
            scanNalUnits(in, at, (int) (to - from), from - payloadStart);
          } else {
            watchJpeg(in, at, (int) (to - from), from - payloadStart);
          }
        }
      }
      messageBytes += n;
    }
    in.skipBytes(n);
    payloadLeft -= n;
    if (payloadLeft == 0) {
      endFrame(ctx);
    }
  }

  /**
   * Reads {@code n} bytes of an H.264 unit at {@code in[at]}, {@code offset} bytes into the unit:
   * keeps its first four bytes and notes the type of every NAL unit after a start code.
   */
  private void scanNalUnits(ByteBuf in, int at, int n, long offset) {
    for (int k = 0; k < n; k++) {
      int b = in.getByte(at + k) & 0xFF;
      if (offset + k < 4) {
        lead = lead << 8 | b;
      }
      if (nalHeaderNext) {
        nalTypes |= 1 << (b & 0x1F);
        nalHeaderNext = false;
        zeros = 0;
      } else if (b == 0) {
        zeros++;
      } else {
        nalHeaderNext = b == 1 && zeros >= 2;
        zeros = 0;
      }
    }
  }

  /** Keeps the first two and the last two bytes of a JPEG, {@code offset} bytes into it. */
  private void watchJpeg(ByteBuf in, int at, int n, long offset) {
    for (int k = 0; k < n && offset + k < 2; k++) {
      soi = soi << 8 | (in.getByte(at + k) & 0xFF);
    }
    for (int k = Math.max(0, n - 2); k < n; k++) {
      eoi = (eoi << 8 | (in.getByte(at + k) & 0xFF)) & 0xFFFF;
    }
  }

  /** What is wrong with the JPEG or H.264 unit just read, or null. */
  private String checkUnit(long sequence) {
    long length = messageBytes - payloadStart;
    if (kind == FrameHeader.KIND_JPEG) {
      if (soi != 0xFFD8 || eoi != 0xFFD9) {
        return "a JPEG message of "
            + length
            + " bytes that is not one JPEG (starts 0x"
            + Integer.toHexString(soi)
            + ", ends 0x"
            + Integer.toHexString(eoi)
            + ")";
      }
      return null;
    }
    if (length < 4 || (lead != 1 && lead >>> 8 != 1)) {
      return "an H.264 unit of " + length + " bytes that does not start with a start code";
    }
    boolean flagged = (header[FrameHeader.OFFSET_FLAGS] & FrameHeader.FLAG_KEY_FRAME) != 0;
    int needed = 1 << NAL_IDR | 1 << NAL_SPS | 1 << NAL_PPS;
    boolean key = (nalTypes & needed) == needed;
    if ((nalTypes & (1 << NAL_SLICE | 1 << NAL_IDR)) == 0) {
      return "an H.264 unit with no slice (NAL types 0x" + Integer.toHexString(nalTypes) + ")";
    }
    if (flagged != key) {
      return "an H.264 unit flagged "
          + (flagged ? "" : "not ")
          + "a key frame with NAL types 0x"
          + Integer.toHexString(nalTypes);
    }
    if (!firstUnitSeen && !key) {
      return "the viewer's first H.264 unit (sequence " + sequence + ") is not a key frame";
    }
    firstUnitSeen = true;
    return null;
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
    String problem = FrameHeader.check(header, messageBytes, kind);
    long sequence = FrameHeader.littleEndian(header, FrameHeader.OFFSET_SEQUENCE, 8);
    if (problem == null && kind != FrameHeader.KIND_RAW) {
      problem = checkUnit(sequence);
    }
    if (problem != null) {
      bad(problem);
      return;
    }
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
    if (onFrame != null) {
      onFrame.accept(sequence);
    }
    int where = window.where(now);
    if (where == 0) {
      frames++;
      bytes += wireBytes + messageBytes;
      payloadBytes += messageBytes - payloadStart;
      if (kind == FrameHeader.KIND_H264
          && (header[FrameHeader.OFFSET_FLAGS] & FrameHeader.FLAG_KEY_FRAME) != 0) {
        keyFrames++;
        keyFrameBytes += messageBytes - payloadStart;
      }
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

  /**
   * Calls {@code listener} on the event loop with the sequence of every whole, well-formed frame
   * (WebSocket and raw); set before connecting.
   */
  void onFrame(LongConsumer listener) {
    this.onFrame = listener;
  }

  /** Says that the load tool is about to close the channel: not an error. */
  void closing() {
    closing = true;
  }

  /** The sequence of the last whole frame read. */
  long lastSequence() {
    return lastSequence;
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

  /**
   * Bytes of the frames counted by {@link #frames()} after their 32-byte headers: the YUYV frames,
   * JPEGs or H.264 units themselves (MJPEG: the JPEGs).
   */
  long payloadBytes() {
    return payloadBytes;
  }

  /** H.264 key frames among the frames counted by {@link #frames()}. */
  long keyFrames() {
    return keyFrames;
  }

  /** Bytes of the key frames counted by {@link #keyFrames()}, after their headers. */
  long keyFrameBytes() {
    return keyFrameBytes;
  }

  /** Frames skipped (sequence gaps) before frames received in the window. */
  long skipped() {
    return skipped;
  }

  /** Text (status) messages received. */
  long textMessages() {
    return textMessages;
  }

  /** Frames whose header or length was wrong (MJPEG: parts that are not one JPEG). */
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
