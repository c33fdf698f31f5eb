package io.eyetoystreamer.streamer.fuzz;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends fuzz inputs to the real server over loopback sockets, from a few threads at once: all
 * routes, the snapshot and MJPEG ones included, with the kernel's buffers and Netty's real event
 * loop. Each connection sends its script (pauses are shortened to at most 20 ms), reads what comes
 * back until the server closes, goes quiet, or has sent 512 KiB, and then closes (sometimes with a
 * reset). What it read must pass {@link WireCheck} (truncation allowed: the client stopped
 * reading). The server has no credentials set: scripts meant for one ({@code ! auth}) run without.
 */
final class TcpFuzzer {
  private static final int QUIET_MILLIS = 40;
  private static final int MAX_READ = 512 * 1024;

  private final InetSocketAddress server;
  private final Findings findings;
  final AtomicLong sent = new AtomicLong();

  TcpFuzzer(InetSocketAddress server, Findings findings) {
    this.server = server;
    this.findings = findings;
  }

  void run(Script s, String where, long inputSeed) {
    sent.incrementAndGet();
    SplittableRandom r = new SplittableRandom(inputSeed ^ 0x5DEECE66DL);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (Socket sock = new Socket()) {
      sock.connect(server, 5000);
      sock.setTcpNoDelay(true);
      sock.setSoTimeout(QUIET_MILLIS);
      if (r.nextInt(4) == 0) {
        sock.setSoLinger(true, 0); // close with a reset
      }
      OutputStream out = sock.getOutputStream();
      InputStream in = sock.getInputStream();
      if (s.wsPath != null) {
        out.write(Generator.upgradeRequest(s.wsPath, false));
        readFor(in, got, 2000, true);
      }
      for (Script.Step step : s.steps) {
        if (step.bytes() == null) {
          Thread.sleep(Math.min(20, step.pauseMillis()));
          continue;
        }
        try {
          out.write(step.bytes());
          out.flush();
        } catch (IOException e) {
          break; // the server closed: the rest is not sent
        }
        if (!s.stalled && in.available() > 0) {
          readFor(in, got, 0, false);
        }
      }
      if (s.stalled) {
        Thread.sleep(30);
      }
      if (r.nextBoolean()) {
        try {
          sock.shutdownOutput();
        } catch (IOException e) {
          // already reset by the server
        }
      }
      // A snapshot takes the server a while to make: wait longer for its first byte.
      readFor(in, got, 1000, false, s.hasSnapshot() ? 400 : QUIET_MILLIS);
    } catch (IOException e) {
      // a reset from the server, or it refused us: what was read so far is still checked
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    byte[] b = got.toByteArray();
    WireCheck.Result res = WireCheck.check(Unpooled.wrappedBuffer(b), s.hasHead(), true);
    if (Boolean.getBoolean("fuzz.verbose")) {
      System.out.println(
          "[fuzz] "
              + where
              + " over TCP: the server sent "
              + b.length
              + " bytes: "
              + WireCheck.printable(
                  new String(
                      b, 0, Math.min(b.length, 3000), java.nio.charset.StandardCharsets.ISO_8859_1))
              + (b.length > 3000
                  ? " ... "
                      + WireCheck.printable(
                          new String(
                              b, b.length - 600, 600, java.nio.charset.StandardCharsets.ISO_8859_1))
                  : "")
              + "\n[fuzz] verdict: "
              + res);
    }
    if (res.problem() != null) {
      findings.add(res.problem(), where, s);
    }
  }

  /**
   * Reads until the server closes, {@link #QUIET_MILLIS} pass without a byte, {@code maxMillis}
   * pass, or {@link #MAX_READ} bytes came; with {@code head}, only until the end of a response
   * head.
   */
  private static void readFor(
      InputStream in, ByteArrayOutputStream got, long maxMillis, boolean head) throws IOException {
    readFor(in, got, maxMillis, head, QUIET_MILLIS);
  }

  /** As above, waiting up to {@code firstByteMillis} for something to come at all. */
  private static void readFor(
      InputStream in, ByteArrayOutputStream got, long maxMillis, boolean head, long firstByteMillis)
      throws IOException {
    long start = System.currentTimeMillis();
    long deadline = start + maxMillis;
    int before = got.size();
    byte[] buf = new byte[16384];
    while (got.size() < MAX_READ) {
      int n;
      try {
        n = head ? in.read(buf, 0, 1) : in.read(buf);
      } catch (SocketTimeoutException e) {
        long now = System.currentTimeMillis();
        if (head && now < deadline || got.size() == before && now < start + firstByteMillis) {
          continue;
        }
        return;
      }
      if (n < 0) {
        return;
      }
      got.write(buf, 0, n);
      if (head && got.size() >= 4 && endsWithBlankLine(got)) {
        return;
      }
      if (!head && System.currentTimeMillis() > deadline) {
        return;
      }
    }
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream got) {
    byte[] b = got.toByteArray();
    int n = b.length;
    return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
