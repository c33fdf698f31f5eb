package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Frames come at the requested rate on the real clock. Measured over 5 s through the library, as
 * the frames the camera made (sequence numbers) per second of arrival time and of frame timestamps;
 * asserted within 10% so a loaded CI machine passes, printed so the real figure can be quoted.
 */
class PacingTest {
  private static final long MEASURE_NANOS = 5_000_000_000L;
  private static final double TOLERANCE = 0.10;
  private static final int WARM_UP_FRAMES = 10;

  @Test
  void thirtyFramesPerSecondMeasuredOverFiveSeconds() {
    measure(30);
  }

  private static void measure(int fps) {
    FakeEyetoy fake = new FakeEyetoy();
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      camera.setFrameRate(fps);
      try (CaptureStream stream = camera.startCapture(4)) {
        for (int i = 0; i < WARM_UP_FRAMES; i++) {
          try (Frame frame = stream.next(2000)) {
            assertNotNull(frame); // the first frames also pay for class loading and JIT
          }
        }
        long firstArrival;
        long firstStamp;
        long firstSequence;
        try (Frame first = stream.next(2000)) {
          assertNotNull(first);
          firstArrival = System.nanoTime();
          firstStamp = first.timestampNanos();
          firstSequence = first.sequence();
        }
        long gapsBefore = stream.stats().sequenceGaps();
        long frames = 0;
        long lastArrival = firstArrival;
        long lastStamp = firstStamp;
        long lastSequence = firstSequence;
        while (lastArrival - firstArrival < MEASURE_NANOS) {
          try (Frame frame = stream.next(2000)) {
            assertNotNull(frame);
            lastArrival = System.nanoTime();
            lastStamp = frame.timestampNanos();
            lastSequence = frame.sequence();
            frames++;
          }
        }
        double seconds = (lastArrival - firstArrival) / 1e9;
        long made = lastSequence - firstSequence;
        double arrivalRate = made / seconds;
        double stampRate = made * 1e9 / (lastStamp - firstStamp);
        double deliveredRate = frames / seconds;
        long missed = stream.stats().sequenceGaps() - gapsBefore;
        System.out.printf(
            Locale.ROOT,
            "pacing at %d fps over %.3f s: %.3f fps by arrival (%+.3f%%), %.3f fps by timestamp"
                + " (%+.3f%%); %d frames delivered (%.3f fps), %d missed by the reader%n",
            fps,
            seconds,
            arrivalRate,
            100 * (arrivalRate / fps - 1),
            stampRate,
            100 * (stampRate / fps - 1),
            frames,
            deliveredRate,
            missed);
        assertEquals(fps, arrivalRate, fps * TOLERANCE, "frames per second by arrival");
        assertEquals(fps, stampRate, fps * TOLERANCE, "frames per second by timestamp");
        assertEquals(made, frames + missed, "every frame made was delivered or missed");
      }
    }
  }
}
