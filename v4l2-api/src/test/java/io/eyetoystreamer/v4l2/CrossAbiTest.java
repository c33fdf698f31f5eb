package io.eyetoystreamer.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole library driven with each ABI's layouts and request numbers (the simulated camera
 * decodes them with the same ABI): catches code above the seam that assumes 64-bit fields.
 */
class CrossAbiTest {
  @ParameterizedTest
  @EnumSource(Abi.class)
  void captureWorksWithTheLayoutsOf(Abi abi) {
    ScriptedCamera camera = new ScriptedCamera(abi).deliverGoodFrames(3);
    try (V4l2Device device = V4l2Device.open(ScriptedCamera.PATH, camera)) {
      assertTrue(device.setFormat(Format.of(320, 240, FourCc.YUYV)).actual().width() == 320);
      try (CaptureStream stream = device.startCapture(3)) {
        for (int i = 0; i < 3; i++) {
          try (Frame f = stream.next(1000)) {
            assertEquals(i, f.sequence());
            assertEquals(320 * 240 * 2, f.bytesUsed());
            assertEquals(1000L * 1_000_000_000L + i * 33_333_000L, f.timestampNanos());
          }
        }
      }
    }
    assertEquals(0, camera.mappedBuffers());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void enumerationWorksWithTheLayoutsOf(Abi abi) {
    ScriptedCamera camera = new ScriptedCamera(abi);
    try (V4l2Device device = V4l2Device.open(ScriptedCamera.PATH, camera)) {
      assertEquals(2, device.formats().size());
      assertEquals(2, device.frameSizes(FourCc.YUYV).size());
      assertEquals(new Fraction(1, 30), device.streamParameters().timePerFrame());
      assertEquals(1L << 33, device.controls().info("pixel_rate").defaultValue());
      assertEquals(3, device.controls().info("power_line_frequency").menu().size());
    }
  }
}
