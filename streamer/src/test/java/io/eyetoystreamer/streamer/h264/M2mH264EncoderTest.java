package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.fakeeyetoy.FakeH264Encoder;
import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.fakeeyetoy.SimulatedDevices;
import io.eyetoystreamer.testsupport.TestRequirements;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mem2mem adapter on fake-eyetoy's simulated H.264 encoder. */
class M2mH264EncoderTest {
  private static final H264Settings VGA = new H264Settings(640, 480, 30, 2_000_000, 30);

  private final FakeH264Encoder device = new FakeH264Encoder();

  private static ByteBuffer painted(long sequence, int bytesPerLine) {
    ByteBuffer frame = ByteBuffer.allocateDirect(bytesPerLine * 480);
    new FramePainter(PictureLayout.VGA)
        .paint(frame, bytesPerLine, sequence, PictureSettings.DEFAULTS);
    return frame;
  }

  /** The NAL unit types of an Annex-B access unit. */
  private static List<Integer> nalTypes(ByteBuffer out, int start, int length) {
    List<Integer> types = new ArrayList<>();
    for (int i = start; i + 3 < start + length; i++) {
      if (out.get(i) == 0 && out.get(i + 1) == 0 && out.get(i + 2) == 1) {
        types.add(out.get(i + 3) & 0x1F);
        i += 3;
      }
    }
    return types;
  }

  private static List<Integer> encode(H264Encoder e, long sequence, boolean key, ByteBuffer out) {
    out.clear();
    int n = e.encode(painted(sequence, 1280), 1280, key, out);
    assertEquals(n, out.position(), "the position advanced past the access unit");
    return nalTypes(out, 0, n);
  }

  @Test
  void theFirstAccessUnitIsAnIdrWithSpsAndPpsInFront() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      assertEquals(List.of(7, 8, 5), encode(e, 0, false, out));
      assertEquals(List.of(1), encode(e, 1, false, out));
    }
  }

  @Test
  void theSettingsReachTheEncodersControls() {
    try (M2mH264Encoder e =
        M2mH264Encoder.open(
            FakeH264Encoder.PATH, device, new H264Settings(640, 480, 30, 1_234_567, 45))) {
      assertEquals(1_225_000, e.controls().get("video_bitrate"), "rounded to the 25000 step");
      assertEquals(45, e.controls().get("h264_i_frame_period"));
      assertEquals(1, e.controls().get("h264_profile"), "Constrained Baseline");
      assertEquals(1, e.controls().get("repeat_sequence_header"));
    }
  }

  @Test
  void everyKeyFramePeriodStartsAnIdrWithItsParameterSets() {
    H264Settings every3 = new H264Settings(640, 480, 30, 2_000_000, 3);
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, every3)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      StringBuilder kinds = new StringBuilder();
      for (int i = 0; i < 7; i++) {
        kinds.append(encode(e, i, false, out).equals(List.of(7, 8, 5)) ? 'K' : '.');
      }
      assertEquals("K..K..K", kinds.toString());
    }
  }

  @Test
  void askingForAKeyFrameGetsOne() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      encode(e, 0, false, out);
      assertEquals(List.of(1), encode(e, 1, false, out));
      assertEquals(List.of(7, 8, 5), encode(e, 2, true, out));
      assertEquals(List.of(1), encode(e, 3, false, out));
    }
  }

  @Test
  void parameterSetsTheEncoderDidNotRepeatAreAddedInFrontOfAnIdr() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      e.controls().set("repeat_sequence_header", 0);
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      encode(e, 0, false, out);
      assertEquals(List.of(7, 8, 5), encode(e, 1, true, out));
    }
  }

  @Test
  void anUnchangedFrameIsTiny() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      encode(e, 5, false, out);
      int n = e.encode(painted(5, 1280), 1280, false, out.clear());
      assertTrue(n > 0 && n < 32, n + " bytes for a repeated picture");
    }
  }

  @Test
  void aFrameTheEncoderFailsIsDroppedAndTheNextIsAKeyFrame() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      encode(e, 0, false, out);
      device.faults().flagErrorFrames(1);
      assertEquals(0, e.encode(painted(1, 1280), 1280, false, out.clear()));
      assertEquals(0, out.position());
      assertEquals(List.of(7, 8, 5), encode(e, 2, false, out));
    }
  }

  @Test
  void aDeviceGoneMakesTheSessionUnusable() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      encode(e, 0, false, out);
      device.faults().unplug();
      H264EncoderException x =
          assertThrows(
              H264EncoderException.class,
              () -> e.encode(painted(1, 1280), 1280, false, out.clear()));
      assertTrue(x.getMessage().contains(FakeH264Encoder.PATH), x.getMessage());
      device.faults().replug();
      assertThrows(
          H264EncoderException.class,
          () -> e.encode(painted(2, 1280), 1280, false, out.clear()),
          "unusable even when the device is back");
    }
  }

  @Test
  void aRefusedInputBufferIsAnEncoderException() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      device.faults().failQbuf(1, Errno.ENOMEM);
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      H264EncoderException x =
          assertThrows(
              H264EncoderException.class, () -> e.encode(painted(0, 1280), 1280, false, out));
      assertTrue(x.getMessage().contains("ENOMEM"), x.getMessage());
    }
  }

  @Test
  void aHungEncoderIsAnEncoderExceptionAfterTheTimeout() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA, 100)) {
      device.faults().hang(true);
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      H264EncoderException x =
          assertThrows(
              H264EncoderException.class, () -> e.encode(painted(0, 1280), 1280, false, out));
      assertTrue(x.getMessage().contains("100 ms"), x.getMessage());
    }
  }

  @Test
  void encodeAfterCloseThrowsAndCloseFreesTheDevice() {
    M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA);
    ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
    encode(e, 0, false, out);
    e.close();
    e.close();
    assertThrows(IllegalStateException.class, () -> e.encode(painted(1, 1280), 1280, false, out));
    assertEquals(0, device.openDescriptors());
    assertEquals(0, device.mappedBuffers());
  }

  @Test
  void aFrameSmallerThanItsGeometryIsRefused() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      assertThrows(
          IllegalArgumentException.class,
          () -> e.encode(ByteBuffer.allocate(1000), 1280, false, out));
      assertThrows(
          IllegalArgumentException.class, () -> e.encode(painted(0, 1280), 1000, false, out));
      assertThrows(
          IllegalArgumentException.class,
          () -> e.encode(painted(0, 1280), 1280, false, ByteBuffer.allocate(100)));
    }
  }

  @Test
  void aCameraNodeIsNoEncoder() {
    H264EncoderException x =
        assertThrows(
            H264EncoderException.class,
            () -> M2mH264Encoder.open(FakeEyetoy.PATH, new SimulatedDevices(), VGA));
    assertTrue(x.getMessage().contains("not a memory-to-memory device"), x.getMessage());
  }

  @Test
  void aMissingNodeSaysSo() {
    H264EncoderException x =
        assertThrows(
            H264EncoderException.class, () -> M2mH264Encoder.open("/dev/video99", device, VGA));
    assertTrue(x.getMessage().contains("/dev/video99"), x.getMessage());
    assertTrue(x.getMessage().contains("ENOENT"), x.getMessage());
  }

  @Test
  void aSizeTheEncoderWouldAdjustIsRefused() {
    H264EncoderException x =
        assertThrows(
            H264EncoderException.class,
            () ->
                M2mH264Encoder.open(
                    FakeH264Encoder.PATH, device, new H264Settings(4096, 2160, 30, 1_000_000, 30)));
    assertTrue(x.getMessage().contains("adjusted the size to 1920x1088"), x.getMessage());
    assertEquals(0, device.openDescriptors(), "the half-set-up session was closed");
  }

  @Test
  void theNameSaysNodeCardAndDriver() {
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      assertEquals("/dev/video11 fake-h264-encoder (fake-h264-enc)", e.name());
    }
  }

  @Test
  void findPicksTheSimulatedEncoderAndNotTheCamera() {
    assertEquals(Optional.of(FakeH264Encoder.PATH), M2mH264Encoder.find(new SimulatedDevices()));
    assertEquals(Optional.empty(), M2mH264Encoder.find(new FakeEyetoy()));
  }

  @Test
  void aSinglePlanarEncoderWorksToo() {
    FakeH264Encoder single = new FakeH264Encoder(device.abi(), FakeH264Encoder.PATH, false);
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, single, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      assertEquals(List.of(7, 8, 5), encode(e, 0, false, out));
    }
  }

  @Test
  void framesWithAWiderStrideDecodeToTheCamerasExactLuma(@TempDir Path dir) throws Exception {
    Path ffmpeg = TestRequirements.requireTool("ffmpeg", "ffmpeg");
    int stride = 1536;
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<ByteBuffer> frames = new ArrayList<>();
    try (M2mH264Encoder e = M2mH264Encoder.open(FakeH264Encoder.PATH, device, VGA)) {
      ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
      for (int i = 0; i < 3; i++) {
        ByteBuffer frame = painted(i, stride);
        frames.add(frame);
        out.clear();
        int n = e.encode(frame, stride, i == 2, out);
        stream.write(out.array(), 0, n);
      }
    }
    Path in = dir.resolve("in.h264");
    Path yuv = dir.resolve("out.yuv");
    Files.write(in, stream.toByteArray());
    Process p =
        new ProcessBuilder(
                ffmpeg.toString(),
                "-hide_banner",
                "-loglevel",
                "error",
                "-xerror",
                "-err_detect",
                "explode",
                "-f",
                "h264",
                "-i",
                in.toString(),
                "-f",
                "rawvideo",
                "-pix_fmt",
                "yuv420p",
                "-y",
                yuv.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && log.isBlank(), log);
    byte[] decoded = Files.readAllBytes(yuv);
    int frameBytes = 640 * 480 * 3 / 2;
    assertEquals(3 * frameBytes, decoded.length);
    for (int f = 0; f < 3; f++) {
      for (int y = 0; y < 480; y++) {
        for (int x = 0; x < 640; x++) {
          byte want = frames.get(f).get(y * stride + 2 * x);
          if (decoded[f * frameBytes + y * 640 + x] != want) {
            fail("frame " + f + " luma (" + x + ", " + y + ") differs");
          }
        }
      }
    }
  }

  @Test
  void theSimulatedNativeSelectsTheSimulatedEncoder(@TempDir Path dir) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Deyetoystreamer.v4l2.native=simulated",
                "-cp",
                System.getProperty("java.class.path"),
                SimulatedNativeMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("found /dev/video11, encoded [7, 8, 5]"), out);
    assertFalse(out.contains("Exception"), out);
  }

  /** Runs in a JVM of its own with {@code -Deyetoystreamer.v4l2.native=simulated}. */
  static final class SimulatedNativeMain {
    private SimulatedNativeMain() {}

    public static void main(String[] args) {
      String path = M2mH264Encoder.find().orElseThrow();
      try (M2mH264Encoder e = M2mH264Encoder.open(path, VGA)) {
        ByteBuffer out = ByteBuffer.allocate(e.maxAccessUnitBytes());
        int n = e.encode(painted(0, 1280), 1280, false, out);
        System.out.println("found " + path + ", encoded " + nalTypes(out, 0, n));
      }
    }
  }
}
