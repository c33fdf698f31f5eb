package io.eyetoystreamer.streamer.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * On the listening socket: when accepting fails (typically "Too many open files": the process's
 * open-file limit is below what {@code --max-connections} and the rest of the process need), stops
 * accepting for a second instead of spinning, and says so at most once a minute, with the count,
 * instead of a stack trace per failure. Runs on the acceptor's event loop only.
 */
final class AcceptFailures extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(AcceptFailures.class.getName());
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;
  private long failures;

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    failures++;
    long now = System.nanoTime();
    if (now - lastLogNanos >= LOG_EVERY_NANOS) {
      lastLogNanos = now;
      long count = failures;
      failures = 0;
      LOG.warning(
          () ->
              "cannot accept connections: "
                  + cause.getMessage()
                  + " ("
                  + count
                  + " time"
                  + (count == 1 ? "" : "s")
                  + " in the last minute). Keep --max-connections well below the open-file"
                  + " limit (ulimit -n; LimitNOFILE in the systemd unit).");
    }
    if (ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(false);
      ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), 1, TimeUnit.SECONDS);
    }
  }
}
