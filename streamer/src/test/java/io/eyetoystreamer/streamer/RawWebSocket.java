package io.eyetoystreamer.streamer;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that writes its own frames: for what a real client library
 * will not do (ping without ever reading, close without a status code). Masks every frame as RFC
 * 6455 asks of clients; reads the server's frames one at a time, keeping only the start of large
 * payloads.
 */
final class RawWebSocket implements AutoCloseable {
  static final int OP_TEXT = 1;
  static final int OP_BINARY = 2;
  static final int OP_CLOSE = 8;
  static final int OP_PING = 9;
  static final int OP_PONG = 10;

  /** Payload bytes kept by {@link #readFrame()}; the rest of a larger payload is skipped. */
  private static final int KEPT = 1024;

  final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** A frame from the server: opcode, payload length, and up to {@link #KEPT} payload bytes. */
  record Frame(int opcode, long length, byte[] start) {}

  /**
   * Connects to 127.0.0.1:{@code port} and completes the handshake for {@code path}, reading the
   * 101 response and nothing more. {@code receiveBuffer} (0: the system's) is set before connecting
   * so that a client that never reads is full sooner.
   */
  static RawWebSocket open(int port, String path, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port),
        RawHttp.TIMEOUT_MILLIS);
    s.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    RawHttp.Response r;
    try {
      r = RawHttp.readHead(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    if (r.status() != 101) {
      s.close();
      throw new IOException("handshake refused: " + r);
    }
    return new RawWebSocket(s);
  }

  /** Writes one masked frame with FIN set; {@code payload} at most 125 bytes (a control frame). */
  void send(int opcode, byte[] payload) throws IOException {
    out.write(frame(opcode, payload));
    out.flush();
  }

  /** One masked frame with FIN set, as bytes, for writing many at once. */
  static byte[] frame(int opcode, byte[] payload) {
    if (payload.length > 125) {
      throw new IllegalArgumentException("control payloads are at most 125 bytes");
    }
    byte[] f = new byte[6 + payload.length];
    f[0] = (byte) (0x80 | opcode);
    f[1] = (byte) (0x80 | payload.length);
    int mask = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 4; i++) {
      f[2 + i] = (byte) (mask >>> (24 - 8 * i));
    }
    for (int i = 0; i < payload.length; i++) {
      f[6 + i] = (byte) (payload[i] ^ f[2 + (i & 3)]);
    }
    return f;
  }

  /** Reads the next frame from the server (unmasked, as servers send). */
  Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    if ((b1 & 0x80) != 0) {
      throw new IOException("the server masked a frame");
    }
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] start = new byte[(int) Math.min(length, KEPT)];
    in.readFully(start);
    long rest = length - start.length;
    while (rest > 0) {
      long skipped = in.skip(rest);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new java.io.EOFException("connection closed inside a frame");
        }
        skipped = 1;
      }
      rest -= skipped;
    }
    return new Frame(b0 & 0x0f, length, start);
  }

  /** Reads frames until a close frame, and returns it. */
  Frame readUntilClose() throws IOException {
    for (; ; ) {
      Frame f = readFrame();
      if (f.opcode() == OP_CLOSE) {
        return f;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
