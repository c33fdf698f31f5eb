package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameAreaFileTest {
  private static final AreaGeometry SMALL = new AreaGeometry(4, 256, 8, 16, Fourcc.YUYV, 16);
  private static final Duration NO_WAIT = Duration.ZERO;

  @TempDir Path dir;

  @Test
  void fileIsSizedFullyAtCreation() throws IOException {
    Path path = dir.resolve("area");
    try (FrameArea area = FrameArea.createFile(path, SMALL)) {
      assertEquals(AreaLayout.areaBytes(SMALL), Files.size(path));
    }
  }

  @Test
  void readerInAnotherMappingSeesTheWritersFrames() throws IOException {
    Path path = dir.resolve("area");
    try (FrameArea written = FrameArea.createFile(path, SMALL);
        FrameArea read = FrameArea.openFile(path, NO_WAIT)) {
      written.writer().publish(AreaWriterTest.frame(1, 256), 42);
      ByteBuffer dst = ByteBuffer.allocateDirect(256);
      AreaReader reader = read.newReader();
      assertEquals(1, reader.readLatest(dst, 0));
      assertEquals(42, reader.captureTimeNanos());
      assertEquals(SMALL, read.geometry());
      assertEquals(ProcessHandle.current().pid(), read.writerPid());
    }
  }

  @Test
  void wrongMagicNamesThePathAndBothValues() throws IOException {
    Path path = dir.resolve("not-an-area");
    Files.write(path, new byte[4096]);
    writeLong(path, 0, 0x1122334455667788L);
    AreaFormatException e =
        assertThrows(AreaFormatException.class, () -> FrameArea.openFile(path, NO_WAIT));
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("found magic 0x1122334455667788"), e.getMessage());
    assertTrue(e.getMessage().contains("EYETOYSA"), e.getMessage());
  }

  @Test
  void newerLayoutVersionIsRefused() throws IOException {
    Path path = areaFile();
    writeInt(path, AreaLayout.VERSION_OFFSET, 2);
    AreaFormatException e =
        assertThrows(AreaFormatException.class, () -> FrameArea.openFile(path, NO_WAIT));
    assertTrue(e.getMessage().contains("layout version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("knows version 1"), e.getMessage());
  }

  @Test
  void truncatedFileIsRefusedWithBothSizes() throws IOException {
    Path path = areaFile();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      ch.truncate(2000);
    }
    AreaFormatException e =
        assertThrows(AreaFormatException.class, () -> FrameArea.openFile(path, NO_WAIT));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("2000 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains(AreaLayout.areaBytes(SMALL) + ""), e.getMessage());
  }

  @Test
  void contradictoryHeaderIsReportedAsCorrupt() throws IOException {
    Path path = areaFile();
    writeInt(path, AreaLayout.DATA_OFFSET_OFFSET, 12345);
    AreaFormatException e =
        assertThrows(AreaFormatException.class, () -> FrameArea.openFile(path, NO_WAIT));
    assertTrue(e.getMessage().contains("dataOffset is 12345"), e.getMessage());
  }

  @Test
  void missingFileIsNotReadyAfterTheDeadline() {
    Path path = dir.resolve("nobody-writes-this");
    AreaNotReadyException e =
        assertThrows(
            AreaNotReadyException.class, () -> FrameArea.openFile(path, Duration.ofMillis(50)));
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("Start the writer"), e.getMessage());
  }

  @Test
  void uninitialisedHeaderIsNotReadyAfterTheDeadline() throws IOException {
    Path path = dir.resolve("half-made");
    Files.write(path, new byte[4096]);
    AreaNotReadyException e =
        assertThrows(
            AreaNotReadyException.class, () -> FrameArea.openFile(path, Duration.ofMillis(50)));
    assertTrue(e.getMessage().contains("header is not written yet"), e.getMessage());
  }

  @Test
  void readerWaitsForAWriterThatComesWithinTheDeadline() throws Exception {
    Path path = dir.resolve("late");
    CompletableFuture<FrameArea> opened =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return FrameArea.openFile(path, Duration.ofSeconds(10));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    try (FrameArea written = FrameArea.createFile(path, SMALL);
        FrameArea read = opened.get(10, TimeUnit.SECONDS)) {
      assertEquals(SMALL, read.geometry());
      assertEquals(WriterStatus.ALIVE, read.writerStatus());
    }
  }

  @Test
  void secondWriterIsRefusedNamingTheFirst() throws IOException {
    Path path = dir.resolve("area");
    try (FrameArea first = FrameArea.createFile(path, SMALL)) {
      AreaBusyException e =
          assertThrows(AreaBusyException.class, () -> FrameArea.createFile(path, SMALL));
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
  }

  @Test
  void fileThatIsNotAnAreaIsNeverOverwritten() throws IOException {
    Path path = dir.resolve("precious.txt");
    byte[] content = "not a frame area".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Files.write(path, content);
    AreaFormatException e =
        assertThrows(AreaFormatException.class, () -> FrameArea.createFile(path, SMALL));
    assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
    assertArrayEquals(content, Files.readAllBytes(path));
  }

  @Test
  void newWriterTakesOverAnAreaAndContinuesItsSequence() throws IOException {
    Path path = dir.resolve("area");
    try (FrameArea first = FrameArea.createFile(path, SMALL)) {
      AreaWriter w = first.writer();
      w.publish(AreaWriterTest.frame(1, 256), 1);
      w.publish(AreaWriterTest.frame(2, 256), 2);
    }
    try (FrameArea second = FrameArea.createFile(path, SMALL);
        FrameArea read = FrameArea.openFile(path, NO_WAIT)) {
      assertEquals(WriterStatus.ALIVE, read.writerStatus());
      assertEquals(3, second.writer().publish(AreaWriterTest.frame(3, 256), 3));
    }
  }

  @Test
  void writerOfAnotherGeometryReplacesTheFileWithoutResizingIt() throws IOException {
    Path path = dir.resolve("area");
    FrameArea old = FrameArea.createFile(path, SMALL);
    try (FrameArea oldReader = FrameArea.openFile(path, NO_WAIT)) {
      old.close();
      AreaGeometry bigger = SMALL.withSlotCount(8);
      try (FrameArea replaced = FrameArea.createFile(path, bigger)) {
        assertEquals(AreaLayout.areaBytes(bigger), Files.size(path));
        assertEquals(WriterStatus.CLOSED, oldReader.writerStatus(), "old mapping still readable");
        assertEquals(bigger, FrameArea.openFile(path, NO_WAIT).geometry());
      }
    }
  }

  @Test
  void closedWriterIsReportedToReaders() throws IOException {
    Path path = dir.resolve("area");
    FrameArea written = FrameArea.createFile(path, SMALL);
    try (FrameArea read = FrameArea.openFile(path, NO_WAIT)) {
      written.close();
      assertEquals(WriterStatus.CLOSED, read.writerStatus());
      assertEquals(AreaReader.WRITER_GONE, read.newReader().awaitNewer(0, 1_000_000));
    }
  }

  @Test
  void staleHeartbeatIsReportedAsGone() throws Exception {
    Path path = dir.resolve("area");
    try (FrameArea written = FrameArea.createFile(path, SMALL);
        FrameArea read = FrameArea.openFile(path, NO_WAIT, Duration.ofMillis(50))) {
      written.writer().heartbeat();
      assertEquals(WriterStatus.ALIVE, read.writerStatus());
      Thread.sleep(120);
      assertEquals(WriterStatus.GONE, read.writerStatus());
      assertEquals(AreaReader.WRITER_GONE, read.newReader().awaitNewer(0, 1_000_000_000L));
    }
  }

  private Path areaFile() throws IOException {
    Path path = dir.resolve("area");
    FrameArea.createFile(path, SMALL).close();
    return path;
  }

  private static void writeLong(Path path, int offset, long value) throws IOException {
    write(path, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
  }

  private static void writeInt(Path path, int offset, int value) throws IOException {
    write(path, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
  }

  private static void write(Path path, int offset, ByteBuffer bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
      ch.write(bytes, offset);
    }
  }
}
