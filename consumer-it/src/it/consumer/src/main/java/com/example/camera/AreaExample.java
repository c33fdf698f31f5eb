package com.example.camera;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The README's two-process example: one process captures into an area, others read it. */
public final class AreaExample {
  private AreaExample() {}

  /**
   * Captures into the area file at args[0] for args[1] seconds.
   *
   * @param args the area file and the seconds
   * @throws IOException when the area cannot be created
   */
  public static void main(String[] args) throws IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
    capture(Path.of(args[0]), () -> System.nanoTime() - end < 0);
  }

  // README: process 1
  static void capture(Path path, BooleanSupplier running) throws IOException {
    try (V4l2Device camera = V4l2Device.open("/dev/video0");
        FrameArea area = FrameArea.createFile(path, AreaGeometry.yuyv(640, 480))) {
      camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      AreaWriter writer = area.writer();
      try (CaptureStream stream = camera.startCapture(4)) {
        while (running.getAsBoolean()) {
          try (Frame frame = stream.next(2000)) {
            if (frame == null) continue;                   // no frame within 2 s
            ByteBuffer slot = writer.claim();              // fill the next slot in place...
            int length = frame.copyTo(slot);
            writer.commit(length, frame.timestampNanos()); // ...and publish it
          }
        }
      }
    }
  }

  // README: process 2 (and 3, 4, ...)
  static void view(Path path, int frames, Consumer<ByteBuffer> use) throws IOException {
    try (FrameArea area = FrameArea.openFile(path, Duration.ofSeconds(5))) {
      AreaReader reader = area.newReader();
      ByteBuffer frame = ByteBuffer.allocateDirect(area.geometry().slotCapacity());
      long last = 0;
      for (int n = 0; n < frames; ) {
        long newest = reader.awaitNewer(last, TimeUnit.SECONDS.toNanos(1)); // sleeps in a futex
        if (newest == AreaReader.WRITER_GONE) break;
        if (newest == AreaReader.TIMED_OUT) continue;
        long seq = reader.readLatest(frame.clear(), last);                  // never torn
        if (seq != AreaReader.NOTHING_NEWER) { last = seq; use.accept(frame.flip()); n++; }
      }
    }
  }
}
