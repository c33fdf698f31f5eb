package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CaptureStats;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Memory-mapped streaming from vivid: 100 frames of 640x480 YUYV at 25 fps. */
@VividTest
class VividCaptureIT {
  @Test
  void hundredFramesAt25FpsInOrderWholeAndChanging() throws Exception {
    try (V4l2Device camera = V4l2Device.open(DeviceUnderTest.path())) {
      camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      camera.setFrameRate(25);
      camera.controls().set("horizontal_movement", 1); // "Move Left": every frame differs
      // Each frame is copied out, as an application would, and checked after the capture: under
      // qemu's emulation checking it in the loop, or a garbage collection copying the copies
      // around, would make frames late. So the copies are direct buffers, allocated beforehand.
      int count = 100;
      ByteBuffer[] pictures = new ByteBuffer[count];
      for (int i = 0; i < count; i++) {
        pictures[i] = ByteBuffer.allocateDirect(614400);
      }
      try (CaptureStream stream = camera.startCapture(4)) {
        int buffers = stream.bufferCount();
        int[] uses = new int[buffers];
        long firstSequence = -1;
        long lastSequence = -1;
        long firstStamp = 0;
        long lastStamp = 0;
        long started = 0;
        for (int i = 0; i < count; i++) {
          Frame frame = stream.next(2000);
          assertNotNull(frame, "no frame within 2 s after " + i);
          try {
            assertEquals(614400, frame.bytesUsed(), "frame " + i);
            assertTrue(frame.timestampMonotonic());
            if (i == 0) {
              firstSequence = frame.sequence();
              firstStamp = frame.timestampNanos();
              started = System.nanoTime();
            } else {
              assertEquals(lastSequence + 1, frame.sequence(), "sequence after " + lastSequence);
              assertTrue(frame.timestampNanos() > lastStamp, "timestamp goes back at " + i);
            }
            pictures[i].put(frame.data()).flip();
            lastSequence = frame.sequence();
            lastStamp = frame.timestampNanos();
            uses[frame.index()]++;
          } finally {
            frame.release();
          }
          assertFalse(frame.isHeld(), "released frames go back to the driver");
        }
        long elapsed = System.nanoTime() - started;
        CaptureStats stats = stream.stats();
        double byStamp = (count - 1) * 1e9 / (lastStamp - firstStamp);
        double byClock = (count - 1) * 1e9 / elapsed;
        System.out.printf(
            Locale.ROOT,
            "capture: %d frames, sequence %d..%d, %.2f fps by timestamp, %.2f fps by arrival,"
                + " %d buffers used %s times, %s%n",
            count,
            firstSequence,
            lastSequence,
            byStamp,
            byClock,
            buffers,
            Arrays.toString(uses),
            stats);
        assertEquals(new CaptureStats(count, 0, 0, 0), stats);
        for (int i = 0; i < count; i++) {
          assertNull(Vivid.tornRows(pictures[i], 480, 1280), "frame " + i);
          if (i > 0) {
            assertTrue(
                pictures[i].mismatch(pictures[i - 1]) >= 0,
                "frame " + i + " is the same picture as the one before");
          }
        }
        for (int u : uses) {
          assertTrue(u >= count / buffers - 1, "every buffer comes back: " + u);
        }
        // The driver's clock says vivid's rate; arrival is compared with the driver's timestamps of
        // the same frames (the yardstick of the same window), not with the nominal rate, so a
        // starved machine that delays the whole window does not fail it.
        assertEquals(25.0, byStamp, 25 * 0.05, "rate by timestamp");
        assertEquals(byStamp, byClock, byStamp * 0.05, "rate by arrival, against the timestamps");
      } finally {
        camera.controls().set("horizontal_movement", 3);
      }
    }
  }
}
