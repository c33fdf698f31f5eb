package io.eyetoystreamer.streamer.fuzz;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A viewer that must keep receiving frames while the fuzzer attacks the server: a plain socket that
 * completes the WebSocket handshake for {@code /ws} and counts complete binary messages on its own
 * thread.
 */
final class Witness implements AutoCloseable {
  private final Socket socket;
  private final AtomicLong frames = new AtomicLong();
  private final Thread reader;
  private volatile String ended;

  Witness(InetSocketAddress server) throws IOException {
    socket = new Socket();
    socket.connect(server, 5000);
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.getPort()
                    + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    String head = readHead(in);
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("the witness was refused: " + head.lines().findFirst().orElse(""));
    }
    reader = new Thread(() -> read(in), "fuzz-witness");
    reader.setDaemon(true);
    reader.start();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    while (!s.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("closed during the handshake: " + s);
      }
      s.append((char) c);
    }
    return s.toString();
  }

  private void read(DataInputStream in) {
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = in.readLong();
        }
        in.skipNBytes(len);
        int op = b0 & 0x0f;
        if (op == 2 && (b0 & 0x80) != 0) {
          frames.incrementAndGet();
        } else if (op == 8) {
          ended = "closed by the server";
          return;
        }
      }
    } catch (IOException e) {
      ended = e.toString();
    }
  }

  /** Complete binary messages so far. */
  long frames() {
    return frames.get();
  }

  /** Why it stopped receiving, or null while it receives. */
  String ended() {
    return ended;
  }

  /** Waits up to {@code millis} for at least {@code n} frames; true if they came. */
  boolean awaitFrames(long n, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (frames.get() < n && System.currentTimeMillis() < deadline && ended == null) {
      Thread.sleep(10);
    }
    return frames.get() >= n;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
