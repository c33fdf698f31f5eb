package io.eyetoystreamer.streamer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  private final ConnectionLimiter limiter = new ConnectionLimiter(2);
  private final Rejections rejections = new Rejections();

  /** A connection with a guard, waiting for its first request. */
  private EmbeddedChannel waiting() {
    EmbeddedChannel ch = new EmbeddedChannel();
    assertTrue(limiter.admit(ch));
    ch.pipeline()
        .addLast(new ConnectionGuard(limiter, 10_000_000_000L, 10_000_000_000L, rejections));
    return ch;
  }

  /** A connection without a guard: a viewer, never evicted. */
  private EmbeddedChannel viewer() {
    EmbeddedChannel ch = new EmbeddedChannel();
    assertTrue(limiter.admit(ch));
    return ch;
  }

  @Test
  void theOldestWaitingConnectionMakesRoomForANewOne() {
    EmbeddedChannel first = waiting();
    EmbeddedChannel second = waiting();
    EmbeddedChannel third = new EmbeddedChannel();
    assertTrue(limiter.admit(third));
    assertFalse(first.isOpen(), "the oldest waiting connection is closed");
    assertTrue(second.isOpen());
    assertEquals(1, limiter.evicted());
  }

  @Test
  void viewersAreNeverClosedToMakeRoom() {
    EmbeddedChannel a = viewer();
    EmbeddedChannel b = viewer();
    assertFalse(limiter.admit(new EmbeddedChannel()));
    assertTrue(a.isOpen() && b.isOpen());
    assertEquals(1, limiter.refused());
  }

  @Test
  void aClosedConnectionGivesItsPlaceBack() {
    viewer();
    EmbeddedChannel b = viewer();
    b.close();
    assertEquals(1, limiter.open());
    assertTrue(limiter.admit(new EmbeddedChannel()));
  }
}
