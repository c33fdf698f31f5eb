package io.eyetoystreamer.streamer.http;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Slows password guessing: each client address may fail {@link #BURST} logins in a row, then one a
 * second ({@link #REFILL_NANOS}); past that its requests are answered 429 without looking at the
 * credentials (else the answer itself would tell a right guess from a wrong one). A burst of
 * failures is logged once when it starts and once when throttling begins, not per try.
 *
 * <p>Remembers at most {@link #MAX_ADDRESSES} addresses (the least recently seen are forgotten), so
 * a flood from many addresses cannot grow memory. Clients behind one NAT share one allowance.
 * Thread-safe.
 */
final class AuthThrottle {
  private static final Logger LOG = Logger.getLogger(AuthThrottle.class.getName());

  /** Failed logins an address may have in a row before it is throttled. */
  static final int BURST = 5;

  /** One more try is allowed this often once an address has used its burst. */
  static final long REFILL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Addresses remembered at most. */
  static final int MAX_ADDRESSES = 4096;

  /** An address's allowance: tries left, refilled over time. */
  private static final class Allowance {
    double tries = BURST;
    long refilledAt;
    long failuresInBurst;
    boolean throttleLogged;
  }

  private final Map<InetAddress, Allowance> addresses =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Allowance> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  /** Seconds {@code address} must wait before its next try, 0 if it may try now. */
  synchronized long waitSeconds(InetAddress address, long nowNanos) {
    Allowance a = addresses.get(address);
    if (a == null) {
      return 0;
    }
    refill(a, nowNanos);
    if (a.tries >= 1) {
      return 0;
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds((long) ((1 - a.tries) * REFILL_NANOS)) + 1);
  }

  /** Records a wrong or missing password from {@code address}. */
  synchronized void failed(InetAddress address, long nowNanos) {
    Allowance a = addresses.computeIfAbsent(address, k -> new Allowance());
    if (a.refilledAt == 0) {
      a.refilledAt = nowNanos;
    }
    refill(a, nowNanos);
    if (a.tries >= BURST) {
      // A new burst: say so once.
      long before = a.failuresInBurst;
      a.failuresInBurst = 0;
      a.throttleLogged = false;
      LOG.warning(
          () ->
              "wrong or missing credentials from "
                  + address.getHostAddress()
                  + (before > BURST ? " (the previous burst had " + before + " failures)" : ""));
    }
    a.failuresInBurst++;
    a.tries = Math.max(0, a.tries - 1);
    if (a.tries < 1 && !a.throttleLogged) {
      a.throttleLogged = true;
      LOG.warning(
          () ->
              address.getHostAddress()
                  + " failed to log in "
                  + BURST
                  + " times in a row: answering 429 to it, one try a second from now on");
    }
  }

  /** Counts a throttled request into the burst (for the next log line). */
  synchronized void throttled(InetAddress address) {
    Allowance a = addresses.get(address);
    if (a != null) {
      a.failuresInBurst++;
    }
  }

  /** A right password: the address starts afresh. */
  synchronized void succeeded(InetAddress address) {
    addresses.remove(address);
  }

  private static void refill(Allowance a, long nowNanos) {
    long elapsed = nowNanos - a.refilledAt;
    if (elapsed > 0) {
      a.tries = Math.min(BURST, a.tries + (double) elapsed / REFILL_NANOS);
      a.refilledAt = nowNanos;
    }
  }
}
