package io.eyetoystreamer.streamer.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes fuzz inputs from the seed corpus, deterministically: input {@code i} of a run with seed
 * {@code s} depends on nothing but {@code (s, i)}, so a failure reproduces from the two numbers.
 *
 * <p>HTTP inputs are seeds mutated one to six times (bit flips, interesting bytes and tokens, bad
 * escapes, CR/LF/NUL injection, header folding, duplicated headers, deletions, repeats up to huge
 * lengths, truncation, splices of two seeds, absurd methods and versions, chunked bodies,
 * pipelining), cut into reads at random and sometimes paused. WebSocket inputs are generated frame
 * sequences sent after a valid handshake: bad opcodes, reserved bits, unmasked frames, control
 * frames over 125 bytes or fragmented, close frames with bad codes or bad UTF-8, 16- and 64-bit
 * lengths (also non-minimal and absurd), pings of every size and ping floods, continuations without
 * a start, and byte-level mutations of all of that.
 */
final class Generator {
  static final String[] WS_PATHS = {
    "/ws", "/ws?format=jpeg", "/eyetoy", "/ws?fps=1", "/eyetoy?fps=0", "/ws?format=raw&fps=-3"
  };

  private static final String[] TOKENS = {
    "\r\n",
    "\n",
    "\r",
    "\0",
    "\r\n\r\n",
    "%zz",
    "%",
    "%0",
    "%00",
    "%c0%af",
    "%ff",
    "%2e%2e/",
    "../",
    "/..",
    "//",
    "?",
    "&",
    "=",
    "#",
    ";",
    "@",
    ":",
    " ",
    "\t",
    "\u00e9",
    "\u2028",
    "Content-Length: ",
    "Content-Length: 0\r\n",
    "Content-Length: 99999999999999999999\r\n",
    "Content-Length: -1\r\n",
    "Content-Length: 0x10\r\n",
    "Transfer-Encoding: chunked\r\n",
    "Transfer-Encoding: gzip, chunked\r\n",
    "Transfer-Encoding: identity\r\n",
    "Connection: close\r\n",
    "Connection: Upgrade\r\n",
    "Upgrade: websocket\r\n",
    "Upgrade: h2c\r\n",
    "Sec-WebSocket-Version: 8\r\n",
    "Sec-WebSocket-Version: 13\r\n",
    "Sec-WebSocket-Key: \r\n",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
    "Origin: null\r\n",
    "Origin: http://127.0.0.1:8080\r\n",
    "Host: \r\n",
    "Host: [::1]:99999\r\n",
    "Expect: 100-continue\r\n",
    "Authorization: Basic Og==\r\n",
    "Authorization: Basic %%%\r\n",
    "HTTP/1.0",
    "HTTP/1.1",
    "HTTP/2.0",
    "HTTP/9.9",
    "HTTP/1.1111",
    "HTTP/",
    "http/1.1",
    "/ws",
    "/eyetoy",
    "/stream.mjpg",
    "/state",
    "/metrics",
    "/healthz",
    "/controls",
    "Content-Type: application/json\r\n",
    "{\"brightness\": 300}",
    "?fps=",
    "?fps=2147483648",
    "?format=jpeg",
    "?action=stream",
    "?advance_headers=true",
    "99999999999999999999",
    "-1",
    "0",
    "\u0085",
  };

  private static final String[] METHODS = {
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "CONNECT",
    "PATCH",
    "PRI",
    "get",
    "GE T",
    "G\0ET",
    "",
    " ",
    "GET GET",
    "A".repeat(5000),
    "\u00c9T\u00c9",
    "M-SEARCH",
    "PROPFIND",
  };

  private static final String[] VERSIONS = {
    "HTTP/1.1",
    "HTTP/1.0",
    "HTTP/0.9",
    "HTTP/2",
    "HTTP/1.1 extra",
    "HTTP/1.01",
    "HTTPS/1.1",
    "ICE/1.0",
    "HTTP/1.1\0",
    "",
    "HTTP/" + "1".repeat(300) + ".1",
  };

  private static final int[] HUGE = {
    125, 126, 127, 4095, 4096, 4097, 8191, 8192, 8193, 16383, 16384, 16385, 65535, 65536, 100_000,
    300_000
  };

  private static final int[] CLOSE_CODES = {
    0, 1, 999, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1015,
    1016, 2999, 3000, 3999, 4000, 4999, 5000, 65535
  };

  private final List<Script> httpSeeds;
  private final List<Script> wsSeeds;
  private final long runSeed;

  Generator(List<Script> seeds, long runSeed) {
    this.httpSeeds = seeds.stream().filter(s -> s.wsPath == null).toList();
    this.wsSeeds = seeds.stream().filter(s -> s.wsPath != null).toList();
    this.runSeed = runSeed;
  }

  /** The seed of input {@code index}: a SplitMix64 step of the run's seed. */
  long inputSeed(long index) {
    long z = runSeed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Input {@code index} of this run. */
  Script input(long index) {
    SplittableRandom r = new SplittableRandom(inputSeed(index));
    boolean auth = r.nextInt(5) == 0;
    Script s = r.nextInt(100) < 35 ? webSocket(r) : http(r, auth);
    return auth ? s.withAuth() : s;
  }

  // ---------------------------------------------------------------- HTTP

  private Script http(SplittableRandom r, boolean auth) {
    byte[] b = httpSeeds.get(r.nextInt(httpSeeds.size())).bytes();
    if (auth && r.nextInt(8) != 0) { // the right credentials, mostly
      int eol = indexOf(b, (byte) '\n', 0);
      b = insert(b, eol + 1, bytes(Script.AUTHORIZATION));
    }
    int ops = 1 + r.nextInt(r.nextInt(4) == 0 ? 6 : 3);
    for (int i = 0; i < ops; i++) {
      b = mutate(r, b);
    }
    if (r.nextInt(12) == 0) { // pipelining: more requests behind this one
      Buf out = new Buf();
      out.writeBytes(b);
      int more = 1 + r.nextInt(r.nextInt(16) == 0 ? 40 : 4);
      for (int i = 0; i < more; i++) {
        byte[] next = httpSeeds.get(r.nextInt(httpSeeds.size())).bytes();
        out.writeBytes(r.nextBoolean() ? next : mutate(r, next));
      }
      b = out.toByteArray();
    }
    return new Script(null, r.nextInt(10) == 0, cut(r, b));
  }

  byte[] mutate(SplittableRandom r, byte[] b) {
    int n = b.length;
    switch (r.nextInt(17)) {
      case 0: // flip bits
        if (n > 0) {
          b = b.clone();
          for (int k = 1 + r.nextInt(4); k > 0; k--) {
            b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
          }
        }
        return b;
      case 1: // an interesting byte
        if (n > 0) {
          b = b.clone();
          byte[] special = {
            0, '\r', '\n', ' ', ':', '%', '/', '?', 0x7f, (byte) 0x80, (byte) 0xff, '\t'
          };
          b[r.nextInt(n)] = special[r.nextInt(special.length)];
        }
        return b;
      case 2:
      case 3: // a token from the dictionary
        return insert(b, r.nextInt(n + 1), bytes(TOKENS[r.nextInt(TOKENS.length)]));
      case 4: // delete a range
        if (n > 0) {
          int from = r.nextInt(n);
          int to = Math.min(n, from + 1 + r.nextInt(Math.max(1, Math.min(64, n - from))));
          return concat(slice(b, 0, from), slice(b, to, n));
        }
        return b;
      case 5: // repeat a range, up to huge
        if (n > 0) {
          int from = r.nextInt(n);
          int len = 1 + r.nextInt(Math.min(16, n - from));
          int times =
              r.nextInt(12) == 0 ? HUGE[r.nextInt(HUGE.length)] / len + 1 : 2 + r.nextInt(8);
          Buf out = new Buf();
          out.write(b, 0, from + len);
          for (int i = 1; i < times; i++) {
            out.write(b, from, len);
          }
          out.write(b, from + len, n - from - len);
          return out.toByteArray();
        }
        return b;
      case 6: // truncate
        return n > 0 ? slice(b, 0, r.nextInt(n)) : b;
      case 7: // splice two seeds
        {
          byte[] other = httpSeeds.get(r.nextInt(httpSeeds.size())).bytes();
          return concat(
              slice(b, 0, r.nextInt(n + 1)),
              slice(other, r.nextInt(other.length + 1), other.length));
        }
      case 8: // header folding: a line starting with a space or tab
        {
          int at = indexAfterNewline(r, b);
          return insert(b, at, bytes(r.nextBoolean() ? " folded\r\n" : "\t x\r\n"));
        }
      case 9: // duplicate a header line
        {
          int at = indexAfterNewline(r, b);
          int end = indexOf(b, (byte) '\n', at);
          return end < 0 ? b : insert(b, at, slice(b, at, end + 1));
        }
      case 10: // absurd method
        return replaceWord(b, 0, METHODS[r.nextInt(METHODS.length)]);
      case 11: // absurd version
        {
          int eol = indexOf(b, (byte) '\r', 0);
          int sp = eol < 0 ? -1 : lastIndexOf(b, (byte) ' ', eol);
          return sp < 0
              ? b
              : concat(
                  concat(slice(b, 0, sp + 1), bytes(VERSIONS[r.nextInt(VERSIONS.length)])),
                  slice(b, eol, n));
        }
      case 12: // a huge header or request line
        {
          int len = HUGE[r.nextInt(HUGE.length)];
          byte[] fill = new byte[len];
          java.util.Arrays.fill(fill, (byte) (r.nextBoolean() ? 'a' : '%'));
          byte[] hdr =
              r.nextBoolean() ? concat(bytes("X-Big: "), concat(fill, bytes("\r\n"))) : fill;
          return insert(b, r.nextBoolean() ? indexAfterNewline(r, b) : Math.min(n, 5), hdr);
        }
      case 13: // a chunked body with random chunks
        return withBody(b, chunkedBody(r));
      case 14: // CR, LF or NUL injection in the request target
        {
          int sp = indexOf(b, (byte) ' ', 0);
          String[] inj = {
            "\r\nX-Injected: 1", "\n", "\0", "\r", "%0d%0aSet-Cookie:%20x=1", "\r\n\r\n"
          };
          return sp < 0 ? b : insert(b, Math.min(n, sp + 2), bytes(inj[r.nextInt(inj.length)]));
        }
      case 15: // random bytes
        {
          byte[] junk = new byte[1 + r.nextInt(r.nextInt(8) == 0 ? 5000 : 16)];
          r.nextBytes(junk);
          return insert(b, r.nextInt(n + 1), junk);
        }
      default: // a conflicting length
        {
          String[] lens = {
            "Content-Length: 5\r\nContent-Length: 6\r\n",
            "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "Content-Length: 1, 1\r\n",
            "Content-Length:  4 \r\n",
            "Transfer-Encoding: chunked, identity\r\n",
            "Transfer-Encoding:\tchunked\r\n",
            "Content-Length: 70000\r\n"
          };
          return insert(b, indexAfterNewline(r, b), bytes(lens[r.nextInt(lens.length)]));
        }
    }
  }

  private static byte[] chunkedBody(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    for (int k = r.nextInt(5); k > 0; k--) {
      int len = r.nextInt(r.nextInt(6) == 0 ? 20000 : 40);
      switch (r.nextInt(6)) {
        case 0 -> s.append("zz\r\n");
        case 1 ->
            s.append(Integer.toHexString(len))
                .append(";ext=\"x\"\r\n")
                .append("y".repeat(len))
                .append("\r\n");
        case 2 -> s.append("ffffffffffffffff\r\n");
        case 3 ->
            s.append(Integer.toHexString(len)).append("\r\n").append("y".repeat(len)); // no CRLF
        default ->
            s.append(Integer.toHexString(len))
                .append("\r\n")
                .append("y".repeat(len))
                .append("\r\n");
      }
    }
    s.append(r.nextBoolean() ? "0\r\n\r\n" : "0\r\nX-Trailer: 1\r\n\r\n");
    return bytes(s.toString());
  }

  /** Puts {@code body} after the head, with a Transfer-Encoding: chunked header in the head. */
  private static byte[] withBody(byte[] b, byte[] body) {
    int end = indexOf(b, bytes("\r\n\r\n"));
    if (end < 0) {
      return concat(b, body);
    }
    byte[] head = concat(slice(b, 0, end + 2), bytes("Transfer-Encoding: chunked\r\n\r\n"));
    return concat(concat(head, body), slice(b, end + 4, b.length));
  }

  // ---------------------------------------------------------------- WebSocket

  private Script webSocket(SplittableRandom r) {
    if (!wsSeeds.isEmpty() && r.nextInt(5) == 0) {
      Script seed = wsSeeds.get(r.nextInt(wsSeeds.size()));
      byte[] b = seed.bytes();
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        b = mutateBinary(r, b);
      }
      return new Script(seed.wsPath, seed.stalled || r.nextInt(8) == 0, cut(r, b));
    }
    String path = WS_PATHS[r.nextInt(WS_PATHS.length)];
    Buf out = new Buf();
    boolean stalled = r.nextInt(7) == 0;
    if (r.nextInt(150) == 0) { // ping flood: 2.5 MB of pongs at most
      int pings = 1000 + r.nextInt(20000);
      int size = r.nextBoolean() ? 100 + r.nextInt(26) : r.nextInt(126);
      for (int i = 0; i < pings; i++) {
        frame(
            r,
            out,
            true,
            0,
            0x9,
            true,
            randomBytes(r, r.nextInt(4) == 0 ? r.nextInt(126) : size),
            -1,
            false);
      }
      return new Script(path, r.nextInt(10) < 7, cut(r, out.toByteArray()));
    }
    int frames = 1 + r.nextInt(r.nextInt(4) == 0 ? 60 : 6);
    for (int i = 0; i < frames; i++) {
      oneFrame(r, out);
    }
    byte[] b = out.toByteArray();
    if (r.nextInt(8) == 0) {
      b = mutateBinary(r, b);
    }
    return new Script(path, stalled, cut(r, b));
  }

  private static void oneFrame(SplittableRandom r, Buf out) {
    switch (r.nextInt(20)) {
      case 0, 1 ->
          frame(r, out, true, 0, 0x9, true, randomBytes(r, r.nextInt(126)), -1, false); // ping
      case 2 -> frame(r, out, true, 0, 0x9, true, randomBytes(r, 126 + r.nextInt(200)), -1, false);
      case 3 ->
          frame(r, out, true, 0, 0xA, true, randomBytes(r, r.nextInt(130)), -1, false); // pong
      case 4 -> frame(r, out, true, 0, 0x1, true, bytes("{\"hello\":\u00e9}"), -1, false); // text
      case 5 ->
          frame(
              r,
              out,
              true,
              0,
              0x1,
              true,
              new byte[] {(byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80},
              -1,
              false);
      case 6 ->
          frame(
              r,
              out,
              true,
              0,
              0x2,
              true,
              randomBytes(r, r.nextInt(4) == 0 ? 16000 + r.nextInt(2000) : r.nextInt(300)),
              -1,
              false);
      case 7 -> { // close: no payload, one byte, a code from the list with a reason
        int kind = r.nextInt(4);
        byte[] p;
        if (kind == 0) {
          p = new byte[0];
        } else if (kind == 1) {
          p = new byte[] {3};
        } else {
          int code = CLOSE_CODES[r.nextInt(CLOSE_CODES.length)];
          byte[] reason = kind == 2 ? bytes("bye") : new byte[] {(byte) 0xff, (byte) 0xfe};
          if (r.nextInt(6) == 0) {
            reason = bytes("r".repeat(124));
          }
          p = concat(new byte[] {(byte) (code >> 8), (byte) code}, reason);
        }
        frame(r, out, true, 0, 0x8, true, p, -1, false);
      }
      case 8 -> frame(r, out, true, 0, 0x1, false, bytes("unmasked"), -1, false);
      case 9 ->
          frame(
              r,
              out,
              r.nextBoolean(),
              1 + r.nextInt(7),
              1 + r.nextInt(2),
              true,
              bytes("rsv"),
              -1,
              false);
      case 10 -> { // reserved opcodes
        int[] ops = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};
        frame(
            r,
            out,
            true,
            0,
            ops[r.nextInt(ops.length)],
            true,
            randomBytes(r, r.nextInt(10)),
            -1,
            false);
      }
      case 11 -> { // a fragmented message, maybe with a ping inside
        int op = r.nextBoolean() ? 1 : 2;
        frame(r, out, false, 0, op, true, bytes("frag"), -1, false);
        if (r.nextBoolean()) {
          frame(r, out, true, 0, 0x9, true, bytes("in"), -1, false);
        }
        frame(r, out, r.nextBoolean(), 0, 0, true, bytes("ment"), -1, false);
      }
      case 12 ->
          frame(r, out, true, 0, 0, true, bytes("cont"), -1, false); // continuation, no start
      case 13 ->
          frame(
              r,
              out,
              false,
              0,
              0x9 + r.nextInt(2),
              true,
              bytes("ctl"),
              -1,
              false); // fragmented control
      case 14 -> { // 64-bit and absurd lengths with a short payload
        long[] lens = {Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 16385, 65536, 0x7fffffffL};
        frame(r, out, true, 0, 2, true, bytes("tiny"), lens[r.nextInt(lens.length)], true);
      }
      case 15 ->
          frame(
              r,
              out,
              true,
              0,
              2,
              true,
              randomBytes(r, r.nextInt(100)),
              -1,
              true); // non-minimal length
      case 16 -> { // a declared length longer than what follows
        byte[] p = randomBytes(r, 10);
        frame(r, out, true, 0, 1 + r.nextInt(2), true, p, p.length + 1 + r.nextInt(100), false);
      }
      case 17 -> out.writeBytes(randomBytes(r, 1 + r.nextInt(20)));
      default -> frame(r, out, true, 0, 0x9, true, new byte[0], -1, false);
    }
  }

  /**
   * Writes one client frame.
   *
   * @param declared the length to put in the header, or -1 for the payload's
   * @param longForm use the 64-bit (or at least 16-bit) length form even when shorter would do
   */
  private static void frame(
      SplittableRandom r,
      Buf out,
      boolean fin,
      int rsv,
      int op,
      boolean masked,
      byte[] payload,
      long declared,
      boolean longForm) {
    long len = declared == -1 ? payload.length : declared;
    out.write((fin ? 0x80 : 0) | (rsv << 4) | op);
    int m = masked ? 0x80 : 0;
    if (!longForm && len >= 0 && len < 126) {
      out.write(m | (int) len);
    } else if (len >= 0 && len < 65536 && (!longForm || r.nextBoolean())) {
      out.write(m | 126);
      out.write((int) (len >> 8));
      out.write((int) len);
    } else {
      out.write(m | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (len >>> (8 * i)));
      }
    }
    byte[] key = new byte[4];
    if (masked) {
      r.nextBytes(key);
      if (r.nextInt(4) == 0) {
        key = new byte[4];
      }
      out.write(key, 0, 4);
    }
    byte[] body = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      body[i] = (byte) (payload[i] ^ key[i & 3]);
    }
    out.writeBytes(body);
  }

  private byte[] mutateBinary(SplittableRandom r, byte[] b) {
    int n = b.length;
    if (n == 0) {
      return randomBytes(r, 1 + r.nextInt(16));
    }
    switch (r.nextInt(6)) {
      case 0, 1 -> {
        b = b.clone();
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
          b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        return slice(b, 0, r.nextInt(n));
      }
      case 3 -> {
        int from = r.nextInt(n);
        return concat(slice(b, 0, from), slice(b, Math.min(n, from + 1 + r.nextInt(8)), n));
      }
      case 4 -> {
        Buf out = new Buf();
        oneFrame(r, out);
        return insert(b, r.nextInt(n + 1), out.toByteArray());
      }
      default -> {
        b = b.clone();
        b[r.nextInt(n)] = (byte) r.nextInt(256);
        return b;
      }
    }
  }

  // ---------------------------------------------------------------- cutting into reads

  /** Cuts {@code b} into reads, sometimes with pauses (a slow client, timeouts). */
  private static List<Script.Step> cut(SplittableRandom r, byte[] b) {
    List<Script.Step> steps = new ArrayList<>();
    int mode = r.nextInt(20);
    int[] cuts;
    if (mode < 14 || b.length < 2) { // one read
      cuts = new int[0];
    } else if (mode < 19) { // a few reads, cut anywhere
      cuts = r.ints(1 + r.nextInt(4), 1, b.length).sorted().distinct().toArray();
    } else { // a byte or three at a time for the first 64 bytes, then the rest
      List<Integer> c = new ArrayList<>();
      for (int at = 1 + r.nextInt(3); at < Math.min(64, b.length); at += 1 + r.nextInt(3)) {
        c.add(at);
      }
      cuts = c.stream().mapToInt(Integer::intValue).toArray();
    }
    int pos = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int end = i < cuts.length ? cuts[i] : b.length;
      if (end > pos) {
        steps.add(new Script.Step(slice(b, pos, end), 0));
        pos = end;
      }
      if (i < cuts.length && r.nextInt(8) == 0) {
        long[] pauses = {10, 1000, 5000, 11_000, 31_000, 61_000, 301_000};
        steps.add(new Script.Step(null, pauses[r.nextInt(pauses.length)]));
      }
    }
    if (r.nextInt(15) == 0) {
      steps.add(new Script.Step(null, r.nextBoolean() ? 30_000 : 600_000));
    }
    return steps;
  }

  // ---------------------------------------------------------------- bytes

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    return concat(concat(slice(b, 0, at), what), slice(b, at, b.length));
  }

  private static int indexOf(byte[] b, byte x, int from) {
    for (int i = Math.max(0, from); i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int lastIndexOf(byte[] b, byte x, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static int indexAfterNewline(SplittableRandom r, byte[] b) {
    int count = 0;
    for (byte x : b) {
      if (x == '\n') {
        count++;
      }
    }
    if (count == 0) {
      return b.length;
    }
    int k = r.nextInt(count);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' && k-- == 0) {
        return i + 1;
      }
    }
    return b.length;
  }

  private static byte[] replaceWord(byte[] b, int at, String word) {
    int sp = indexOf(b, (byte) ' ', at);
    return sp < 0 ? concat(bytes(word), b) : concat(bytes(word), slice(b, sp, b.length));
  }

  /** A valid handshake for {@code path}, as a browser on the server's own page sends it. */
  static byte[] upgradeRequest(String path, boolean auth) {
    return bytes(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nOrigin: http://127.0.0.1:8080\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + (auth ? Script.AUTHORIZATION : "")
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  /** A byte array builder without ByteArrayOutputStream's locking. */
  static final class Buf {
    private byte[] a = new byte[256];
    private int n;

    void write(int b) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
      if (n + len > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + len));
      }
      System.arraycopy(b, off, a, n, len);
      n += len;
    }

    void writeBytes(byte[] b) {
      write(b, 0, b.length);
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
