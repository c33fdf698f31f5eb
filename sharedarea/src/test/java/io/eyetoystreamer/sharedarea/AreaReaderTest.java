package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AreaReaderTest {
  private static final AreaGeometry SMALL = new AreaGeometry(3, 64, 8, 4, Fourcc.YUYV, 16);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final FrameArea area = FrameArea.inMemory(SMALL);
  private final AreaWriter writer = area.writer();
  private final AreaReader reader = area.newReader();
  private final ByteBuffer dst = ByteBuffer.allocateDirect(64);

  @Test
  void emptyAreaHasNothingNewer() {
    assertEquals(AreaReader.NOTHING_NEWER, reader.readLatest(dst, 0));
    assertEquals(0, dst.position());
  }

  @Test
  void readLatestCopiesTheNewestFrameAndItsMetadata() {
    writer.publish(AreaWriterTest.frame(1, 64), 111);
    writer.publish(AreaWriterTest.frame(2, 56), 222);
    assertEquals(2, reader.readLatest(dst, 0));
    assertEquals(56, dst.position());
    assertEquals(56, reader.frameLength());
    assertEquals(222, reader.captureTimeNanos());
    assertEquals(2, reader.sequence());
    assertEquals(-1, FramePattern.firstMismatch(dst.flip(), 2, 56));
  }

  @Test
  void frameAlreadySeenIsNothingNewer() {
    writer.publish(AreaWriterTest.frame(1, 64), 1);
    assertEquals(AreaReader.NOTHING_NEWER, reader.readLatest(dst, 1));
  }

  @Test
  void destinationTooSmallIsRefusedWithBothSizes() {
    writer.publish(AreaWriterTest.frame(1, 64), 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> reader.readLatest(ByteBuffer.allocateDirect(10), 0));
    assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("room for 10"), e.getMessage());
  }

  @Test
  void readsIntoHeapBuffersToo() {
    writer.publish(AreaWriterTest.frame(1, 64), 1);
    ByteBuffer heap = ByteBuffer.allocate(64);
    assertEquals(1, reader.readLatest(heap, 0));
    assertEquals(-1, FramePattern.firstMismatch(heap.flip(), 1, 64));
  }

  @Test
  void awaitNewerReturnsAtOnceWhenAFrameIsThere() {
    writer.publish(AreaWriterTest.frame(1, 64), 1);
    assertEquals(1, reader.awaitNewer(0, SECOND));
  }

  @Test
  void awaitNewerTimesOutWhileTheWriterIsSilentButAlive() {
    assertEquals(AreaReader.TIMED_OUT, reader.awaitNewer(0, TimeUnit.MILLISECONDS.toNanos(20)));
  }

  @Test
  void awaitNewerWakesWhenTheWriterPublishes() throws Exception {
    CompletableFuture<Long> woken =
        CompletableFuture.supplyAsync(() -> area.newReader().awaitNewer(0, 10 * SECOND));
    Thread.sleep(50);
    writer.publish(AreaWriterTest.frame(1, 64), 1);
    assertEquals(1, woken.get(5, TimeUnit.SECONDS));
  }

  @Test
  void awaitNewerReportsAClosedWriterAtOnce() throws Exception {
    CompletableFuture<Long> woken =
        CompletableFuture.supplyAsync(() -> area.newReader().awaitNewer(0, 60 * SECOND));
    Thread.sleep(50);
    writer.close();
    assertEquals(AreaReader.WRITER_GONE, woken.get(5, TimeUnit.SECONDS));
  }

  @Test
  void sleepingReadersAreUncountedAfterTheyWake() {
    reader.awaitNewer(0, TimeUnit.MILLISECONDS.toNanos(5));
    assertEquals(0, area.sleepingReaders());
  }

  @Test
  void futexIsAvailableOnLinux() {
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertTrue(Futex.AVAILABLE, Futex.UNAVAILABLE_REASON);
    }
  }
}
