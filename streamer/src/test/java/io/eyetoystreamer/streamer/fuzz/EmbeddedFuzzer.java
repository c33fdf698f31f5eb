package io.eyetoystreamer.streamer.fuzz;

import io.eyetoystreamer.streamer.http.HttpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs fuzz inputs in-process, each on a new {@link FuzzChannel} carrying exactly the pipeline a
 * real connection gets ({@link HttpServer#initChannel}), of a running server (its fan-out, JPEG
 * stage and viewer registry are live: a fuzzed viewer receives real frames).
 *
 * <p>Threads: the fuzzer's thread owns the {@link FuzzLoop}; whatever the server's other threads do
 * to these channels is queued and run here between reads (see FuzzLoop). Inputs that reach the
 * snapshot and controls routes would each cost another thread milliseconds and pile up on it at
 * this rate; generated ones are left to the TCP phase (counted as deferred), and the corpus's run
 * here with the fuzzer waiting, after each read, until the server's other threads have been quiet
 * for 200 ms (their answers then come in through the loop like any other).
 *
 * <p>The oracles, per input: no exception reaches the end of the pipeline or escapes a task, none
 * is logged by the server unless it is a protocol error ({@link Findings}); the bytes sent are
 * well-formed ({@link WireCheck}), and a {@code Connection: close} response is followed by the
 * close; a client that reads nothing never has more than {@link #MAX_QUEUED} bytes queued for it;
 * when the connection has closed, every input buffer was released and the channel's pooled
 * allocator (one of its own, without thread caches) has no buffer left allocated; a valid WebSocket
 * handshake is always answered 101 (a leaked viewer slot shows as a 503); a connection the server
 * closes after a complete request head has had an answer; a connection that is neither a viewer nor
 * a stream is closed by the server after ten idle (virtual) minutes ({@code
 * -Dfuzz.strictIdle=false} only counts those).
 */
final class EmbeddedFuzzer {
  /** Bytes a non-reading client may have queued: a frame, a read's worth of answers, the mark. */
  static final long MAX_QUEUED = Long.getLong("fuzz.maxQueuedBytes", 2L << 20);

  private static final int READ_SIZE = 64 * 1024;
  private static final boolean STRICT_IDLE =
      Boolean.parseBoolean(System.getProperty("fuzz.strictIdle", "true"));
  private static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");

  private final java.util.function.Function<Boolean, HttpServer> server;
  private final FuzzLoop loop;
  private final Findings findings;
  private final PooledByteBufAllocator alloc =
      new PooledByteBufAllocator(true, 1, 1, 8192, 9, 0, 0, false);
  private long allocatedBaseline;
  private int port = 1024;

  long run;
  long deferred;
  long upgraded;
  long openAfterIdle;
  long refusedUpgrades;
  long maxQueued;
  final long[] cpuNanos = new long[3];
  final long[] byKind = new long[3];
  private final java.lang.management.ThreadMXBean threads =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * @param server the server to run a script on: with credentials ({@code true}: {@code ! auth}
   *     scripts) or without
   */
  EmbeddedFuzzer(
      java.util.function.Function<Boolean, HttpServer> server, FuzzLoop loop, Findings findings) {
    this.server = server;
    this.loop = loop;
    this.findings = findings;
  }

  /** CPU time per input by kind, for the summary. */
  String cpuSummary() {
    String[] names = {"HTTP", "WebSocket", "over 64 KiB"};
    StringBuilder b = new StringBuilder("CPU per input:");
    long total = 0;
    long n = 0;
    for (int k = 0; k < 3; k++) {
      total += cpuNanos[k];
      n += byKind[k];
      if (byKind[k] > 0) {
        b.append(
            String.format(
                " %s %.1f us (%,d),", names[k], cpuNanos[k] / 1e3 / byKind[k], byKind[k]));
      }
    }
    return b.append(String.format(" i.e. %,.0f inputs per CPU second", n / (total / 1e9)))
        .toString();
  }

  /** Whether this phase leaves {@code s} to the TCP phase. */
  static boolean deferred(Script s) {
    return s.hasSnapshot();
  }

  /**
   * Runs one input.
   *
   * @return false if a valid WebSocket handshake was refused (the server's viewer slots are gone:
   *     the caller restarts it)
   */
  boolean run(Script s, String where) {
    return run(s, where, false);
  }

  /**
   * Runs one input; with {@code settle}, also one that reaches the snapshot thread: after each read
   * the fuzzer waits (in real time) until the server's other threads have been quiet for a while,
   * so their answers are part of this input's (used for the corpus, not the bulk).
   */
  boolean run(Script s, String where, boolean settle) {
    if (deferred(s) && !settle) {
      deferred++;
      return true;
    }
    this.settle = settle && deferred(s);
    run++;
    long cpu0 = threads.getCurrentThreadCpuTime();
    int kind = s.length() > 65536 ? 2 : s.wsPath != null ? 1 : 0;
    List<ByteBuf> inputs = new ArrayList<>();
    List<ByteBuf> outputs = new ArrayList<>();
    boolean ok = true;
    FuzzChannel ch = null;
    try {
      ch = new FuzzChannel(loop, nextAddress(), alloc);
      server.apply(s.auth).initChannel(ch);
      pump(ch, outputs, s, where);
      if (s.wsPath != null) {
        deliver(ch, Generator.upgradeRequest(s.wsPath, s.auth), inputs, outputs, s, where);
        String status = statusLine(outputs);
        if (!status.startsWith("HTTP/1.1 101")) {
          refusedUpgrades++;
          findings.add(
              "upgrade-refused: a valid handshake to " + s.wsPath + " got " + status, where, s);
          ok = false;
        } else {
          upgraded++;
        }
      }
      ch.stalled = s.stalled;
      long queued = 0;
      int delivered = 0;
      steps:
      for (Script.Step step : s.steps) {
        if (step.bytes() == null) {
          loop.advance(step.pauseMillis());
          pump(ch, outputs, s, where);
          continue;
        }
        byte[] b = step.bytes();
        for (int off = 0; off < b.length; off += READ_SIZE) {
          if (!ch.isOpen()) {
            break steps;
          }
          if (!ch.config().isAutoRead() && !ch.readRequested) {
            // The server stopped reading: a real client's writes would block here.
            break steps;
          }
          ByteBuf in = Unpooled.wrappedBuffer(b, off, Math.min(READ_SIZE, b.length - off));
          inputs.add(in);
          ch.readRequested = false;
          delivered += in.readableBytes();
          ch.pipeline().fireChannelRead(in);
          ch.pipeline().fireChannelReadComplete();
          pump(ch, outputs, s, where);
          queued = Math.max(queued, ch.pendingBytes());
        }
      }
      maxQueued = Math.max(maxQueued, queued);
      if (queued > MAX_QUEUED) {
        findings.add(
            "queue: "
                + queued
                + " bytes queued for a client that reads nothing (bound "
                + MAX_QUEUED
                + ")",
            where,
            s);
      }
      if (ch.stalled) {
        ch.unstall();
        pump(ch, outputs, s, where);
      }
      WireCheck.Result wire = check(outputs, s, where, false);
      int checkedOutputs = outputs.size();
      long checkedBytes = bytes(outputs);
      if (!ch.isOpen()
          && wire.responses() == 0
          && s.wsPath == null
          && !s.stalled // a client that does not read its answer is closed on, rightly
          && hasHead(s.bytes(), delivered)) {
        findings.add(
            "silent: the server closed the connection without a byte after a complete request head",
            where,
            s);
      }
      if (wire.mustClose() && ch.isOpen()) {
        findings.add(
            "close: a Connection: close response, and the connection stayed open", where, s);
      }
      if (ch.isOpen() && !wire.upgraded() && !wire.streaming()) {
        // The client now idles: an idle or header timeout should end the connection.
        loop.advance(600_000);
        pump(ch, outputs, s, where);
        if (ch.isOpen()) {
          openAfterIdle++;
          if (STRICT_IDLE) {
            findings.add("idle: the connection is still open after 10 idle minutes", where, s);
          }
        }
      }
      ch.close();
      pump(ch, outputs, s, where);
      if (VERBOSE || outputs.size() != checkedOutputs || checkedBytes != bytes(outputs)) {
        check(outputs, s, where, true);
      } else if (wire.problem() != null) {
        findings.add(wire.problem(), where, s); // nothing came since: the same verdict
      }
      try {
        ch.checkException();
      } catch (Exception e) { // what reached the end of the pipeline
        if (!Findings.expected(e)) {
          findings.add(
              "exception: "
                  + Findings.describe(e)
                  + " reached the end of the pipeline\n"
                  + Findings.stack(e),
              where,
              s);
        }
      }
    } catch (RuntimeException e) {
      findings.add(
          "exception: "
              + Findings.describe(e)
              + " thrown to the caller of the pipeline\n"
              + Findings.stack(e),
          where,
          s);
    } catch (Exception e) {
      findings.add("harness: " + e, where, s);
    } finally {
      if (ch != null && ch.isOpen()) {
        ch.close();
      }
      loop.runAll();
      for (ByteBuf b : outputs) {
        ReferenceCountUtil.release(b);
      }
      if (ch != null) {
        ch.releaseOutbound();
        ch.releaseInbound();
      }
      for (ByteBuf in : inputs) {
        if (in.refCnt() > 0) {
          findings.add("leak: an input buffer still held after the connection closed", where, s);
          in.release(in.refCnt());
        }
      }
      long active = allocated();
      if (active > allocatedBaseline) {
        findings.add(
            "leak: "
                + (active - allocatedBaseline)
                + " pooled buffers still allocated after the connection closed",
            where,
            s);
      }
      allocatedBaseline = active;
      for (RuntimeException e : loop.taskFailures()) {
        findings.add(
            "exception: " + Findings.describe(e) + " escaped a task\n" + Findings.stack(e),
            where,
            s);
      }
      loop.taskFailures().clear();
      findings.drainLog(where, s);
      cpuNanos[kind] += threads.getCurrentThreadCpuTime() - cpu0;
      byKind[kind]++;
    }
    return ok;
  }

  private WireCheck.Result check(List<ByteBuf> outputs, Script s, String where, boolean report) {
    long total = bytes(outputs);
    ByteBuf all;
    if (total <= 65536) { // one array: the checker reads byte by byte
      byte[] copy = new byte[(int) total];
      int at = 0;
      for (ByteBuf b : outputs) {
        b.getBytes(b.readerIndex(), copy, at, b.readableBytes());
        at += b.readableBytes();
      }
      all = Unpooled.wrappedBuffer(copy);
    } else {
      all =
          Unpooled.wrappedBuffer(
              outputs.stream().map(ByteBuf::retainedDuplicate).toArray(ByteBuf[]::new));
    }
    try {
      WireCheck.Result r = WireCheck.check(all, s.hasHead(), false);
      if (VERBOSE && report) {
        System.out.println(
            "[fuzz] "
                + where
                + ": the server sent "
                + all.readableBytes()
                + " bytes: "
                + WireCheck.printable(
                    all.toString(
                        0, Math.min(all.readableBytes(), 3000), StandardCharsets.ISO_8859_1))
                + "\n[fuzz] verdict: "
                + r);
      }
      if (report && r.problem() != null) {
        findings.add(r.problem(), where, s);
      }
      return r;
    } finally {
      all.release();
    }
  }

  private void deliver(
      FuzzChannel ch,
      byte[] b,
      List<ByteBuf> inputs,
      List<ByteBuf> outputs,
      Script s,
      String where) {
    ByteBuf in = Unpooled.wrappedBuffer(b);
    inputs.add(in);
    ch.readRequested = false;
    ch.pipeline().fireChannelRead(in);
    ch.pipeline().fireChannelReadComplete();
    pump(ch, outputs, s, where);
  }

  private static long bytes(List<ByteBuf> outputs) {
    long total = 0;
    for (ByteBuf b : outputs) {
      total += b.readableBytes();
    }
    return total;
  }

  private boolean settle;

  /**
   * Runs what is due and takes what the server wrote (with {@link #settle}, until all is quiet).
   */
  private void pump(FuzzChannel ch, List<ByteBuf> outputs, Script s, String where) {
    pump0(ch, outputs, s, where);
    if (!settle) {
      return;
    }
    long start = System.nanoTime();
    long quietSince = Long.MAX_VALUE; // from the first answer of another thread on
    long deadline = start + 3_000_000_000L;
    long seen = loop.foreignTasks();
    while (System.nanoTime() - Math.min(quietSince, System.nanoTime()) < 200_000_000L
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (loop.foreignTasks() != seen) {
        seen = loop.foreignTasks();
        quietSince = System.nanoTime();
      }
      pump0(ch, outputs, s, where);
    }
  }

  private void pump0(FuzzChannel ch, List<ByteBuf> outputs, Script s, String where) {
    for (int i = 0; i < 1000; i++) {
      int n = loop.runAll();
      ch.runPendingTasks();
      Object o;
      while ((o = ch.readOutbound()) != null) {
        if (o instanceof ByteBuf) {
          outputs.add((ByteBuf) o);
        } else {
          findings.add("encoding: a " + o.getClass().getName() + " reached the socket", where, s);
          ReferenceCountUtil.release(o);
        }
      }
      while ((o = ch.readInbound()) != null) {
        ReferenceCountUtil.release(o); // read by no handler: a real pipeline's tail drops it too
      }
      if (n == 0) {
        return;
      }
    }
  }

  /**
   * Whether the first {@code n} bytes of {@code b} hold the end of a request head (a blank line).
   */
  private static boolean hasHead(byte[] b, int n) {
    for (int i = 1; i < n; i++) {
      if (b[i] == '\n' && (b[i - 1] == '\n' || i > 2 && b[i - 1] == '\r' && b[i - 2] == '\n')) {
        return true;
      }
    }
    return false;
  }

  private static String statusLine(List<ByteBuf> outputs) {
    if (outputs.isEmpty()) {
      return "no answer";
    }
    ByteBuf first = outputs.get(0);
    String head =
        first.toString(
            first.readerIndex(), Math.min(first.readableBytes(), 80), StandardCharsets.ISO_8859_1);
    int eol = head.indexOf('\r');
    return eol >= 0 ? head.substring(0, eol) : head;
  }

  private long allocated() {
    long n = 0;
    for (PoolArenaMetric a : alloc.metric().directArenas()) {
      n += a.numActiveAllocations();
    }
    for (PoolArenaMetric a : alloc.metric().heapArenas()) {
      n += a.numActiveAllocations();
    }
    return n;
  }

  private InetSocketAddress nextAddress() throws UnknownHostException {
    port = port == 65535 ? 1024 : port + 1;
    byte[] a = {127, 0, (byte) (port >> 8), (byte) port};
    return new InetSocketAddress(InetAddress.getByAddress(a), port);
  }
}
