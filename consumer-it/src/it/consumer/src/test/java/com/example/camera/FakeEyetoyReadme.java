package com.example.camera;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.V4l2Device;

/** The snippet of fake-eyetoy/README.md, as it is written there. */
final class FakeEyetoyReadme {
  private FakeEyetoyReadme() {}

  static void run() {
    FakeEyetoy fake = new FakeEyetoy();                       // plugged in, /dev/video0, host ABI
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, fake)) {
      camera.setFrameRate(30);
      try (CaptureStream stream = camera.startCapture(4);
           Frame frame = stream.next(2000)) {
        StampDecoder.Stamps s = StampDecoder.fromYuyv(frame.data(), 640, 480, 1280);
        assert s.whole() && s.sequence() == frame.sequence();
      }
    }
    fake.faults().unplugAfterFrames(5);                       // and other faults, see Faults
  }
}
