package io.eyetoystreamer.jmh.fanout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limit the streamer is measured against: the simplest program that sends the same 614400-byte
 * frame to N TCP clients at 30 fps. One thread, one selector, non-blocking sockets; one direct
 * buffer holds the frame, drawn once; each client has a 36-byte header (the raw-mode length and the
 * 32-byte header of {@link FrameHeader}, with the sequence and the capture time {@link
 * System#nanoTime()} stamped at each tick) and a duplicate of the frame buffer, both sent with one
 * gathering write. No WebSocket, no shared area, no capture, no allocation per frame.
 *
 * <p>A client still taking the previous frame when the next tick comes skips the new one (as the
 * streamer's viewers do), so a slow client holds back nobody.
 *
 * <pre>
 * java -Xmx48m -cp jmh/target/benchmarks.jar io.eyetoystreamer.jmh.fanout.RawBaselineServer \
 *     --port 8090 [--fps 30] [--bind 127.0.0.1] [--max-seconds 3600]
 * </pre>
 */
public final class RawBaselineServer implements AutoCloseable {
  private static final int PREFIXED_HEADER = FrameHeader.RAW_PREFIX_BYTES + FrameHeader.BYTES;

  private final ServerSocketChannel server;
  private final Selector selector;
  private final long periodNanos;
  private final ByteBuffer frame;
  private final ByteBuffer header;
  private final List<Client> clients = new ArrayList<>();
  private final Thread thread;
  private final AtomicLong framesSent = new AtomicLong();
  private final AtomicLong framesSkipped = new AtomicLong();
  private volatile boolean running = true;
  private long sequence;

  /** One client and its progress through the current frame. */
  private static final class Client {
    final SocketChannel channel;
    final SelectionKey key;
    final ByteBuffer header = ByteBuffer.allocateDirect(PREFIXED_HEADER);
    final ByteBuffer body;
    final ByteBuffer[] parts;
    boolean pending;

    Client(SocketChannel channel, SelectionKey key, ByteBuffer frame) {
      this.channel = channel;
      this.key = key;
      this.body = frame.duplicate();
      this.parts = new ByteBuffer[] {header, body};
    }
  }

  private RawBaselineServer(InetSocketAddress bind, int fps) throws IOException {
    this.periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
    this.frame = ByteBuffer.allocateDirect(FrameHeader.FRAME_BYTES);
    TestPattern.draw(frame, 0, 0);
    this.header = ByteBuffer.allocateDirect(PREFIXED_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0, FrameHeader.BYTES + FrameHeader.FRAME_BYTES);
    this.selector = Selector.open();
    this.server = ServerSocketChannel.open();
    server.bind(bind, 256);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = new Thread(this::run, "baseline");
  }

  /**
   * Listens on {@code bind}:{@code port} (0 picks a free port) and sends {@code fps} frames per
   * second to every client, from a thread of its own.
   */
  public static RawBaselineServer start(InetAddress bind, int port, int fps) throws IOException {
    if (fps <= 0) {
      throw new IllegalArgumentException("fps must be positive, got " + fps);
    }
    RawBaselineServer s = new RawBaselineServer(new InetSocketAddress(bind, port), fps);
    s.thread.start();
    return s;
  }

  /** The port listened on. */
  public int port() {
    return server.socket().getLocalPort();
  }

  /** Frames written whole to a client, all clients together. */
  public long framesSent() {
    return framesSent.get();
  }

  /** Frames clients skipped because they were still taking the one before. */
  public long framesSkipped() {
    return framesSkipped.get();
  }

  private void run() {
    long next = System.nanoTime();
    try {
      while (running) {
        long now = System.nanoTime();
        if (now - next >= 0) {
          tick(now);
          next += periodNanos;
          if (now - next > periodNanos) {
            next = now + periodNanos; // fell far behind: do not burst to catch up
          }
        }
        long wait = next - System.nanoTime();
        if (wait > 0) {
          selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        } else {
          selector.selectNow();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else if (key.isWritable()) {
            write((Client) key.attachment());
          }
        }
      }
    } catch (IOException e) {
      System.err.println("RawBaselineServer: " + e);
    }
  }

  private void accept() throws IOException {
    SocketChannel ch;
    while ((ch = server.accept()) != null) {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = ch.register(selector, 0);
      Client c = new Client(ch, key, frame);
      key.attach(c);
      clients.add(c);
    }
  }

  private void tick(long now) {
    sequence++;
    FrameHeader.write(header, FrameHeader.RAW_PREFIX_BYTES, sequence, now);
    for (int i = 0; i < clients.size(); i++) {
      Client c = clients.get(i);
      if (c.pending) {
        framesSkipped.incrementAndGet();
        continue;
      }
      c.header.clear();
      c.header.put(0, header, 0, PREFIXED_HEADER);
      c.body.clear();
      c.pending = true;
      write(c);
    }
    clients.removeIf(c -> !c.channel.isOpen());
  }

  private void write(Client c) {
    try {
      c.channel.write(c.parts);
      if (c.body.hasRemaining()) {
        if (c.key.interestOps() == 0) {
          c.key.interestOps(SelectionKey.OP_WRITE);
        }
        return;
      }
      c.pending = false;
      if (c.key.interestOps() != 0) {
        c.key.interestOps(0);
      }
      framesSent.incrementAndGet();
    } catch (IOException e) {
      // The client went away.
      c.key.cancel();
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // Closing a broken socket.
      }
    }
  }

  /** Stops sending and closes every connection. */
  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    selector.wakeup();
    thread.join(TimeUnit.SECONDS.toMillis(5));
    for (Client c : clients) {
      c.channel.close();
    }
    server.close();
    selector.close();
  }

  /** Serves until killed (or {@code --max-seconds}). */
  public static void main(String[] args) throws Exception {
    String bind = "127.0.0.1";
    int port = 8090;
    int fps = 30;
    long maxSeconds = 3600;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--bind":
          bind = args[i + 1];
          break;
        case "--port":
          port = Integer.parseInt(args[i + 1]);
          break;
        case "--fps":
          fps = Integer.parseInt(args[i + 1]);
          break;
        case "--max-seconds":
          maxSeconds = Long.parseLong(args[i + 1]);
          break;
        default:
          System.err.println(
              "usage: RawBaselineServer [--port P] [--fps 30] [--bind 127.0.0.1] [--max-seconds S]");
          System.exit(2);
      }
    }
    RawBaselineServer s = start(InetAddress.getByName(bind), port, fps);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    s.close();
                  } catch (IOException | InterruptedException e) {
                    System.err.println("RawBaselineServer: " + e);
                  }
                },
                "shutdown"));
    System.out.println(
        "RawBaselineServer: listening on " + bind + ":" + s.port() + " at " + fps + " fps");
    Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
    System.exit(0);
  }
}
