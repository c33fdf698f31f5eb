package io.eyetoystreamer.streamer.fuzz;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Ticker;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One hand-driven event loop that every {@link FuzzChannel} reports as its {@code eventLoop()}: its
 * thread is the fuzzer's thread and nothing else. Netty's {@code EmbeddedEventLoop} says "in the
 * loop" to every thread and queues tasks in an {@code ArrayDeque}, so the server's own threads (the
 * snapshot thread answering {@code /snapshot*}, the fan-out and JPEG threads handing frames and
 * status messages to viewers) would run pipeline code concurrently with the fuzzer. Here they are
 * not in the loop: their writes, closes and tasks go through a concurrent queue and run on the
 * fuzzer's thread when it {@link #runAll() pumps}, exactly as they would be handed to a real event
 * loop.
 *
 * <p>Time is virtual: scheduled tasks (idle and header timeouts) fire when the fuzzer {@link
 * #advance advances} the clock, so a test of a ten-minute timeout takes no time. One loop serves
 * all channels so that the server's per-loop state (one {@code LoopFanout} per event loop) stays
 * one entry, as with a real server's fixed loops.
 */
final class FuzzLoop extends AbstractScheduledEventExecutor implements EventLoop {
  private final Thread owner;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicLong foreignTasks = new AtomicLong();
  private final List<RuntimeException> taskFailures = new CopyOnWriteArrayList<>();
  private final VirtualTicker ticker = new VirtualTicker();
  private final DefaultPromise<Void> termination =
      new DefaultPromise<>(GlobalEventExecutor.INSTANCE);

  FuzzLoop(Thread owner) {
    this.owner = owner;
  }

  /** Moves the virtual clock on; due scheduled tasks run at the next {@link #runAll()}. */
  void advance(long millis) {
    ticker.now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /**
   * Runs queued tasks and due scheduled tasks until none is left.
   *
   * @return how many ran
   * @throws IllegalStateException if the tasks never stop coming (a task that reschedules itself at
   *     once, forever)
   */
  int runAll() {
    int n = 0;
    while (true) {
      Runnable t = tasks.poll();
      if (t == null) {
        t = pollScheduledTask();
        if (t == null) {
          return n;
        }
      }
      try {
        t.run();
      } catch (RuntimeException e) {
        taskFailures.add(e);
      }
      if (++n > 1_000_000) {
        throw new IllegalStateException("a million tasks without end: a task loop in the server");
      }
    }
  }

  /** Exceptions that escaped a task (Netty's own loop would log and swallow them). */
  List<RuntimeException> taskFailures() {
    return taskFailures;
  }

  /** How many tasks the server's other threads handed to this loop. */
  long foreignTasks() {
    return foreignTasks.get();
  }

  @Override
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public boolean inEventLoop(Thread thread) {
    return thread == owner;
  }

  @Override
  public void execute(Runnable task) {
    if (Thread.currentThread() != owner) {
      foreignTasks.incrementAndGet();
    }
    tasks.add(task);
  }

  @Override
  public EventLoopGroup parent() {
    return null;
  }

  @Override
  public EventLoop next() {
    return this;
  }

  @Override
  public ChannelFuture register(Channel channel) {
    throw new UnsupportedOperationException("FuzzChannel registers with its own embedded loop");
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    throw new UnsupportedOperationException("FuzzChannel registers with its own embedded loop");
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    throw new UnsupportedOperationException("FuzzChannel registers with its own embedded loop");
  }

  @Override
  public boolean isShuttingDown() {
    return false;
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    return termination;
  }

  @Override
  public Future<?> terminationFuture() {
    return termination;
  }

  @Deprecated
  @Override
  public void shutdown() {}

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }

  /** A clock that moves only when told to. */
  private static final class VirtualTicker implements Ticker {
    private final long start = System.nanoTime();
    private volatile long now = start;

    @Override
    public long initialNanoTime() {
      return start;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(long delay, TimeUnit unit) {
      now += unit.toNanos(delay);
    }
  }
}
