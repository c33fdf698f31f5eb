package io.eyetoystreamer.fakeeyetoy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.EncoderInfo;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SimulatedDevicesTest {
  private final SimulatedDevices devices = new SimulatedDevices();

  @Test
  void theDefaultSetIsTheCameraAndTheEncoder() {
    assertEquals(List.of(FakeEyetoy.PATH, FakeH264Encoder.PATH), devices.deviceNodes());
    assertEquals(FakeH264Encoder.PATH, devices.device(FakeH264Encoder.class).path());
  }

  @Test
  void theCameraIsListedAsACameraAndTheEncoderAsAnEncoder() {
    List<DeviceInfo> cameras = V4l2Devices.list(devices);
    assertEquals(1, cameras.size());
    assertEquals(FakeEyetoy.PATH, cameras.get(0).path());
    List<EncoderInfo> encoders = V4l2Devices.encoders(devices);
    assertEquals(1, encoders.size());
    assertEquals(FakeH264Encoder.PATH, encoders.get(0).path());
    assertTrue(encoders.get(0).produces(FourCc.H264));
    assertTrue(encoders.get(0).takes(FourCc.YUYV));
  }

  @Test
  void descriptorsOfTheDevicesNeverClash() {
    int camera = devices.open(FakeEyetoy.PATH, V4l2Native.O_RDWR);
    int encoder = devices.open(FakeH264Encoder.PATH, V4l2Native.O_RDWR);
    assertNotEquals(camera, encoder);
    assertEquals(0, devices.close(encoder));
    assertEquals(-Errno.EBADF, devices.close(encoder));
    assertEquals(1, devices.device(FakeEyetoy.class).openDescriptors());
    assertEquals(0, devices.device(FakeH264Encoder.class).openDescriptors());
    devices.close(camera);
  }

  @Test
  void anUnknownNodeIsNotFound() {
    assertEquals(-Errno.ENOENT, devices.open("/dev/video5", V4l2Native.O_RDWR));
  }

  @Test
  void aCapturedFrameCanBeEncodedThroughTheSameSeam() {
    try (V4l2Device camera = V4l2Device.open(FakeEyetoy.PATH, devices);
        M2mEncoder encoder = M2mEncoder.open(FakeH264Encoder.PATH, devices)) {
      Format format = camera.setFormat(Format.of(320, 240, FourCc.YUYV)).actual();
      encoder.setCodedFormat(FourCc.H264, 0);
      encoder.setRawFormat(Format.of(format.width(), format.height(), FourCc.YUYV));
      encoder.start(2, 2);
      ByteBuffer out = ByteBuffer.allocate(encoder.codedBufferBytes());
      try (CaptureStream stream = camera.startCapture(3);
          Frame frame = stream.next(2000)) {
        assertTrue(encoder.encode(frame.data(), out, 1000).keyFrame());
      }
    }
    assertEquals(0, devices.device(FakeH264Encoder.class).mappedBuffers());
    assertEquals(0, devices.device(FakeEyetoy.class).mappedBuffers());
  }

  @Test
  void devicesOfDifferentAbisCannotShareASeam() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SimulatedDevices(
                new FakeEyetoy(Abi.X86_64),
                new FakeH264Encoder(Abi.ARMHF_TIME32, FakeH264Encoder.PATH, false)));
  }

  @Test
  void theServiceLoaderProvidesTheSimulatedDevices() {
    V4l2Native provided = ServiceLoader.load(V4l2Native.class).findFirst().orElseThrow();
    assertTrue(provided instanceof SimulatedDevices, provided.toString());
  }
}
