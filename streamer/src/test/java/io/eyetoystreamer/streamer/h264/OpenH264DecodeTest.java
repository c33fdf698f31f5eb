package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenH264 wrote decodes, with FFmpeg's own H.264 decoder, into the picture that went in: each
 * frame's PSNR against the I420 planes the encoder was given, per plane.
 */
class OpenH264DecodeTest {
  private static final int W = 640;
  private static final int H = 480;
  private static final int FRAME = W * H * 3 / 2;

  /** Worst frame's PSNR, dB: the simulated picture at 1 Mbit/s decodes at about 54 dB. */
  private static final double MIN_PSNR = 40;

  private static Path ffmpeg;

  @BeforeAll
  static void needsOpenH264AndFfmpeg() {
    OpenH264EncoderTest.requireOpenH264();
    ffmpeg = TestRequirements.requireTool("ffmpeg", "ffmpeg");
  }

  /** The source frames as the encoder saw them (I420), and the stream it made of them. */
  private record Encoded(List<byte[]> sources, List<byte[]> units) {
    byte[] stream(int from) {
      ByteArrayOutputStream s = new ByteArrayOutputStream();
      units.subList(from, units.size()).forEach(s::writeBytes);
      return s.toByteArray();
    }
  }

  private static Encoded encode(int count, int... keyFramesAt) {
    OpenH264EncoderTest.Frames frames = new OpenH264EncoderTest.Frames();
    YuyvToI420 i420 = new YuyvToI420();
    List<byte[]> sources = new ArrayList<>();
    List<byte[]> units;
    try (OpenH264Encoder encoder = OpenH264Encoder.open(OpenH264EncoderTest.VGA)) {
      units = OpenH264EncoderTest.encode(encoder, count, keyFramesAt);
    }
    for (int i = 0; i < count; i++) {
      ByteBuffer planes = ByteBuffer.allocate(FRAME);
      i420.convert(
          frames.paint(1000 + i),
          W,
          H,
          2 * W,
          planes.slice(0, W * H),
          planes.slice(W * H, W * H / 4),
          planes.slice(W * H * 5 / 4, W * H / 4));
      sources.add(planes.array());
    }
    return new Encoded(sources, units);
  }

  @Test
  void decodedFramesMatchTheSource(@TempDir Path dir) throws Exception {
    Encoded e = encode(40);
    List<byte[]> decoded = decode(dir, e.stream(0));
    assertEquals(40, decoded.size(), "every access unit decodes to a frame");
    assertPsnr(e.sources(), decoded);
  }

  @Test
  void decodingStartsAtARequestedKeyFrame(@TempDir Path dir) throws Exception {
    Encoded e = encode(30, 12);
    List<byte[]> decoded = decode(dir, e.stream(12));
    assertEquals(18, decoded.size(), "a viewer joining at the key frame decodes every frame");
    assertPsnr(e.sources().subList(12, 30), decoded);
  }

  @Test
  void ffprobeSeesConstrainedBaseline(@TempDir Path dir) throws Exception {
    Path ffprobe = TestRequirements.requireTool("ffprobe", "ffmpeg");
    Path file = dir.resolve("stream.h264");
    Files.write(file, encode(3).stream(0));
    String info =
        run(
            List.of(
                ffprobe.toString(),
                "-v",
                "error",
                "-f",
                "h264",
                "-show_entries",
                "stream=profile,width,height,pix_fmt,color_range,color_space,has_b_frames",
                "-of",
                "default=noprint_wrappers=1",
                file.toString()));
    assertTrue(info.contains("profile=Constrained Baseline"), info);
    assertTrue(info.contains("width=640") && info.contains("height=480"), info);
    assertTrue(info.contains("pix_fmt=yuv420p"), info);
    assertTrue(info.contains("color_range=tv"), info);
    assertTrue(info.contains("color_space=smpte170m"), info);
    assertTrue(info.contains("has_b_frames=0"), info);
  }

  private static void assertPsnr(List<byte[]> sources, List<byte[]> decoded) {
    double worstY = Double.MAX_VALUE;
    double worstC = Double.MAX_VALUE;
    for (int i = 0; i < sources.size(); i++) {
      worstY = Math.min(worstY, psnr(sources.get(i), decoded.get(i), 0, W * H));
      worstC = Math.min(worstC, psnr(sources.get(i), decoded.get(i), W * H, FRAME));
    }
    System.out.printf("worst frame PSNR: Y %.1f dB, Cb+Cr %.1f dB%n", worstY, worstC);
    assertTrue(worstY >= MIN_PSNR, "luma PSNR " + worstY + " dB");
    assertTrue(worstC >= MIN_PSNR, "chroma PSNR " + worstC + " dB");
  }

  static double psnr(byte[] a, byte[] b, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
    }
    double mse = sum / (to - from);
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** FFmpeg's decoding of an Annex-B stream into I420 frames. */
  private static List<byte[]> decode(Path dir, byte[] stream) throws Exception {
    Path in = dir.resolve("in.h264");
    Path out = dir.resolve("out.yuv");
    Files.write(in, stream);
    run(
        List.of(
            ffmpeg.toString(),
            "-nostdin",
            "-v",
            "error",
            "-f",
            "h264",
            "-i",
            in.toString(),
            "-fps_mode",
            "passthrough",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
            "-y",
            out.toString()));
    byte[] all = Files.readAllBytes(out);
    assertEquals(0, all.length % FRAME, "whole 640x480 I420 frames");
    List<byte[]> frames = new ArrayList<>();
    for (int at = 0; at < all.length; at += FRAME) {
      byte[] f = new byte[FRAME];
      System.arraycopy(all, at, f, 0, FRAME);
      frames.add(f);
    }
    return frames;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + String.join(" ", cmd));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
