package com.example.camera;

import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.nio.ByteBuffer;

/** The snippets of v4l2-api/README.md, as they are written there. */
public final class LibraryReadme {
  static volatile boolean running = true;
  static long consumed;

  private LibraryReadme() {}

  static void consume(ByteBuffer data, long sequence, long timestampNanos) {
    consumed += data.remaining() > 0 ? 1 : 0;
    running = consumed < 30;
  }

  static void captureInTenLines() {
    try (V4l2Device camera = V4l2Device.open("/dev/video0")) {
      Negotiated<Format> format = camera.setFormat(Format.of(640, 480, FourCc.YUYV));
      if (format.adjusted()) System.err.println(format); // "requested ..., driver chose ..."
      camera.setFrameRate(30);
      try (CaptureStream stream = camera.startCapture(4)) {
        while (running) {
          try (Frame frame = stream.next(2000)) {       // null after 2 s without a frame
            if (frame != null) consume(frame.data(), frame.sequence(), frame.timestampNanos());
          }                                              // closing gives the buffer back
        }
      }
    }
  }

  static long controls(V4l2Device camera) {
    camera.controls().set("brightness", 128);
    camera.controls().set("white_balance_automatic", 0);   // "White Balance, Automatic"
    long gain = camera.controls().get("gain");
    return gain;
  }
}
