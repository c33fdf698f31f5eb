package com.example.camera;

import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.M2mEncoder;
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

  static void encodeOneFrame(ByteBuffer frame) {
    try (M2mEncoder encoder = M2mEncoder.open("/dev/video11")) {  // the Pi's H.264 encoder
      encoder.setCodedFormat(FourCc.H264, 0);                     // CAPTURE (coded) first
      encoder.setRawFormat(Format.of(640, 480, FourCc.YUYV));     // then OUTPUT (raw)
      encoder.controls().set("video_bitrate", 2_000_000);
      encoder.start(2, 2);                                        // buffers on both queues
      ByteBuffer out = ByteBuffer.allocate(encoder.codedBufferBytes());
      Encoded coded = encoder.encode(frame, out, 1000);           // one frame in, its bytes out
      if (coded.keyFrame()) System.err.println("IDR of " + coded.bytes() + " bytes");
    }
  }
}
