package io.eyetoystreamer.streamer.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Bounds what one HTTP connection can hold, from accept until it becomes a viewer (then the
 * viewer's own limits take over and this handler leaves the pipeline):
 *
 * <ul>
 *   <li>one request is answered at a time: while a response is on its way, reading stops, and
 *       requests already decoded wait here (at most {@link #MAX_WAITING}; more closes the
 *       connection). So a client that pipelines requests and reads nothing holds one response.
 *   <li>a request must arrive whole within the request timeout of connecting or of the previous
 *       answer (a header byte a second does not keep a connection), else 408 and close;
 *   <li>a response the client does not take within the stall limit closes the connection;
 *   <li>while waiting for a request, the connection may be closed to make room for a newcomer
 *       ({@link ConnectionLimiter}).
 * </ul>
 *
 * <p>One instance per channel; every method runs on the channel's event loop except {@link
 * #evict()}.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
  private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

  /**
   * Pipelined requests held while one is answered; a client sending more is closed. Browsers do not
   * pipeline; each held request may hold up to 8 KB of headers and a small body, on every
   * connection, so the queue is kept short.
   */
  static final int MAX_WAITING = 2;

  private final ConnectionLimiter limiter;
  private final long requestTimeoutNanos;
  private final long responseTimeoutNanos;
  private final Rejections rejections;
  private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private boolean answering;
  private boolean heardSinceAnswer;
  private boolean lastAnswer;

  ConnectionGuard(
      ConnectionLimiter limiter,
      long requestTimeoutNanos,
      long responseTimeoutNanos,
      Rejections rejections) {
    this.limiter = limiter;
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.responseTimeoutNanos = responseTimeoutNanos;
    this.rejections = rejections;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    awaitRequest();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
    limiter.busy(this);
    while (!pipelined.isEmpty()) {
      ReferenceCountUtil.release(pipelined.poll());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    handlerRemoved(ctx);
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (answering) {
      if (pipelined.size() >= MAX_WAITING) {
        ReferenceCountUtil.release(msg);
        rejections.badRequest.increment();
        LOG.fine(() -> "closing " + ctx.channel().remoteAddress() + ": pipelined too deep");
        ctx.close();
        return;
      }
      pipelined.add((FullHttpRequest) msg);
      return;
    }
    answer((FullHttpRequest) msg);
  }

  private void answer(FullHttpRequest request) {
    answering = true;
    heardSinceAnswer = false;
    limiter.busy(this);
    ctx.channel().config().setAutoRead(false);
    // Until the response is written, the time to produce it; then the time to send it.
    schedule(requestTimeoutNanos + responseTimeoutNanos);
    ctx.fireChannelRead(request);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!answering) {
      heardSinceAnswer = true; // part of the next request arrived
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse && !HttpUtil.isKeepAlive((HttpResponse) msg)) {
      lastAnswer = true; // Connection: close: nothing may follow it, pipelined requests included
    }
    if (answering && msg instanceof LastHttpContent) {
      promise = promise.unvoid();
      promise.addListener(f -> answered());
      schedule(responseTimeoutNanos);
    }
    ctx.write(msg, promise);
  }

  /** The response is written (or failed, and the channel is closing): on to the next request. */
  private void answered() {
    if (!answering || lastAnswer || ctx.isRemoved() || !ctx.channel().isActive()) {
      return;
    }
    answering = false;
    FullHttpRequest next = pipelined.poll();
    if (next != null) {
      answer(next);
      return;
    }
    ctx.channel().config().setAutoRead(true);
    awaitRequest();
  }

  private void awaitRequest() {
    if (ctx.channel().isOpen()) {
      limiter.waiting(this);
      schedule(requestTimeoutNanos);
    }
  }

  private void schedule(long nanos) {
    cancelTimer();
    timer = ctx.executor().schedule(this::timedOut, nanos, TimeUnit.NANOSECONDS);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void timedOut() {
    timer = null;
    if (ctx.isRemoved()) {
      return;
    }
    rejections.timeout.increment();
    if (answering) {
      LOG.fine(() -> "closing " + ctx.channel().remoteAddress() + ": it does not read its answer");
      ctx.close();
    } else if (heardSinceAnswer) {
      Responses.closing(
          ctx,
          null,
          HttpResponseStatus.REQUEST_TIMEOUT,
          "request timeout: a request must arrive whole within "
              + TimeUnit.NANOSECONDS.toSeconds(requestTimeoutNanos)
              + " s",
          null,
          null);
    } else {
      ctx.close(); // an idle keep-alive connection: closed without a word, as browsers expect
    }
  }

  /**
   * Takes the guard out of a connection that becomes a viewer (its own limits take over), reading
   * on again. On the channel's event loop.
   */
  static void leave(ChannelPipeline pipeline) {
    if (pipeline.get(ConnectionGuard.class) != null) {
      pipeline.remove(ConnectionGuard.class);
    }
    pipeline.channel().config().setAutoRead(true);
  }

  /** Closes the connection to make room for another; any thread. */
  void evict() {
    ctx.channel().close();
  }
}
