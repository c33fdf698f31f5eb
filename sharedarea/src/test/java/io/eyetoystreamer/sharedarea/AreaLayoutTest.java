package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AreaLayoutTest {
  @Test
  void magicSpellsEyetoysaInFileOrder() {
    ByteBuffer b =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, AreaLayout.MAGIC);
    assertEquals("EYETOYSA", new String(b.array(), StandardCharsets.US_ASCII));
  }

  @Test
  void hotWordsEachHaveTheirOwnBlock() {
    assertEquals(128, AreaLayout.HEARTBEAT_OFFSET);
    assertEquals(256, AreaLayout.LATEST_SEQUENCE_OFFSET);
    assertEquals(384, AreaLayout.WAITERS_OFFSET);
    assertEquals(512, AreaLayout.DESCRIPTORS);
    assertEquals(512 + 3 * 128, AreaLayout.descriptorOffset(3));
  }

  @Test
  void vgaYuyvAreaOfFourSlotsHasTheDocumentedSize() {
    AreaGeometry vga = AreaGeometry.yuyv(640, 480);
    assertEquals(614400, vga.slotCapacity());
    assertEquals(1280, vga.bytesPerLine());
    assertEquals(1024, AreaLayout.dataOffset(4));
    assertEquals(1024 + 4L * 614400, AreaLayout.areaBytes(vga));
  }

  @Test
  void slotDataIsAlignedTo64Bytes() {
    assertEquals(768, AreaLayout.dataOffset(2));
    assertEquals(64, AreaLayout.slotStride(1));
    assertEquals(128, AreaLayout.slotStride(65));
  }

  @Test
  void frameNGoesToSlotNModuloSlotCount() {
    assertEquals(1, AreaLayout.slotOf(1, 4));
    assertEquals(0, AreaLayout.slotOf(4, 4));
    assertEquals(2, AreaLayout.slotOf(5, 3));
  }

  @Test
  void fourccPutsTheFirstCharacterInTheLowByte() {
    assertEquals(0x56595559, Fourcc.YUYV);
    assertEquals("YUYV", Fourcc.toString(Fourcc.YUYV));
  }
}
