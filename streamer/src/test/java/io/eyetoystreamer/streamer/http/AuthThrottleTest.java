package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private final AuthThrottle throttle = new AuthThrottle();
  private final InetAddress attacker = InetAddress.getLoopbackAddress();

  private void fail(int times, long now) {
    for (int i = 0; i < times; i++) {
      throttle.failed(attacker, now);
    }
  }

  @Test
  void anAddressMayFailABurstBeforeItWaits() throws Exception {
    fail(AuthThrottle.BURST - 1, 0);
    assertEquals(0, throttle.waitSeconds(attacker, 0));
    fail(1, 0);
    assertTrue(throttle.waitSeconds(attacker, 0) > 0);
  }

  @Test
  void aThrottledAddressGetsOneTryASecond() {
    fail(AuthThrottle.BURST, 0);
    assertTrue(throttle.waitSeconds(attacker, SECOND / 2) > 0);
    assertEquals(0, throttle.waitSeconds(attacker, SECOND));
    fail(1, SECOND);
    assertTrue(throttle.waitSeconds(attacker, SECOND) > 0);
  }

  @Test
  void otherAddressesAreNotThrottled() throws Exception {
    fail(AuthThrottle.BURST * 3, 0);
    assertEquals(0, throttle.waitSeconds(InetAddress.getByName("192.0.2.7"), 0));
  }

  @Test
  void theRightPasswordStartsTheAddressAfresh() {
    fail(AuthThrottle.BURST - 1, 0);
    throttle.succeeded(attacker);
    fail(AuthThrottle.BURST - 1, 0);
    assertEquals(0, throttle.waitSeconds(attacker, 0));
  }

  @Test
  void memoryIsBoundedWhateverTheNumberOfAddresses() throws Exception {
    for (int i = 0; i < AuthThrottle.MAX_ADDRESSES + 10; i++) {
      byte[] a = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
      throttle.failed(InetAddress.getByAddress(a), 0);
    }
    // The first addresses were forgotten: they start with a full allowance again.
    fail(0, 0);
    assertEquals(0, throttle.waitSeconds(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}), 0));
  }
}
