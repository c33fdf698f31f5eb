package io.eyetoystreamer.fakeeyetoy;

import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_BUF_FLAG_LAST;
import static io.eyetoystreamer.v4l2.abi.V4l2Constants.V4L2_ENC_CMD_STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.CodedBuffer;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.DeviceBusyException;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.EncoderCommand;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.InvalidRequestException;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.RawBuffer;
import io.eyetoystreamer.v4l2.V4l2Event;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.NativeStruct;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulated encoder's rules, through the library and, where the library hides them, raw. */
class FakeH264EncoderTest {
  private static final int W = 64;
  private static final int H = 48;

  private static M2mEncoder open(FakeH264Encoder fake) {
    M2mEncoder e = M2mEncoder.open(fake.path(), fake);
    e.setCodedFormat(FourCc.H264, 0);
    e.setRawFormat(Format.of(W, H, FourCc.YUYV));
    return e;
  }

  private static M2mEncoder started(FakeH264Encoder fake) {
    M2mEncoder e = open(fake);
    e.start(2, 2);
    return e;
  }

  private static ByteBuffer frame(int seed) {
    ByteBuffer b = ByteBuffer.allocateDirect(W * H * 2);
    for (int i = 0; i < b.capacity(); i++) {
      b.put(i, (byte) (seed * 13 + i));
    }
    return b;
  }

  /** Encodes a frame and returns the NAL unit types of its access unit. */
  private static List<Integer> nalTypes(M2mEncoder e, ByteBuffer frame) {
    ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
    e.encode(frame, out, 1000);
    byte[] au = new byte[out.position()];
    out.get(0, au);
    return AnnexB.split(au).stream().map(AnnexB.Nal::type).toList();
  }

  @Test
  void itIsAMultiplanarMemToMemNodeNamedLikeItsDriver() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      assertTrue(e.capabilities().isMemToMem());
      assertTrue(e.multiplanar());
      assertEquals(FakeH264Encoder.DRIVER, e.capabilities().driver());
      assertEquals(FakeH264Encoder.CARD, e.capabilities().card());
    }
  }

  @Test
  void itCodesH264FromYuyvYu12AndNv12() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      List<FormatDescription> coded = e.codedFormats();
      assertEquals(1, coded.size());
      assertEquals(FourCc.H264, coded.get(0).pixelFormat());
      assertTrue(coded.get(0).compressed());
      assertEquals(
          List.of(FourCc.YUYV, FourCc.YUV420, FourCc.NV12),
          e.rawFormats().stream().map(FormatDescription::pixelFormat).toList());
    }
  }

  @Test
  void theCodedSizeFollowsTheRawFormat() {
    try (M2mEncoder e = open(new FakeH264Encoder())) {
      Format coded = e.codedFormat();
      assertEquals(W, coded.width());
      assertEquals(H, coded.height());
      assertEquals(FourCc.H264, coded.pixelFormat());
    }
  }

  @Test
  void aCodedBufferIsNeverSmallerThanTheLargestAccessUnit() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      Negotiated<Format> n = e.setCodedFormat(FourCc.H264, 1000);
      assertTrue(n.adjusted());
      assertEquals(H264PcmStream.maxAccessUnitBytes(640, 480), n.actual().sizeImage());
    }
  }

  @Test
  void rawSizesAreEvenAndWithinTheEncodersLimits() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      Format f = e.setRawFormat(Format.of(641, 4000, FourCc.YUYV)).actual();
      assertEquals(640, f.width());
      assertEquals(1088, f.height());
      assertEquals(1280, f.bytesPerLine());
      assertEquals(640 * 1088 * 2, f.sizeImage());
    }
  }

  @Test
  void anUnknownRawFormatBecomesYuyv() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      assertEquals(
          FourCc.YUYV, e.setRawFormat(Format.of(W, H, FourCc.MJPG)).actual().pixelFormat());
    }
  }

  @Test
  void formatsCannotChangeWhileBuffersAreAllocated() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      assertThrows(DeviceBusyException.class, () -> e.setCodedFormat(FourCc.H264, 0));
      assertThrows(DeviceBusyException.class, () -> e.setRawFormat(Format.of(W, H, FourCc.NV12)));
    }
  }

  @Test
  void eachDescriptorIsAnEncoderOfItsOwn() {
    FakeH264Encoder fake = new FakeH264Encoder();
    try (M2mEncoder a = started(fake);
        M2mEncoder b = started(fake)) {
      nalTypes(a, frame(1));
      assertEquals(List.of(7, 8, 5), nalTypes(b, frame(1)), "b starts its own stream");
      assertEquals(List.of(1), nalTypes(a, frame(2)), "a goes on with its own");
    }
  }

  @Test
  void theControlsHaveTheKernelsNamesRangesAndDefaults() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      ControlInfo bitrate = e.controls().info("video_bitrate");
      assertEquals(25_000, bitrate.step());
      assertEquals(10_000_000, bitrate.defaultValue());
      ControlInfo level = e.controls().info("h264_level");
      assertEquals("5.1", level.menuItem(level.defaultValue()).name());
      assertEquals(20, level.menu().size());
      assertEquals(
          "Constrained Baseline",
          e.controls().info("h264_profile").menuItem(e.controls().get("h264_profile")).name());
      assertEquals(60, e.controls().get("h264_i_frame_period"));
      assertEquals(0, e.controls().get("repeat_sequence_header"));
      assertTrue(e.controls().find("force_key_frame").isPresent());
    }
  }

  @Test
  void profileAndLevelAreGrabbedWhileStreamingButTheBitrateIsNot() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      assertThrows(DeviceBusyException.class, () -> e.controls().set("h264_level", 11));
      assertEquals(2_000_000, e.controls().set("video_bitrate", 2_000_000));
    }
  }

  @Test
  void forceKeyFrameMakesTheNextPictureAnIdr() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      nalTypes(e, frame(1));
      assertEquals(List.of(1), nalTypes(e, frame(2)));
      e.controls().set("force_key_frame", 1);
      assertEquals(List.of(5), nalTypes(e, frame(3)));
      assertEquals(List.of(1), nalTypes(e, frame(4)), "once");
    }
  }

  @Test
  void repeatSequenceHeaderPutsSpsAndPpsBeforeEveryIdr() {
    try (M2mEncoder e = open(new FakeH264Encoder())) {
      e.controls().set("repeat_sequence_header", 1);
      e.controls().set("h264_i_frame_period", 2);
      e.start(2, 2);
      assertEquals(List.of(7, 8, 5), nalTypes(e, frame(1)));
      assertEquals(List.of(1), nalTypes(e, frame(2)));
      assertEquals(List.of(7, 8, 5), nalTypes(e, frame(3)));
    }
  }

  @Test
  void anIdenticalFrameIsAPFrame() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      assertTrue(e.encode(frame(1), out, 1000).keyFrame());
      Encoded again = e.encode(frame(1), out.clear(), 1000);
      assertFalse(again.keyFrame());
      assertTrue(again.bytes() < 20, again.bytes() + " bytes");
    }
  }

  @Test
  void theRawFramesTimestampIsCopiedToItsCodedBuffer() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      RawBuffer raw = e.nextRawBuffer(0);
      raw.data().put(frame(1));
      raw.queue(W * H * 2, 42_000_000L);
      try (CodedBuffer coded = e.nextCoded(1000)) {
        assertEquals(42_000_000L, coded.timestampNanos());
        assertTrue(coded.keyFrame());
      }
    }
  }

  @Test
  void aShortRawFrameComesBackAsAnEncodingError() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      RawBuffer raw = e.nextRawBuffer(0);
      raw.queue(100, 1000);
      try (CodedBuffer coded = e.nextCoded(1000)) {
        assertTrue(coded.error());
        assertEquals(0, coded.bytesUsed());
      }
    }
  }

  @Test
  void aDrainEndsWithTheLastBufferAndTheEndOfStreamEvent() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      e.subscribe(V4l2Event.EOS);
      RawBuffer raw = e.nextRawBuffer(0);
      raw.data().put(frame(1));
      raw.queue(W * H * 2, 1000);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      assertTrue(e.drain(out, 1000) > 0);
      V4l2Event eos = e.nextEvent(1000);
      assertNotNull(eos);
      assertTrue(eos.endOfStream());
      assertNull(e.nextEvent(0));
    }
  }

  @Test
  void aSecondStopDuringADrainIsBusy() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      e.command(EncoderCommand.STOP);
      assertThrows(DeviceBusyException.class, () -> e.command(EncoderCommand.STOP));
    }
  }

  @Test
  void onlyStartAndStopAreKnown() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      assertTrue(e.supports(EncoderCommand.START));
      assertTrue(e.supports(EncoderCommand.STOP));
      assertFalse(e.supports(EncoderCommand.PAUSE));
      assertFalse(e.supports(EncoderCommand.STOP_AT_GOP_END));
    }
  }

  @Test
  void sourceChangeCanBeSubscribedToAndControlEventsCannot() {
    try (M2mEncoder e = M2mEncoder.open(FakeH264Encoder.PATH, new FakeH264Encoder())) {
      e.subscribe(V4l2Event.SOURCE_CHANGE);
      assertThrows(InvalidRequestException.class, () -> e.subscribe(V4l2Event.CTRL));
    }
  }

  @Test
  void stopAndStartAgainBeginAnIndependentStream() {
    try (M2mEncoder e = started(new FakeH264Encoder())) {
      nalTypes(e, frame(1));
      e.stop();
      e.start(2, 2);
      assertEquals(List.of(7, 8, 5), nalTypes(e, frame(2)));
    }
  }

  @Test
  void closingFreesEveryBufferAndDescriptor() {
    FakeH264Encoder fake = new FakeH264Encoder();
    M2mEncoder e = started(fake);
    nalTypes(e, frame(1));
    e.close();
    assertEquals(0, fake.allocatedBuffers());
    assertEquals(0, fake.mappedBuffers());
    assertEquals(0, fake.openDescriptors());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void aSinglePlanarEncoderWorksWithTheLayoutsOf(Abi abi) {
    FakeH264Encoder fake = new FakeH264Encoder(abi, FakeH264Encoder.PATH, false);
    try (M2mEncoder e = started(fake)) {
      assertFalse(e.multiplanar());
      assertEquals(List.of(7, 8, 5), nalTypes(e, frame(1)));
      assertEquals(List.of(1), nalTypes(e, frame(1)));
    }
  }

  @Test
  void aMultiplanarEncoderNeedsTheHostsPointerWidth() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeH264Encoder(Abi.ARMHF_TIME32, FakeH264Encoder.PATH, true));
  }

  // ---- rules the library hides ------------------------------------------------------------

  @Test
  void afterTheLastBufferDqbufIsEpipeAndPollSaysReadable() {
    EncoderSeam s = new EncoderSeam().streaming(2);
    assertEquals(0, s.command(V4L2_ENC_CMD_STOP));
    NativeStruct b = s.buffer(EncoderSeam.CAPTURE, 0);
    assertEquals(0, s.dqbuf(b));
    assertTrue((b.getInt("flags") & V4L2_BUF_FLAG_LAST) != 0);
    assertEquals(0, b.getInt("bytesused"), "nothing was queued: the last buffer is empty");
    assertEquals(-Errno.EPIPE, s.dqbuf(s.buffer(EncoderSeam.CAPTURE, 0)));
    assertEquals(V4l2Native.POLLIN, s.poll(V4l2Native.POLLIN));
  }

  @Test
  void pollSaysErrorWhenNothingIsQueuedOnEitherQueue() {
    EncoderSeam s = new EncoderSeam();
    s.reqbufs(EncoderSeam.OUTPUT, 1);
    s.reqbufs(EncoderSeam.CAPTURE, 1);
    s.stream(EncoderSeam.OUTPUT, true);
    s.stream(EncoderSeam.CAPTURE, true);
    assertEquals(V4l2Native.POLLERR, s.poll(V4l2Native.POLLIN | V4l2Native.POLLOUT));
    s.qbuf(EncoderSeam.CAPTURE, 0);
    assertEquals(0, s.poll(V4l2Native.POLLIN | V4l2Native.POLLOUT));
  }

  @Test
  void aCommandWhileAQueueIsNotStreamingDoesNothing() {
    EncoderSeam s = new EncoderSeam();
    assertEquals(0, s.command(V4L2_ENC_CMD_STOP));
    s.streaming(1);
    assertEquals(-Errno.EAGAIN, s.dqbuf(s.buffer(EncoderSeam.CAPTURE, 0)), "no drain started");
  }

  @Test
  void anInterlacedRawFrameIsRefused() {
    EncoderSeam s = new EncoderSeam().streaming(1);
    NativeStruct b = s.buffer(EncoderSeam.OUTPUT, 0);
    b.set("field", 4); // V4L2_FIELD_INTERLACED
    assertEquals(-Errno.EINVAL, s.call(io.eyetoystreamer.v4l2.abi.V4l2Ioctl.VIDIOC_QBUF, b));
  }

  @Test
  void reqbufsWhileStreamingIsBusy() {
    EncoderSeam s = new EncoderSeam().streaming(1);
    assertEquals(-Errno.EBUSY, s.reqbufs(EncoderSeam.CAPTURE, 2));
  }

  @Test
  void captureBuffersAreMappedAboveOutputBuffers() {
    EncoderSeam s = new EncoderSeam();
    s.reqbufs(EncoderSeam.OUTPUT, 1);
    s.reqbufs(EncoderSeam.CAPTURE, 1);
    NativeStruct out = s.buffer(EncoderSeam.OUTPUT, 0);
    NativeStruct cap = s.buffer(EncoderSeam.CAPTURE, 0);
    s.call(io.eyetoystreamer.v4l2.abi.V4l2Ioctl.VIDIOC_QUERYBUF, out);
    s.call(io.eyetoystreamer.v4l2.abi.V4l2Ioctl.VIDIOC_QUERYBUF, cap);
    assertEquals(0, out.get("m.offset"));
    assertEquals(EncoderQueue.CAPTURE_OFFSETS, cap.get("m.offset"));
  }
}
