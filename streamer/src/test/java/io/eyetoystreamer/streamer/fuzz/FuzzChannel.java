package io.eyetoystreamer.streamer.fuzz;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * An {@link EmbeddedChannel} that plays one client connection for the in-process fuzzer:
 *
 * <ul>
 *   <li>its event loop is the shared {@link FuzzLoop}, so writes from the server's other threads
 *       are queued for the fuzzer's thread instead of running the pipeline concurrently (write,
 *       flush and read called from another thread are handed over here too, because
 *       EmbeddedChannel's own versions run its task queue on the calling thread);
 *   <li>a peer address like a real client's ({@code 127.x.y.z:port}), for code that keys on it;
 *   <li>a client that can stop reading ({@link #stalled}): written data then stays in the channel's
 *       outbound buffer, as with a full socket, the channel turns unwritable at its water mark and
 *       the fuzzer measures how much the server queues;
 *   <li>it notes when the server asks for a read while auto-read is off, so the fuzzer delivers
 *       bytes only when a real socket would.
 * </ul>
 */
final class FuzzChannel extends EmbeddedChannel {
  private final FuzzLoop loop;
  private final InetSocketAddress remote;

  /** The client reads nothing: everything the server writes stays queued. */
  boolean stalled;

  /** The server called {@code read()} since the fuzzer last delivered bytes. */
  boolean readRequested;

  FuzzChannel(FuzzLoop loop, InetSocketAddress remote, ByteBufAllocator alloc) throws Exception {
    super(DefaultChannelId.newInstance(), false, false);
    this.loop = loop;
    this.remote = remote;
    config().setAllocator(alloc);
    register();
  }

  @Override
  public EventLoop eventLoop() {
    // Null only while EmbeddedChannel's constructor runs, before this one sets the field.
    return loop != null ? loop : super.eventLoop();
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return isActive() ? remote : null;
  }

  @Override
  protected SocketAddress localAddress0() {
    return isActive() ? new InetSocketAddress("127.0.0.1", 8080) : null;
  }

  @Override
  protected void doBeginRead() {
    readRequested = true;
  }

  @Override
  protected void doWrite(ChannelOutboundBuffer in) throws Exception {
    if (!stalled) {
      super.doWrite(in);
    }
  }

  /** Bytes the server has written that the client has not taken. */
  long pendingBytes() {
    ChannelOutboundBuffer b = unsafe().outboundBuffer();
    return b == null ? 0 : b.totalPendingWriteBytes();
  }

  /** The client reads again: what was queued is delivered. */
  void unstall() {
    stalled = false;
    if (isOpen()) {
      unsafe().flush();
    }
  }

  private boolean foreign() {
    return loop != null && !loop.inEventLoop();
  }

  @Override
  public ChannelFuture write(Object msg) {
    return write(msg, newPromise());
  }

  @Override
  public ChannelFuture write(Object msg, ChannelPromise promise) {
    if (foreign()) {
      loop.execute(() -> FuzzChannel.super.write(msg, promise));
      return promise;
    }
    return super.write(msg, promise);
  }

  @Override
  public ChannelFuture writeAndFlush(Object msg) {
    return writeAndFlush(msg, newPromise());
  }

  @Override
  public ChannelFuture writeAndFlush(Object msg, ChannelPromise promise) {
    if (foreign()) {
      loop.execute(() -> FuzzChannel.super.writeAndFlush(msg, promise));
      return promise;
    }
    return super.writeAndFlush(msg, promise);
  }

  @Override
  public Channel flush() {
    if (foreign()) {
      loop.execute(FuzzChannel.super::flush);
      return this;
    }
    return super.flush();
  }

  @Override
  public Channel read() {
    if (foreign()) {
      loop.execute(FuzzChannel.super::read);
      return this;
    }
    return super.read();
  }
}
