package io.eyetoystreamer.streamer.fuzz;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The oracle on what the server sends on one connection: a sequence of well-formed HTTP/1.1
 * responses (status line, header lines without stray CR, LF or control bytes, one framing:
 * Content-Length, chunked, or close-delimited with {@code Connection: close}), nothing after a
 * response that said {@code Connection: close}; after a 101, well-formed server WebSocket frames
 * (unmasked, no reserved bits or opcodes, control frames whole and at most 125 bytes, close codes
 * that RFC 6455 allows on the wire, UTF-8 texts and close reasons, nothing after a close); after a
 * {@code multipart/x-mixed-replace} head, the MJPEG stream, which is not parsed further.
 *
 * <p>A problem is reported as {@code "kind: detail"}; the kind (before the colon) names the class
 * of failure so that one bug found a thousand times is reported once.
 */
final class WireCheck {
  private static final Pattern STATUS =
      Pattern.compile("HTTP/1\\.1 [1-5][0-9][0-9] [\\x20-\\x7e]*");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,8}");

  /** What the server's bytes said. */
  record Result(
      String problem, boolean mustClose, boolean upgraded, boolean streaming, int responses) {}

  private final ByteBuf b;
  private final boolean headPossible;
  private final boolean truncationOk;
  private int p;
  private boolean mustClose;
  private boolean upgraded;
  private boolean streaming;
  private int responses;

  private WireCheck(ByteBuf b, boolean headPossible, boolean truncationOk) {
    this.b = b;
    this.headPossible = headPossible;
    this.truncationOk = truncationOk;
    this.p = b.readerIndex();
  }

  /**
   * Checks everything the server wrote on one connection.
   *
   * @param headPossible the client sent a HEAD request (a response may then have no body)
   * @param truncationOk the client stopped reading, so the end may be cut off
   */
  static Result check(ByteBuf out, boolean headPossible, boolean truncationOk) {
    WireCheck c = new WireCheck(out, headPossible, truncationOk);
    String problem;
    try {
      problem = c.http();
    } catch (IndexOutOfBoundsException e) {
      problem = "checker: " + e;
    }
    return new Result(problem, c.mustClose, c.upgraded, c.streaming, c.responses);
  }

  private int left() {
    return b.writerIndex() - p;
  }

  private String http() {
    while (left() > 0) {
      if (mustClose) {
        return "framing: " + left() + " bytes after a Connection: close response";
      }
      int end = find("\r\n\r\n", p, Math.min(b.writerIndex(), p + 65536));
      if (end < 0) {
        if (left() >= 65536) {
          return "head: no end of the response head in 64 KiB";
        }
        return truncationOk ? null : "truncated: a response head cut off: " + text(p, left());
      }
      String head = b.toString(p, end - p, StandardCharsets.ISO_8859_1);
      p = end + 4;
      responses++;
      String[] lines = head.split("\r\n", -1);
      String status = lines[0];
      if (!STATUS.matcher(status).matches()) {
        return "status-line: " + printable(status);
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      String contentType = "";
      String upgrade = null;
      String connection = "";
      boolean accept = false;
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i];
        int colon = l.indexOf(':');
        if (colon <= 0 || !TOKEN.matcher(l.substring(0, colon)).matches()) {
          return "header: not a header line: " + printable(l);
        }
        String value = l.substring(colon + 1).trim();
        for (int k = colon + 1; k < l.length(); k++) {
          char ch = l.charAt(k);
          if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            return "header: control byte in a header value: " + printable(l);
          }
        }
        String name = l.substring(0, colon).toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> {
            if (length >= 0) {
              return "header: two Content-Length headers";
            }
            if (!DIGITS.matcher(value).matches()) {
              return "header: bad Content-Length " + printable(value);
            }
            length = Long.parseLong(value);
          }
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
          case "connection" -> {
            connection = value.toLowerCase(Locale.ROOT);
            close = connection.contains("close");
          }
          case "content-type" -> contentType = value.toLowerCase(Locale.ROOT);
          case "upgrade" -> upgrade = value;
          case "sec-websocket-accept" -> accept = !value.isEmpty();
          default -> {}
        }
      }
      if (chunked && length >= 0) {
        return "header: both Content-Length and Transfer-Encoding";
      }
      if (code == 101) {
        if (!accept && head.toLowerCase(Locale.ROOT).contains("\r\nwebsocket-location:")) {
          return "upgrade: a handshake without Sec-WebSocket-Version was accepted in the obsolete"
              + " hixie-75 draft protocol (0x00..0xFF text framing), and the fan-out then writes"
              + " RFC 6455 frames to it";
        }
        if (!"websocket".equalsIgnoreCase(upgrade) || !connection.contains("upgrade") || !accept) {
          return "upgrade: a 101 without Upgrade: websocket, Connection: Upgrade and an accept key";
        }
        upgraded = true;
        return webSocket();
      }
      if (code < 200) {
        continue;
      }
      if (contentType.startsWith("multipart/x-mixed-replace")) {
        streaming = true;
        return null;
      }
      mustClose = close;
      if (code == 204 || code == 304) {
        continue;
      }
      if (chunked) {
        String problem = chunkedBody();
        if (problem != null) {
          return problem;
        }
        continue;
      }
      if (length < 0) {
        if (!close) {
          return "framing: a " + code + " response with no length on a kept-alive connection";
        }
        p = b.writerIndex();
        return null;
      }
      if (headPossible && (left() == 0 || startsWith("HTTP/1.1 "))) {
        continue; // the answer to a HEAD: the length of the body it did not send
      }
      if (left() < length) {
        return truncationOk ? null : "truncated: " + left() + " of a " + length + "-byte body";
      }
      p += (int) length;
    }
    return null;
  }

  private String chunkedBody() {
    while (true) {
      int eol = find("\r\n", p, b.writerIndex());
      if (eol < 0) {
        return truncationOk ? null : "truncated: a chunk header cut off";
      }
      String size = b.toString(p, eol - p, StandardCharsets.ISO_8859_1);
      int semi = size.indexOf(';');
      String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
      if (!HEX.matcher(hex).matches()) {
        return "framing: bad chunk size " + printable(size);
      }
      long n = Long.parseLong(hex, 16);
      p = eol + 2;
      if (n == 0) {
        int end = find("\r\n", p, b.writerIndex());
        while (end > p) { // trailers
          p = end + 2;
          end = find("\r\n", p, b.writerIndex());
        }
        if (end < 0) {
          return truncationOk ? null : "truncated: chunked trailer cut off";
        }
        p = end + 2;
        return null;
      }
      if (left() < n + 2) {
        return truncationOk ? null : "truncated: a chunk cut off";
      }
      p += (int) n;
      if (!startsWith("\r\n")) {
        return "framing: chunk not followed by CRLF";
      }
      p += 2;
    }
  }

  private String webSocket() {
    boolean fragmented = false;
    boolean closed = false;
    while (left() > 0) {
      if (left() < 2) {
        return truncationOk ? null : "truncated: a frame header cut off";
      }
      int b0 = b.getUnsignedByte(p);
      int b1 = b.getUnsignedByte(p + 1);
      boolean fin = (b0 & 0x80) != 0;
      int op = b0 & 0x0f;
      if (closed) {
        return "ws-frame: a frame after the close frame";
      }
      if ((b0 & 0x70) != 0) {
        return "ws-frame: reserved bits set in a server frame";
      }
      if ((b1 & 0x80) != 0) {
        return "ws-frame: a masked server frame";
      }
      if (op > 2 && op < 8 || op > 10) {
        return "ws-frame: reserved opcode " + op;
      }
      long len = b1 & 0x7f;
      int hdr = 2;
      if (len == 126) {
        if (left() < 4) {
          return truncationOk ? null : "truncated: a frame header cut off";
        }
        len = b.getUnsignedShort(p + 2);
        hdr = 4;
      } else if (len == 127) {
        if (left() < 10) {
          return truncationOk ? null : "truncated: a frame header cut off";
        }
        len = b.getLong(p + 2);
        hdr = 10;
        if (len < 0) {
          return "ws-frame: a 64-bit length with the top bit set";
        }
      }
      if (op >= 8 && (len > 125 || !fin)) {
        return "ws-frame: control frame " + (fin ? "of " + len + " bytes" : "fragmented");
      }
      if (op == 0 && !fragmented) {
        return "ws-frame: continuation without a start";
      }
      if ((op == 1 || op == 2) && fragmented) {
        return "ws-frame: a new message inside a fragmented one";
      }
      if (left() < hdr + len) {
        return truncationOk
            ? null
            : "truncated: " + (left() - hdr) + " of a " + len + "-byte frame";
      }
      int payload = p + hdr;
      if (op == 8) {
        closed = true;
        if (len == 1) {
          return "ws-close: a one-byte close payload";
        }
        if (len >= 2) {
          int code = b.getUnsignedShort(payload);
          boolean ok =
              code >= 1000 && code <= 1003
                  || code >= 1007 && code <= 1014
                  || code >= 3000 && code <= 4999;
          if (!ok) {
            return "ws-close: code " + code + " is not allowed on the wire";
          }
          if (!utf8(payload + 2, (int) len - 2)) {
            return "ws-close: reason not UTF-8";
          }
        }
      }
      if (op == 1 && fin && !utf8(payload, (int) len)) {
        return "ws-text: a text message not UTF-8";
      }
      if (op == 1 || op == 2) {
        fragmented = !fin;
      } else if (op == 0) {
        fragmented = !fin;
      }
      p += hdr + (int) len;
    }
    return null;
  }

  private boolean utf8(int at, int len) {
    ByteBuffer nio = b.nioBuffer(at, len);
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(nio);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private boolean startsWith(String s) {
    if (left() < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b.getByte(p + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int find(String s, int from, int to) {
    byte first = (byte) s.charAt(0);
    for (int i = from; i + s.length() <= to; i++) {
      if (b.getByte(i) != first) {
        continue;
      }
      boolean all = true;
      for (int j = 1; j < s.length(); j++) {
        if (b.getByte(i + j) != s.charAt(j)) {
          all = false;
          break;
        }
      }
      if (all) {
        return i;
      }
    }
    return -1;
  }

  private String text(int at, int len) {
    return printable(b.toString(at, Math.min(len, 120), StandardCharsets.ISO_8859_1));
  }

  private static final int LIMIT = Boolean.getBoolean("fuzz.verbose") ? 5000 : 160;

  static String printable(String s) {
    StringBuilder o = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        o.append(c);
      } else {
        o.append("\\x")
            .append(Character.forDigit(c >> 4 & 15, 16))
            .append(Character.forDigit(c & 15, 16));
      }
      if (o.length() > LIMIT) {
        return o + "...";
      }
    }
    return o.toString();
  }
}
