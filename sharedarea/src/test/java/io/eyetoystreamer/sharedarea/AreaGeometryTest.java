package io.eyetoystreamer.sharedarea;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AreaGeometryTest {
  @Test
  void oneSlotIsRefusedWithTheAllowedRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AreaGeometry.yuyv(640, 480).withSlotCount(1));
    assertTrue(e.getMessage().contains("slotCount 1"), e.getMessage());
    assertTrue(e.getMessage().contains("2..64"), e.getMessage());
  }

  @Test
  void zeroSizedFramesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> AreaGeometry.yuyv(0, 480));
  }
}
