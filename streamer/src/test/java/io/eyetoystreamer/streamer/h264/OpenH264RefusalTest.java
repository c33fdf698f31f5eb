package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What OpenH264Encoder refuses with a reason, whether or not the library is installed. */
class OpenH264RefusalTest {
  @Test
  void tinyPicturesAreRefusedWithAReason() {
    H264EncoderException e =
        assertThrows(
            H264EncoderException.class,
            () -> OpenH264Encoder.open(new H264Settings(8, 8, 30, 100_000, 30)));
    assertTrue(e.getMessage().contains("at least 16x16"), e.getMessage());
  }

  @Test
  void hugePicturesAreRefusedBeforeAnythingIsAllocated() {
    H264EncoderException e =
        assertThrows(
            H264EncoderException.class,
            () -> OpenH264Encoder.open(new H264Settings(40000, 40000, 30, 100_000, 30)));
    assertTrue(e.getMessage().contains("at most 36864 macroblocks"), e.getMessage());
  }

  @Test
  void missingLibraryNamesThePackageToInstall() {
    String why = OpenH264Native.load("libopenh264-not-installed.so.7").failure();
    assertTrue(
        why.startsWith(
            "libopenh264-not-installed.so.7 not found: install libopenh264-7"
                + " (apt-get install libopenh264-7)"),
        why);
  }
}
