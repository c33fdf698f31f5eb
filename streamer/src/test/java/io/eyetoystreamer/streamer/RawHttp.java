package io.eyetoystreamer.streamer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte what the test writes: for requests no well-behaved
 * client sends (HEAD on a stream, a bad escape, pipelining) and for reading exactly what came back
 * (a body after a HEAD, silence). Always to 127.0.0.1; the client's own address can be another
 * loopback address (127.0.0.2) so that the server sees a second client machine.
 */
final class RawHttp {
  /** How long a request may take before the server is said to be silent. */
  static final int TIMEOUT_MILLIS = 5000;

  private RawHttp() {}

  /** A response as it arrived: status, headers (names lower case), body bytes. */
  record Response(int status, String statusLine, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String b = text();
      return statusLine
          + " "
          + headers
          + " body("
          + body.length
          + "): "
          + b.substring(0, Math.min(200, b.length()));
    }
  }

  /**
   * {@code GET path} with extra header lines ("Name: value") and, unless they say otherwise, {@code
   * Connection: close}.
   */
  static Response get(int port, String path, String... headers) throws IOException {
    return exchange(port, null, "GET " + path + " HTTP/1.1", headers);
  }

  /**
   * Sends {@code requestLine} with a Host header, {@code headers} and, when they have no Connection
   * header, {@code Connection: close}, from {@code from} (null: any), and reads the response: its
   * head, then the body by Content-Length or until the server closes. For HEAD nothing after the
   * head is expected; any bytes that do come within a short wait are returned as the body.
   */
  static Response exchange(int port, InetAddress from, String requestLine, String... headers)
      throws IOException {
    try (Socket s = connect(port, from)) {
      StringBuilder req =
          new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1:" + port + "\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      boolean connection = false;
      for (String h : headers) {
        connection |= h.toLowerCase(Locale.ROOT).startsWith("connection:");
      }
      // A request that says nothing about its connection asks for it to close after the answer.
      req.append(connection ? "\r\n" : "Connection: close\r\n\r\n");
      s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return read(s, buffered(s), requestLine.startsWith("HEAD "));
    }
  }

  /**
   * Sends {@code request} exactly as given (request line, headers, the blank line) and reads the
   * response; nothing is added.
   */
  static Response exact(int port, String request) throws IOException {
    try (Socket s = connect(port, null)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return read(s, buffered(s), request.startsWith("HEAD "));
    }
  }

  /**
   * Sends {@code request} exactly as given and reads only the response's head: for when the status
   * is all that matters and waiting to see whether a body follows would cost time.
   */
  static Response exactHead(int port, String request) throws IOException {
    try (Socket s = connect(port, null)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readHead(buffered(s));
    }
  }

  /** A connected socket with the suite's read timeout, from {@code from} when not null. */
  static Socket connect(int port, InetAddress from) throws IOException {
    Socket s = new Socket();
    if (from != null) {
      s.bind(new InetSocketAddress(from, 0));
    }
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
    s.setSoTimeout(TIMEOUT_MILLIS);
    return s;
  }

  /**
   * Reads one response from {@code s}. For a response to HEAD, waits a moment after the head for
   * bytes that should not come (the server closing is the end; silence is fine too).
   */
  static Response read(Socket s, boolean head) throws IOException {
    return read(s, s.getInputStream(), head);
  }

  /** Reads one response from {@code in}, {@code s}'s stream or a buffer over it. */
  private static Response read(Socket s, InputStream in, boolean head) throws IOException {
    Response r = readHead(in);
    return new Response(r.status(), r.statusLine(), r.headers(), readBody(s, in, r, head));
  }

  /** A buffer over the socket's stream, for an exchange that owns the socket: fewer reads. */
  private static InputStream buffered(Socket s) throws IOException {
    return new BufferedInputStream(s.getInputStream());
  }

  /**
   * Reads a response head (status line and headers) byte by byte, nothing after it: what follows a
   * 101 is WebSocket frames.
   */
  static Response readHead(Socket s) throws IOException {
    return readHead(s.getInputStream());
  }

  private static Response readHead(InputStream in) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            "the server closed the connection without a complete response; got: "
                + headBytes.toString(StandardCharsets.ISO_8859_1));
      }
      headBytes.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (headBytes.size() > 64 * 1024) {
        throw new IOException("response head longer than 64 KB");
      }
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String statusLine = lines[0];
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Response(status, statusLine, headers, new byte[0]);
  }

  private static byte[] readBody(Socket s, InputStream in, Response r, boolean head)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    if (r.status() == 101) {
      return new byte[0]; // what follows is WebSocket, not a body
    }
    if (head) {
      int old = s.getSoTimeout();
      s.setSoTimeout(500);
      try {
        int n = in.read(buf);
        if (n > 0) {
          body.write(buf, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // silence, or the server reset a connection it was done with: no body either way
      } finally {
        s.setSoTimeout(old);
      }
      return body.toByteArray();
    }
    String length = r.header("content-length");
    long want = length != null ? Long.parseLong(length) : Long.MAX_VALUE;
    while (body.size() < want) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, want - body.size()));
      if (n < 0) {
        break;
      }
      body.write(buf, 0, n);
    }
    return body.toByteArray();
  }
}
