package io.eyetoystreamer.jmh.fanout;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.streamer.Streamer;
import io.eyetoystreamer.streamer.StreamerConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The real fan-out path, measured for allocation: one operation is one frame, published into a
 * shared area and delivered whole to every one of N WebSocket viewers by the real streamer.
 *
 * <p>The streamer runs in the benchmark's JVM through its public API ({@code Streamer.start} with
 * {@code serve --area}, no camera): its fan-out thread wakes on the area, copies the frame into a
 * pooled buffer and hands it to its event loops, which write it to their viewers: the same code and
 * pipeline as in production. The viewers are {@link ViewerConnection}s (the load tool's parser, no
 * allocation per message) on loopback in the same JVM; the benchmark thread writes the frame into
 * the area (allocation-free) and sleeps until every viewer has read it whole.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is then every byte the whole JVM
 * allocated per frame (the streamer, the viewers and the benchmark thread, which JDK 17 counts
 * together), an upper bound of what the fan-out path allocates. At the end of the trial the
 * benchmark also prints the bytes per frame of each group of threads in the measurement iterations
 * (the streamer's {@code fanout} thread, its event loops, the viewers' event loops, the rest), from
 * the JVM's per-thread allocation counters (read without allocating), so that anything above zero
 * can be placed.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar FanoutAllocationBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Dio.netty.leakDetection.level=disabled"})
public class FanoutAllocationBenchmark {
  /** How long one frame may take to reach every viewer before the benchmark gives up. */
  private static final long FRAME_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final String VIEWER_THREADS = "viewer";
  private static final String SERVER_LOOP_THREADS = "multiThreadIoEventLoopGroup";
  private static final String FANOUT_THREAD = "fanout";
  private static final String[] GROUPS = {"fanout", "server-loops", "viewers", "other"};

  /** WebSocket viewers of {@code /ws}. */
  @Param({"1", "10"})
  public int viewers;

  private Path areaFile;
  private FrameArea area;
  private AreaWriter writer;
  private Streamer streamer;
  private EventLoopGroup clients;
  private final List<Channel> channels = new ArrayList<>();
  private final List<ViewerConnection> opened = new ArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Thread waiter;
  private volatile long awaited;
  private long timeouts;
  private long framesInIteration;
  private long measuredFrames;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long[] threadIds;
  private int[] threadGroups;
  private long[] threadBytesAtStart;
  private long[] threadBytesAtEnd;
  private final long[] groupBytes = new long[GROUPS.length];

  /** Creates the area, starts the streamer on it, and connects the viewers. */
  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    areaFile = Files.createTempFile(Path.of(shmOrTmp()), "fanout-alloc-", ".area");
    Files.delete(areaFile);
    area = FrameArea.createFile(areaFile, AreaGeometry.yuyv(FrameHeader.WIDTH, FrameHeader.HEIGHT));
    writer = area.writer();
    for (int i = 0; i < area.geometry().slotCount() + 1; i++) {
      publish(); // draws every slot whole once; later frames only restamp
    }
    StreamerConfig config =
        StreamerConfig.parse(
            "serve",
            "--area",
            areaFile.toString(),
            "--port",
            "0",
            "--max-viewers",
            Integer.toString(viewers + 4));
    streamer = Streamer.start(config, null, path -> Optional.empty());
    boolean epoll = Epoll.isAvailable();
    clients =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory(VIEWER_THREADS, true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Bootstrap b =
        new Bootstrap()
            .group(clients)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            // Pooled, as the streamer's: Netty 4.2's default (adaptive) allocator takes receive
            // buffers this large unpooled, a new direct ByteBuffer per read.
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(
                ChannelOption.RECVBUF_ALLOCATOR,
                new AdaptiveRecvByteBufAllocator(4096, 65536, 256 * 1024));
    InetAddress loopback = InetAddress.getLoopbackAddress();
    int port = streamer.address().getPort();
    String hostPort = loopback.getHostAddress() + ":" + port;
    MeasurementWindow window = new MeasurementWindow();
    window.open();
    for (int i = 0; i < viewers; i++) {
      ViewerConnection v = new ViewerConnection(hostPort, FanoutLoad.Protocol.WS, "/ws", window);
      v.onFrame(this::delivered);
      channels.add(b.clone().handler(v).connect(loopback, port).sync().channel());
      opened.add(v);
    }
    for (ViewerConnection v : opened) {
      try {
        v.open().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("a viewer did not open: " + e, e);
      }
    }
    // Wait until the streamer fans out to all of them (a viewer joins after its handshake).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (frame() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    timeouts = 0;
    groupThreads();
  }

  /** Called by a viewer's event loop for every whole frame it reads. */
  private void delivered(long sequence) {
    if (sequence == awaited && pending.decrementAndGet() == 0) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * One frame: written into the area, fanned out by the streamer, read whole by every viewer.
   *
   * @return viewers that had not read the frame within the timeout (0 normally)
   */
  @Benchmark
  public int frame() {
    waiter = Thread.currentThread();
    pending.set(viewers);
    awaited = writer.lastSequence() + 1;
    publish();
    long deadline = System.nanoTime() + FRAME_TIMEOUT_NANOS;
    int left;
    while ((left = pending.get()) > 0) {
      if (System.nanoTime() - deadline > 0) {
        timeouts++;
        System.out.println(
            "\nframe "
                + awaited
                + " did not reach "
                + left
                + " of "
                + viewers
                + " viewer(s) in 5 s; the viewers last read "
                + opened.stream().map(v -> Long.toString(v.lastSequence())).toList()
                + "; the streamer: "
                + metrics());
        break;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
    }
    framesInIteration++;
    return left;
  }

  /** The streamer's {@code /metrics}, for a diagnosis. */
  private String metrics() {
    try {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(streamer.url() + "metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.body().lines().filter(l -> !l.startsWith("#")).toList().toString();
    } catch (IOException | InterruptedException e) {
      return "(no /metrics: " + e + ")";
    }
  }

  private void publish() {
    ByteBuffer slot = writer.claim();
    long n = writer.lastSequence();
    if (n < area.geometry().slotCount() + 1) {
      TestPattern.draw(slot, 0, n);
    } else {
      TestPattern.stamp(slot, 0, n);
    }
    writer.commit(FrameHeader.FRAME_BYTES, System.nanoTime());
  }

  /** Notes each thread's allocation counter before an iteration. Allocates nothing. */
  @Setup(Level.Iteration)
  public void beforeIteration() {
    framesInIteration = 0;
    read(threadBytesAtStart);
  }

  /** Adds the measurement iteration just ended to each thread group's total. */
  @TearDown(Level.Iteration)
  public void afterIteration(IterationParams iteration) {
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    read(threadBytesAtEnd);
    for (int i = 0; i < threadIds.length; i++) {
      groupBytes[threadGroups[i]] += threadBytesAtEnd[i] - threadBytesAtStart[i];
    }
    measuredFrames += framesInIteration;
  }

  private void read(long[] into) {
    for (int i = 0; i < threadIds.length; i++) {
      into[i] = Math.max(0, threads.getThreadAllocatedBytes(threadIds[i]));
    }
  }

  /**
   * Sorts the live threads into groups: the streamer's fan-out thread, its event loops, the
   * viewers' event loops, and every other thread (the benchmark's own among them).
   */
  private void groupThreads() {
    List<Long> ids = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      ids.add(t.getId());
      groups.add(
          name.equals(FANOUT_THREAD)
              ? 0
              : name.startsWith(SERVER_LOOP_THREADS) ? 1 : name.startsWith(VIEWER_THREADS) ? 2 : 3);
    }
    threadIds = ids.stream().mapToLong(Long::longValue).toArray();
    threadGroups = groups.stream().mapToInt(Integer::intValue).toArray();
    threadBytesAtStart = new long[threadIds.length];
    threadBytesAtEnd = new long[threadIds.length];
  }

  /** Prints the thread groups' bytes per frame, stops everything and removes the area file. */
  @TearDown(Level.Trial)
  public void stop() throws IOException, InterruptedException {
    StringBuilder sb =
        new StringBuilder("\nbytes allocated per frame in the measurement iterations, by thread:");
    for (int g = 0; g < GROUPS.length; g++) {
      sb.append(
          String.format(
              Locale.ROOT,
              " %s %.2f;",
              GROUPS[g],
              measuredFrames == 0 ? 0.0 : groupBytes[g] / (double) measuredFrames));
    }
    sb.append(" over ").append(measuredFrames).append(" frames; ");
    sb.append(timeouts).append(" frame(s) timed out");
    System.out.println(sb);
    for (Channel c : channels) {
      c.close();
    }
    clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    streamer.close();
    writer.close();
    area.close();
    Files.deleteIfExists(areaFile);
  }

  private static String shmOrTmp() {
    return Files.isDirectory(Path.of("/dev/shm"))
        ? "/dev/shm"
        : System.getProperty("java.io.tmpdir");
  }
}
