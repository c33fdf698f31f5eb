package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AbiDetectorTest {
  @Test
  void amd64IsX86_64() {
    assertEquals(Abi.X86_64, AbiDetector.detect("amd64", 8, null));
  }

  @Test
  void aarch64IsAarch64() {
    assertEquals(Abi.AARCH64, AbiDetector.detect("aarch64", 8, null));
  }

  @Test
  void thirtyTwoBitArmDefaultsToTime32() {
    assertEquals(Abi.ARMHF_TIME32, AbiDetector.detect("arm", 4, ""));
  }

  @Test
  void overrideWins() {
    assertEquals(Abi.ARMHF_TIME64, AbiDetector.detect("arm", 4, "armhf_time64"));
  }

  @Test
  void unknownOverrideIsRejectedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AbiDetector.detect("arm", 4, "mips"));
    assertTrue(e.getMessage().contains("ARMHF_TIME32"), e.getMessage());
  }

  @Test
  void unsupportedArchitectureIsNamed() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class, () -> AbiDetector.detect("i386", 4, null));
    assertTrue(e.getMessage().contains("i386"), e.getMessage());
  }

  @Test
  void thisJvmIsDetected() {
    Abi abi = AbiDetector.current();
    assertEquals(com.sun.jna.Native.POINTER_SIZE, abi.pointerSize());
  }
}
