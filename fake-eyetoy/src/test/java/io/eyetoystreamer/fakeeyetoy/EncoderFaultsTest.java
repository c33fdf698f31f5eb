package io.eyetoystreamer.fakeeyetoy;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.DeviceGoneException;
import io.eyetoystreamer.v4l2.DeviceNotFoundException;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.RawBuffer;
import io.eyetoystreamer.v4l2.V4l2Exception;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The simulated encoder's faults, as the library sees them. */
class EncoderFaultsTest {
  private static final int W = 64;
  private static final int H = 48;

  private final FakeH264Encoder fake = new FakeH264Encoder();

  private M2mEncoder started() {
    M2mEncoder e = M2mEncoder.open(fake.path(), fake);
    e.setCodedFormat(FourCc.H264, 0);
    e.setRawFormat(Format.of(W, H, FourCc.YUYV));
    e.start(2, 2);
    return e;
  }

  private static ByteBuffer frame(int seed) {
    ByteBuffer b = ByteBuffer.allocateDirect(W * H * 2);
    for (int i = 0; i < b.capacity(); i++) {
      b.put(i, (byte) (seed + i));
    }
    return b;
  }

  private static Encoded encode(M2mEncoder e, int seed) {
    return e.encode(frame(seed), ByteBuffer.allocate(e.codedBufferBytes()), 1000);
  }

  @Test
  void aFailingQbufIsATypedErrorAndTheNextFrameWorks() {
    try (M2mEncoder e = started()) {
      fake.faults().failQbuf(1, Errno.ENOMEM);
      V4l2Exception x = assertThrows(V4l2Exception.class, () -> encode(e, 1));
      assertEquals(Errno.ENOMEM, x.errno());
      assertEquals("VIDIOC_QBUF (OUTPUT)", x.operation());
      assertTrue(encode(e, 2).keyFrame());
    }
  }

  @Test
  void anErrorFrameComesBackFlaggedAndTheStreamGoesOn() {
    try (M2mEncoder e = started()) {
      fake.faults().flagErrorFrames(1);
      Encoded failed = encode(e, 1);
      assertTrue(failed.error());
      assertEquals(0, failed.bytes());
      assertTrue(encode(e, 2).keyFrame(), "the stream starts at the next frame");
    }
  }

  @Test
  void aHungEncoderTimesOut() {
    try (M2mEncoder e = started()) {
      fake.faults().hang(true);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      V4l2Exception x = assertThrows(V4l2Exception.class, () -> e.encode(frame(1), out, 100));
      assertTrue(
          x.getMessage().contains("no coded frame came from the encoder in 100 ms"),
          x.getMessage());
      fake.faults().hang(false);
      assertTrue(e.nextCoded(1000).keyFrame(), "the frame comes once the encoder runs again");
    }
  }

  @Test
  void aFatalErrorIsDeviceGoneAndANewDescriptorWorks() {
    M2mEncoder e = started();
    fake.faults().fatalError();
    DeviceGoneException x = assertThrows(DeviceGoneException.class, () -> encode(e, 1));
    assertEquals(Errno.EIO, x.errno());
    e.close();
    try (M2mEncoder again = started()) {
      assertTrue(encode(again, 2).keyFrame());
    }
  }

  @Test
  void anUnpluggedEncoderIsGoneUntilReplugged() {
    M2mEncoder e = started();
    fake.faults().unplug();
    assertThrows(DeviceGoneException.class, () -> encode(e, 1));
    e.close();
    assertEquals(List.of(), fake.deviceNodes());
    assertThrows(DeviceNotFoundException.class, () -> M2mEncoder.open(fake.path(), fake));
    fake.faults().replug();
    assertTrue(fake.faults().plugged());
    try (M2mEncoder again = started()) {
      assertTrue(encode(again, 2).keyFrame());
    }
    assertEquals(0, fake.mappedBuffers());
  }

  @Test
  void anUnplugWakesAThreadWaitingForACodedBuffer() throws Exception {
    try (M2mEncoder e = started()) {
      CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> e.nextCoded(-1));
      Thread.sleep(100);
      fake.faults().unplug();
      ExecutionException x = assertThrows(ExecutionException.class, () -> waiter.get(5, SECONDS));
      assertTrue(x.getCause() instanceof DeviceGoneException, x.getCause().toString());
    }
  }

  @Test
  void aRawBufferRefusedByQbufStaysTheCallers() {
    try (M2mEncoder e = started()) {
      RawBuffer raw = e.nextRawBuffer(0);
      fake.faults().failQbuf(1, Errno.EIO);
      assertThrows(DeviceGoneException.class, () -> raw.queue(W * H * 2, 0));
      assertTrue(raw.isHeld());
      raw.release();
      assertFalse(raw.isHeld());
    }
  }

  @Test
  void clearEndsEveryFault() {
    try (M2mEncoder e = started()) {
      fake.faults().failQbuf(5, Errno.EIO);
      fake.faults().flagErrorFrames(5);
      fake.faults().hang(true);
      fake.faults().clear();
      assertTrue(encode(e, 1).keyFrame());
    }
  }
}
