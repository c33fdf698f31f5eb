package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.testsupport.TestRequirements;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.M2mEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated encoder's stream, produced through the library's {@link M2mEncoder}, decoded by
 * ffmpeg: every picture comes back sample for sample (I_PCM is lossless; P_Skip repeats the
 * previous picture), so luma equals the source's and chroma the source's 4:2:0 average exactly.
 * ffmpeg runs with {@code -xerror -err_detect explode}, so any syntax it objects to fails the test.
 */
class H264DecodabilityTest {
  private static Path ffmpeg() {
    return TestRequirements.requireTool("ffmpeg", "ffmpeg");
  }

  /** Encodes raw frames through the library on a fresh simulated encoder. */
  private static byte[] encode(int fourcc, int width, int height, List<ByteBuffer> frames) {
    FakeH264Encoder device = new FakeH264Encoder();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (M2mEncoder encoder = M2mEncoder.open(FakeH264Encoder.PATH, device)) {
      encoder.setCodedFormat(FourCc.H264, 0);
      Format raw = encoder.setRawFormat(Format.of(width, height, fourcc)).actual();
      assertEquals(width, raw.width());
      assertEquals(height, raw.height());
      encoder.start(2, 2);
      ByteBuffer out = ByteBuffer.allocate(encoder.codedBufferBytes());
      for (ByteBuffer frame : frames) {
        out.clear();
        encoder.encode(frame, out, 2000);
        stream.write(out.array(), 0, out.position());
      }
    }
    return stream.toByteArray();
  }

  /** Decodes with ffmpeg to raw yuv420p, failing on any decoding error. */
  private static byte[] decode(Path ffmpeg, Path dir, byte[] h264) throws Exception {
    Path in = dir.resolve("in.h264");
    Path out = dir.resolve("out.yuv");
    Files.write(in, h264);
    run(
        List.of(
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
            out.toString()));
    return Files.readAllBytes(out);
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + cmd);
    }
    if (p.exitValue() != 0 || !text.isBlank() && cmd.contains("-xerror")) {
      fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  /** The expected 4:2:0 picture of a YUYV frame, as ffmpeg writes yuv420p (Y, U, V planes). */
  private static byte[] expectedYuv420(ByteBuffer yuyv, int width, int height) {
    byte[] out = new byte[width * height * 3 / 2];
    int cw = width / 2;
    int u = width * height;
    int v = u + cw * (height / 2);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[y * width + x] = yuyv.get(y * width * 2 + 2 * x);
      }
    }
    for (int y = 0; y < height / 2; y++) {
      for (int x = 0; x < cw; x++) {
        int top = (2 * y) * width * 2 + 4 * x;
        int bottom = top + width * 2;
        out[u + y * cw + x] =
            (byte) (((yuyv.get(top + 1) & 0xFF) + (yuyv.get(bottom + 1) & 0xFF) + 1) >> 1);
        out[v + y * cw + x] =
            (byte) (((yuyv.get(top + 3) & 0xFF) + (yuyv.get(bottom + 3) & 0xFF) + 1) >> 1);
      }
    }
    return out;
  }

  private static void assertPicture(
      byte[] expected, byte[] decoded, int frame, int width, int height) {
    int size = expected.length;
    int luma = width * height;
    for (int i = 0; i < size; i++) {
      byte got = decoded[frame * size + i];
      if (got != expected[i]) {
        String plane = i < luma ? "Y" : i < luma + luma / 4 ? "U" : "V";
        fail(
            "frame "
                + frame
                + ": "
                + plane
                + " sample "
                + i
                + " decoded "
                + (got & 0xFF)
                + ", expected "
                + (expected[i] & 0xFF));
      }
    }
  }

  private static ByteBuffer painted(long sequence) {
    ByteBuffer frame = ByteBuffer.allocateDirect(640 * 480 * 2);
    new FramePainter(PictureLayout.VGA).paint(frame, 1280, sequence, PictureSettings.DEFAULTS);
    return frame;
  }

  @Test
  void theSimulatedCamerasPicturesDecodeToTheirExactSamples(@TempDir Path dir) throws Exception {
    Path ffmpeg = ffmpeg();
    List<ByteBuffer> frames = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      frames.add(painted(i));
    }
    frames.add(painted(3)); // unchanged: a P slice of skipped macroblocks
    byte[] decoded = decode(ffmpeg, dir, encode(FourCc.YUYV, 640, 480, frames));
    int size = 640 * 480 * 3 / 2;
    assertEquals(frames.size() * size, decoded.length, "frames decoded");
    for (int i = 0; i < frames.size(); i++) {
      assertPicture(expectedYuv420(frames.get(i), 640, 480), decoded, i, 640, 480);
    }
  }

  @Test
  void randomSamplesWithZeroRunsAndACroppedSizeDecodeExactly(@TempDir Path dir) throws Exception {
    Path ffmpeg = ffmpeg();
    int w = 90;
    int h = 66;
    Random random = new Random(19);
    List<ByteBuffer> frames = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      ByteBuffer frame = ByteBuffer.allocateDirect(w * h * 2);
      for (int i = 0; i < frame.capacity(); i++) {
        // zeros in runs (start code emulation in the samples) and small values after them
        int r = random.nextInt(10);
        frame.put(i, (byte) (r < 4 ? 0 : r < 6 ? random.nextInt(4) : random.nextInt(256)));
      }
      frames.add(frame);
    }
    byte[] decoded = decode(ffmpeg, dir, encode(FourCc.YUYV, w, h, frames));
    assertEquals(3 * w * h * 3 / 2, decoded.length);
    for (int i = 0; i < 3; i++) {
      assertPicture(expectedYuv420(frames.get(i), w, h), decoded, i, w, h);
    }
  }

  @Test
  void planar420InputDecodesToItself(@TempDir Path dir) throws Exception {
    Path ffmpeg = ffmpeg();
    int w = 48;
    int h = 32;
    ByteBuffer frame = ByteBuffer.allocateDirect(w * h * 3 / 2);
    for (int i = 0; i < frame.capacity(); i++) {
      frame.put(i, (byte) (i * 31 + 7));
    }
    byte[] decoded = decode(ffmpeg, dir, encode(FourCc.YUV420, w, h, List.of(frame)));
    byte[] expected = new byte[frame.capacity()];
    frame.get(0, expected);
    assertPicture(expected, decoded, 0, w, h);
  }

  @Test
  void ffprobeSeesConstrainedBaselineAtLevel51(@TempDir Path dir) throws Exception {
    Path ffmpeg = ffmpeg();
    Path ffprobe = ffmpeg.resolveSibling("ffprobe");
    TestRequirements.require(
        Files.isExecutable(ffprobe),
        "ffprobe is not beside " + ffmpeg,
        "apt-get install -y ffmpeg");
    Path in = dir.resolve("in.h264");
    Files.write(in, encode(FourCc.YUYV, 640, 480, List.of(painted(0))));
    String info =
        run(
            List.of(
                ffprobe.toString(),
                "-v",
                "error",
                "-show_entries",
                "stream=profile,level,width,height,pix_fmt,color_space",
                "-of",
                "default=noprint_wrappers=1",
                in.toString()));
    assertTrue(info.contains("profile=Constrained Baseline"), info);
    assertTrue(info.contains("level=51"), info);
    assertTrue(info.contains("width=640") && info.contains("height=480"), info);
    assertTrue(info.contains("color_space=smpte170m"), info);
  }
}
