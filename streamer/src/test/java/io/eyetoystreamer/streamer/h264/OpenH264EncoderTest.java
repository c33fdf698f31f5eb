package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.testsupport.TestRequirements;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenH264 through JNA: the stream's structure, key frames, and misuse that must not crash. */
class OpenH264EncoderTest {
  static final H264Settings VGA = new H264Settings(640, 480, 30, 1_000_000, 30);

  @BeforeAll
  static void needsOpenH264() {
    requireOpenH264();
  }

  /** Skips (fails under EYETOY_STRICT_TESTS=1) without libopenh264.so.7. */
  static void requireOpenH264() {
    TestRequirements.require(
        OpenH264Encoder.available(),
        OpenH264Encoder.unavailableReason().orElse(""),
        "apt-get install -y libopenh264-7");
  }

  /** Paints the simulated Eyetoy's frames (the stamps and the motion box change per frame). */
  static final class Frames {
    private final FramePainter painter = new FramePainter(PictureLayout.VGA);
    private final ByteBuffer frame = ByteBuffer.allocateDirect(640 * 2 * 480);

    ByteBuffer paint(long sequence) {
      painter.paint(frame, 1280, sequence, PictureSettings.DEFAULTS);
      return frame;
    }
  }

  /** Encodes frames 0..count-1, key frames where asked, and returns each access unit. */
  static List<byte[]> encode(H264Encoder encoder, int count, int... keyFramesAt) {
    Frames frames = new Frames();
    ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
    List<byte[]> units = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean key = false;
      for (int k : keyFramesAt) {
        key |= k == i;
      }
      out.clear();
      int n = encoder.encode(frames.paint(1000 + i), 1280, key, out);
      assertEquals(n, out.position(), "out's position advances by the bytes written");
      byte[] unit = new byte[n];
      out.get(0, unit);
      units.add(unit);
    }
    return units;
  }

  @Test
  void firstFrameIsSpsPpsAndIdrInAnnexB() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      byte[] unit = encode(encoder, 1).get(0);
      assertEquals(0, unit[0]);
      assertEquals(0, unit[1]);
      assertEquals(List.of(NalUnits.SPS, NalUnits.PPS, NalUnits.IDR), NalUnits.types(unit));
    }
  }

  @Test
  void spsIsConstrainedBaseline() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      byte[] sps = NalUnits.split(encode(encoder, 1).get(0)).get(0).bytes();
      assertEquals(66, sps[1] & 0xff, "profile_idc Baseline");
      assertEquals(
          0xC0, sps[2] & 0xC0, "constraint_set0 and constraint_set1: Constrained Baseline");
    }
  }

  @Test
  void framesBetweenKeyFramesArePSlicesOnly() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      List<byte[]> units = encode(encoder, 10);
      for (int i = 1; i < units.size(); i++) {
        assertEquals(List.of(NalUnits.SLICE), NalUnits.types(units.get(i)), "frame " + i);
      }
    }
  }

  @Test
  void keyFrameRequestGivesIdrWithParameterSets() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      List<byte[]> units = encode(encoder, 8, 5);
      assertEquals(List.of(NalUnits.SLICE), NalUnits.types(units.get(4)));
      assertEquals(List.of(NalUnits.SPS, NalUnits.PPS, NalUnits.IDR), NalUnits.types(units.get(5)));
      assertEquals(List.of(NalUnits.SLICE), NalUnits.types(units.get(6)));
    }
  }

  @Test
  void keyFramePeriodHolds() {
    H264Settings every10 = new H264Settings(640, 480, 30, 1_000_000, 10);
    try (OpenH264Encoder encoder = OpenH264Encoder.open(every10)) {
      List<Integer> idrs = idrFrames(encode(encoder, 35));
      assertEquals(List.of(0, 10, 20, 30), idrs);
    }
  }

  @Test
  void keyFramePeriodCountsFromARequestedKeyFrame() {
    H264Settings every10 = new H264Settings(640, 480, 30, 1_000_000, 10);
    try (OpenH264Encoder encoder = OpenH264Encoder.open(every10)) {
      assertEquals(List.of(0, 4, 14, 24), idrFrames(encode(encoder, 30, 4)));
    }
  }

  static List<Integer> idrFrames(List<byte[]> units) {
    List<Integer> idrs = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      List<Integer> types = NalUnits.types(units.get(i));
      if (types.contains(NalUnits.IDR)) {
        assertEquals(List.of(NalUnits.SPS, NalUnits.PPS, NalUnits.IDR), types, "frame " + i);
        idrs.add(i);
      }
    }
    return idrs;
  }

  @Test
  void nameSaysOpenH264AndItsVersion() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      assertTrue(encoder.name().matches("openh264 2\\.[0-9]+\\.[0-9]+"), encoder.name());
    }
  }

  @Test
  void encodeAfterCloseThrows() {
    OpenH264Encoder encoder = OpenH264Encoder.open(VGA);
    encoder.close();
    ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
    ByteBuffer frame = new Frames().paint(1);
    assertThrows(IllegalStateException.class, () -> encoder.encode(frame, 1280, false, out));
    assertThrows(IllegalStateException.class, () -> encoder.encode(frame, 1280, true, out));
  }

  @Test
  void closeTwiceIsHarmless() {
    OpenH264Encoder encoder = OpenH264Encoder.open(VGA);
    encode(encoder, 2);
    encoder.close();
    encoder.close();
  }

  @Test
  void shortFrameIsRefusedAndTheEncoderGoesOn() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
      ByteBuffer half = ByteBuffer.allocateDirect(1280 * 240);
      assertThrows(IllegalArgumentException.class, () -> encoder.encode(half, 1280, false, out));
      assertThrows(
          IllegalArgumentException.class,
          () -> encoder.encode(new Frames().paint(1), 1000, false, out),
          "a stride shorter than a row");
      assertEquals(
          List.of(NalUnits.SPS, NalUnits.PPS, NalUnits.IDR),
          NalUnits.types(encode(encoder, 1).get(0)));
    }
  }

  @Test
  void smallOrReadOnlyOutputIsRefused() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      ByteBuffer frame = new Frames().paint(1);
      ByteBuffer small = ByteBuffer.allocateDirect(64 * 1024);
      assertThrows(IllegalArgumentException.class, () -> encoder.encode(frame, 1280, false, small));
      ByteBuffer readOnly = ByteBuffer.allocate(encoder.maxAccessUnitBytes()).asReadOnlyBuffer();
      assertThrows(
          IllegalArgumentException.class, () -> encoder.encode(frame, 1280, false, readOnly));
    }
  }

  @Test
  void heapBuffersWorkAsWellAsDirectOnes() {
    try (OpenH264Encoder encoder = OpenH264Encoder.open(VGA)) {
      ByteBuffer direct = new Frames().paint(1);
      ByteBuffer heap = ByteBuffer.allocate(direct.capacity());
      heap.put(0, direct, 0, direct.capacity());
      ByteBuffer out = ByteBuffer.allocate(encoder.maxAccessUnitBytes() + 10);
      out.position(10);
      int n = encoder.encode(heap, 1280, false, out);
      assertEquals(10 + n, out.position());
      byte[] unit = new byte[n];
      out.get(10, unit);
      assertEquals(List.of(NalUnits.SPS, NalUnits.PPS, NalUnits.IDR), NalUnits.types(unit));
    }
  }

  @Test
  void closeFromAnotherThreadDuringEncodingNeverCrashes() throws Exception {
    OpenH264Encoder encoder = OpenH264Encoder.open(VGA);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<RuntimeException> ended = new AtomicReference<>();
    Thread encoding =
        new Thread(
            () -> {
              Frames frames = new Frames();
              ByteBuffer out = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
              try {
                for (long i = 0; ; i++) {
                  out.clear();
                  encoder.encode(frames.paint(i), 1280, i % 7 == 0, out);
                  started.countDown();
                }
              } catch (RuntimeException t) {
                ended.set(t);
              }
            });
    encoding.start();
    started.await();
    Thread.sleep(50);
    encoder.close();
    encoding.join(10_000);
    assertTrue(ended.get() instanceof IllegalStateException, String.valueOf(ended.get()));
  }
}
