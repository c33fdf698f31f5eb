package io.eyetoystreamer.streamer.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One fuzz input: what a client sends, cut where its reads end, with pauses in between; optionally
 * after a valid WebSocket handshake, and optionally from a client that reads nothing.
 *
 * <p>The corpus keeps scripts as text ({@code src/test/resources/fuzz}), one directive a line:
 *
 * <pre>
 * # a comment
 * ! ws /ws?format=jpeg     complete a valid upgrade to this path first; the rest is frames
 * ! stalled                the client reads nothing until it has sent everything
 * ! auth                   run against a server with --auth viewer:s3cret (the handshake of
 *                          "! ws" carries those credentials; HTTP bytes carry their own)
 * &gt; GET / HTTP/1.1\r\n    text bytes, with escapes \r \n \t \0 \\ and \xHH
 * x 81 85 37 fa 21 3d      bytes in hex
 * |                        the server gets what came before as one read
 * ~ 30000                  the client pauses this many milliseconds (virtual time in-process)
 * * 20000                  the bytes of the line before, 20000 times in all (floods)
 * </pre>
 */
final class Script {
  /** A step: a chunk of bytes delivered as one read, or a pause. */
  record Step(byte[] bytes, long pauseMillis) {}

  /** The credentials of the server that {@link #auth} scripts run against. */
  static final String CREDENTIALS = "viewer:s3cret";

  /** The header that carries {@link #CREDENTIALS}. */
  static final String AUTHORIZATION = "Authorization: Basic dmlld2VyOnMzY3JldA==\r\n";

  final String wsPath;
  final boolean stalled;
  final boolean auth;
  final List<Step> steps;

  Script(String wsPath, boolean stalled, List<Step> steps) {
    this(wsPath, stalled, false, steps);
  }

  Script(String wsPath, boolean stalled, boolean auth, List<Step> steps) {
    this.wsPath = wsPath;
    this.stalled = stalled;
    this.auth = auth;
    this.steps = steps;
  }

  /** This script, against the server with credentials. */
  Script withAuth() {
    return new Script(wsPath, stalled, true, steps);
  }

  private byte[] all;

  /** All the bytes, uncut (the caller must not change them). */
  byte[] bytes() {
    if (all == null) {
      all = join();
    }
    return all;
  }

  private byte[] join() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Step s : steps) {
      if (s.bytes != null) {
        out.writeBytes(s.bytes);
      }
    }
    return out.toByteArray();
  }

  int length() {
    int n = 0;
    for (Step s : steps) {
      n += s.bytes == null ? 0 : s.bytes.length;
    }
    return n;
  }

  private int flags = -1;

  /** Whether the bytes contain "HEAD" (a response may then come without its body). */
  boolean hasHead() {
    return (flags() & 1) != 0;
  }

  /**
   * Whether the bytes contain "snapshot" or "controls", in any case: routes answered by another
   * thread (the snapshot thread, the capture thread).
   */
  boolean hasSnapshot() {
    return (flags() & 2) != 0;
  }

  private int flags() {
    if (flags < 0) {
      // Bytes after a handshake are frames, never parsed as HTTP.
      flags =
          wsPath != null
              ? 0
              : (contains("HEAD") ? 1 : 0) | (contains("snapshot") || contains("controls") ? 2 : 0);
      // (three scans of what is mostly a few hundred bytes)
    }
    return flags;
  }

  /** Whether the bytes contain {@code needle}, ignoring ASCII case. */
  boolean contains(String needle) {
    byte[] all = bytes();
    byte[] n = needle.toLowerCase().getBytes(StandardCharsets.ISO_8859_1);
    int first = n[0];
    for (int i = 0, last = all.length - n.length; i <= last; i++) {
      if ((all[i] | 0x20) != first) {
        continue;
      }
      int j = 1;
      while (j < n.length && (all[i + j] | 0x20) == n[j]) {
        j++;
      }
      if (j == n.length) {
        return true;
      }
    }
    return false;
  }

  static Script parse(String text) {
    String ws = null;
    boolean stalled = false;
    boolean auth = false;
    List<Step> steps = new ArrayList<>();
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    byte[] lastLine = new byte[0];
    for (String line : text.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      char c = line.charAt(0);
      String rest = line.length() > 2 ? line.substring(2) : "";
      int before = chunk.size();
      switch (c) {
        case '!':
          if (rest.startsWith("ws ")) {
            ws = rest.substring(3).trim();
          } else if (rest.trim().equals("stalled")) {
            stalled = true;
          } else if (rest.trim().equals("auth")) {
            auth = true;
          } else {
            throw new IllegalArgumentException("unknown option: " + line);
          }
          break;
        case '>':
          unescape(rest, chunk);
          break;
        case 'x':
          for (String h : rest.trim().split("\\s+")) {
            if (!h.isEmpty()) {
              chunk.write(Integer.parseInt(h, 16));
            }
          }
          break;
        case '|':
          flush(chunk, steps);
          break;
        case '*':
          for (int i = Integer.parseInt(rest.trim()); i > 1; i--) {
            chunk.writeBytes(lastLine);
          }
          break;
        case '~':
          flush(chunk, steps);
          steps.add(new Step(null, Long.parseLong(rest.trim())));
          break;
        default:
          throw new IllegalArgumentException("unknown directive: " + line);
      }
      if (c == '>' || c == 'x') {
        byte[] all = chunk.toByteArray();
        lastLine = java.util.Arrays.copyOfRange(all, before, all.length);
      }
    }
    flush(chunk, steps);
    return new Script(ws, stalled, auth, steps);
  }

  private static void flush(ByteArrayOutputStream chunk, List<Step> steps) {
    if (chunk.size() > 0) {
      steps.add(new Step(chunk.toByteArray(), 0));
      chunk.reset();
    }
  }

  private static void unescape(String s, ByteArrayOutputStream out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '0' -> out.write(0);
        case '\\' -> out.write('\\');
        case 'x' -> {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + s);
      }
    }
  }

  /** The corpus form of this script (read back by {@link #parse}). */
  String format(String comment) {
    StringBuilder b = new StringBuilder();
    for (String l : comment.split("\n")) {
      b.append("# ").append(l).append('\n');
    }
    if (wsPath != null) {
      b.append("! ws ").append(wsPath).append('\n');
    }
    if (stalled) {
      b.append("! stalled\n");
    }
    if (auth) {
      b.append("! auth\n");
    }
    boolean first = true;
    for (Step s : steps) {
      if (s.bytes == null) {
        b.append("~ ").append(s.pauseMillis).append('\n');
        first = true;
        continue;
      }
      if (!first) {
        b.append("|\n");
      }
      first = false;
      formatBytes(s.bytes, b);
    }
    return b.toString();
  }

  private static char hex(int nibble) {
    return Character.forDigit(nibble & 15, 16);
  }

  private static void formatBytes(byte[] bytes, StringBuilder b) {
    int printable = 0;
    for (byte x : bytes) {
      if ((x >= 0x20 && x < 0x7f) || x == '\r' || x == '\n' || x == '\t') {
        printable++;
      }
    }
    if (printable * 10 < bytes.length * 9) {
      for (int i = 0; i < bytes.length; i += 32) {
        b.append('x');
        for (int j = i; j < Math.min(bytes.length, i + 32); j++) {
          b.append(' ').append(hex(bytes[j] >> 4)).append(hex(bytes[j]));
        }
        b.append('\n');
      }
      return;
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      int x = bytes[i] & 0xff;
      switch (x) {
        case '\r' -> line.append("\\r");
        case '\n' -> line.append("\\n");
        case '\t' -> line.append("\\t");
        case '\\' -> line.append("\\\\");
        default -> {
          if (x >= 0x20
              && x < 0x7f
              && !(x == ' ' && (i + 1 == bytes.length || bytes[i + 1] == '\n'))) {
            line.append((char) x);
          } else {
            line.append("\\x").append(hex(x >> 4)).append(hex(x));
          }
        }
      }
      if (x == '\n' || line.length() > 200 || i + 1 == bytes.length) {
        b.append("> ").append(line).append('\n');
        line.setLength(0);
      }
    }
  }
}
