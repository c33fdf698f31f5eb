package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IocTest {
  @Test
  void encodesLikeTheKernelMacro() {
    assertEquals(0xC058560F, Ioc.ioc(Ioc.READ_WRITE, 'V', 15, 88));
  }

  @Test
  void decodesEveryPart() {
    int r = 0xC044560F;
    assertEquals(Ioc.READ_WRITE, Ioc.dir(r));
    assertEquals('V', Ioc.type(r));
    assertEquals(15, Ioc.nr(r));
    assertEquals(68, Ioc.size(r));
  }

  @Test
  void rejectsSizesBeyondFourteenBits() {
    assertThrows(IllegalArgumentException.class, () -> Ioc.ioc(Ioc.READ, 'V', 0, 1 << 14));
  }

  @Test
  void formatsAsUpperCaseHex() {
    assertEquals("0x80685600", Ioc.hex(0x80685600));
  }
}
