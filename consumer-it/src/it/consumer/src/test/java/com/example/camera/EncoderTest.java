package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import io.eyetoystreamer.v4l2.EncoderInfo;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.V4l2Devices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mem2mem encoder API as a user calls it, on the simulated H.264 encoder. */
class EncoderTest {
  @Test
  void theSimulatedEncoderIsListedAsAnH264Encoder() {
    List<EncoderInfo> encoders = V4l2Devices.encoders();
    assertEquals(1, encoders.size(), "the simulated encoder is the one encoder: " + encoders);
    assertEquals("/dev/video11", encoders.get(0).path());
    assertTrue(encoders.get(0).produces(FourCc.H264));
  }

  @Test
  void theReadmeSnippetEncodesAFrameOnTheSimulatedEncoder() {
    ByteBuffer frame = ByteBuffer.allocateDirect(640 * 480 * 2);
    new FramePainter(PictureLayout.VGA).paint(frame, 1280, 0, PictureSettings.DEFAULTS);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      LibraryReadme.encodeOneFrame(frame);
    } finally {
      System.setErr(saved);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("IDR of "), "the first frame is a key frame: " + said);
  }

  @Test
  void theFakeEyetoyReadmeSnippetRuns() {
    ByteBuffer frame = ByteBuffer.allocateDirect(640 * 480 * 2);
    FakeEyetoyReadme.encoder(frame); // its assert runs when assertions are on (surefire's default)
  }
}
