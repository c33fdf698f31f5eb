package com.example.camera;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.fakeeyetoy.FakeH264Encoder;
import io.eyetoystreamer.fakeeyetoy.StampDecoder;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.nio.ByteBuffer;

/** The snippets of fake-eyetoy/README.md, as they are written there. */
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

  static void encoder(ByteBuffer frame) {
    FakeH264Encoder fake = new FakeH264Encoder();             // /dev/video11, multi-planar, host ABI
    try (M2mEncoder encoder = M2mEncoder.open(FakeH264Encoder.PATH, fake)) {
      encoder.setCodedFormat(FourCc.H264, 0);
      encoder.setRawFormat(Format.of(640, 480, FourCc.YUYV));
      encoder.start(2, 2);
      fake.faults().flagErrorFrames(1);                       // and other faults, see EncoderFaults
      Encoded e = encoder.encode(frame, ByteBuffer.allocate(encoder.codedBufferBytes()), 1000);
      assert e.error();
    }
  }
}
