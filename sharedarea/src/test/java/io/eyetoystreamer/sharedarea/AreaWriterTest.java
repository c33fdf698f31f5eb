package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AreaWriterTest {
  private static final AreaGeometry SMALL = new AreaGeometry(3, 64, 8, 4, Fourcc.YUYV, 16);

  private final FrameArea area = FrameArea.inMemory(SMALL);
  private final AreaWriter writer = area.writer();
  private final AreaReader reader = area.newReader();
  private final ByteBuffer dst = ByteBuffer.allocateDirect(64);

  @Test
  void publishNumbersFramesFromOne() {
    assertEquals(1, writer.publish(frame(1, 64), 10));
    assertEquals(2, writer.publish(frame(2, 64), 20));
    assertEquals(2, area.latestSequence());
  }

  @Test
  void publishLeavesTheSourcePositionAlone() {
    ByteBuffer src = frame(1, 64);
    writer.publish(src, 10);
    assertEquals(0, src.position());
    assertEquals(64, src.limit());
  }

  @Test
  void claimedSlotIsInvisibleUntilCommitted() {
    writer.publish(frame(1, 64), 10);
    ByteBuffer slot = writer.claim();
    FramePattern.fill(slot, 2, 64);
    assertEquals(1, reader.readLatest(dst, 0));
    assertEquals(2, writer.commit(64, 20));
    dst.clear();
    assertEquals(2, reader.readLatest(dst, 0));
    assertEquals(-1, FramePattern.firstMismatch(dst, 2, 64));
  }

  @Test
  void abortKeepsTheNewestFrame() {
    writer.publish(frame(1, 64), 10);
    writer.claim();
    writer.abort();
    assertEquals(1, reader.readLatest(dst, 0));
    assertEquals(2, writer.publish(frame(2, 64), 20), "the aborted sequence is reused");
  }

  @Test
  void frameLargerThanTheSlotIsRefusedAndNothingPublished() {
    FrameTooLargeException e =
        assertThrows(FrameTooLargeException.class, () -> writer.publish(frame(1, 65), 10));
    assertTrue(e.getMessage().contains("65 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("slot of 64 bytes"), e.getMessage());
    assertEquals(0, area.latestSequence());
  }

  @Test
  void commitLongerThanTheSlotAbortsTheClaim() {
    writer.publish(frame(1, 64), 10);
    writer.claim();
    assertThrows(FrameTooLargeException.class, () -> writer.commit(65, 20));
    assertEquals(1, reader.readLatest(dst, 0));
    assertEquals(2, writer.publish(frame(2, 64), 20));
  }

  @Test
  void secondClaimWithoutCommitIsAnError() {
    writer.claim();
    assertThrows(IllegalStateException.class, writer::claim);
  }

  @Test
  void commitWithoutClaimIsAnError() {
    assertThrows(IllegalStateException.class, () -> writer.commit(1, 1));
  }

  @Test
  void areaHasOneWriter() {
    assertThrows(IllegalStateException.class, area::writer);
  }

  @Test
  void closedWriterRefusesFrames() {
    writer.close();
    assertThrows(IllegalStateException.class, () -> writer.publish(frame(1, 64), 1));
    assertEquals(WriterStatus.CLOSED, area.writerStatus());
  }

  static ByteBuffer frame(long sequence, int length) {
    ByteBuffer b = ByteBuffer.allocateDirect(length);
    FramePattern.fill(b, sequence, length);
    return b;
  }
}
