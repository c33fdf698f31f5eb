package io.eyetoystreamer.v4l2;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.V4l2Ioctl;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.testsupport.ScriptedCamera;
import io.eyetoystreamer.v4l2.testsupport.ScriptedEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mem2mem encoder session over a scripted encoder (its "codec": a header, then bytes + 1). */
class M2mEncoderTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final int FRAME = W * H * 3 / 2;

  private static M2mEncoder started(ScriptedEncoder device) {
    M2mEncoder e = M2mEncoder.open(ScriptedEncoder.PATH, device);
    e.setCodedFormat(FourCc.FWHT, 0);
    e.setRawFormat(Format.of(W, H, FourCc.YUV420));
    e.start(2, 2);
    return e;
  }

  private static ByteBuffer frame(int seed) {
    ByteBuffer b = ByteBuffer.allocateDirect(FRAME);
    for (int i = 0; i < FRAME; i++) {
      b.put(i, (byte) (seed + i));
    }
    return b;
  }

  private static byte[] expectedCoded(ByteBuffer frame) {
    byte[] out = new byte[ScriptedEncoder.HEADER.length + frame.remaining()];
    System.arraycopy(ScriptedEncoder.HEADER, 0, out, 0, ScriptedEncoder.HEADER.length);
    for (int i = 0; i < frame.remaining(); i++) {
      out[ScriptedEncoder.HEADER.length + i] = (byte) (frame.get(frame.position() + i) + 1);
    }
    return out;
  }

  private static byte[] written(ByteBuffer out) {
    byte[] b = new byte[out.position()];
    out.get(0, b);
    return b;
  }

  @ParameterizedTest(name = "multiplanar {0}")
  @ValueSource(booleans = {false, true})
  void encodeWritesTheCodedBytesOfTheFrame(boolean multiplanar) {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, multiplanar))) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      Encoded result = e.encode(frame(7), out, 1000);
      assertEquals(FRAME + 4, result.bytes());
      assertTrue(result.keyFrame());
      assertArrayEquals(expectedCoded(frame(7)), written(out));
    }
  }

  @ParameterizedTest(name = "multiplanar {0}")
  @ValueSource(booleans = {false, true})
  void theQueuesAreTheDevicesOutputAndCaptureTypes(boolean multiplanar) {
    try (M2mEncoder e =
        M2mEncoder.open(ScriptedEncoder.PATH, new ScriptedEncoder(Abi.X86_64, multiplanar))) {
      assertEquals(multiplanar, e.multiplanar());
      assertEquals(FourCc.FWHT, e.codedFormats().get(0).pixelFormat());
      assertTrue(e.codedFormats().get(0).compressed());
      assertEquals(FourCc.YUV420, e.rawFormats().get(0).pixelFormat());
      Format raw = e.setRawFormat(Format.of(W, H, FourCc.YUV420)).actual();
      assertEquals(FRAME, raw.sizeImage());
      assertEquals(W, raw.bytesPerLine());
      assertEquals(W, e.codedFormat().width());
    }
  }

  @Test
  void theCodedBufferSizeAskedForIsWhatTheDriverGets() {
    try (M2mEncoder e =
        M2mEncoder.open(ScriptedEncoder.PATH, new ScriptedEncoder(Abi.X86_64, true))) {
      Negotiated<Format> n = e.setCodedFormat(FourCc.FWHT, 100_000);
      assertFalse(n.adjusted(), n.toString());
      assertEquals(100_000, n.actual().sizeImage());
    }
  }

  @Test
  void consecutiveFramesComeBackInOrder() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, true))) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      for (int i = 0; i < 5; i++) {
        out.clear();
        e.encode(frame(i), out, 1000);
        assertArrayEquals(expectedCoded(frame(i)), written(out), "frame " + i);
      }
    }
  }

  @Test
  void aHeaderBufferBeforeTheFrameIsPartOfItsBytes() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false).separateHeader())) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      Encoded result = e.encode(frame(1), out, 1000);
      byte[] expected = new byte[4 + FRAME + 4];
      System.arraycopy(ScriptedEncoder.STREAM_HEADER, 0, expected, 0, 4);
      System.arraycopy(expectedCoded(frame(1)), 0, expected, 4, FRAME + 4);
      assertEquals(expected.length, result.bytes());
      assertArrayEquals(expected, written(out));
    }
  }

  @Test
  void theRawFramesPositionIsLeftAlone() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      ByteBuffer raw = frame(3);
      e.encode(raw, ByteBuffer.allocate(e.codedBufferBytes()), 1000);
      assertEquals(0, raw.position());
      assertEquals(FRAME, raw.limit());
    }
  }

  @Test
  void anErrorFlaggedFrameWritesNothingAndSaysSo() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false).flagErrorFrames(1))) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      Encoded result = e.encode(frame(1), out, 1000);
      assertTrue(result.error());
      assertEquals(0, result.bytes());
      assertEquals(0, out.position());
      assertEquals(FRAME + 4, e.encode(frame(2), out, 1000).bytes(), "the next frame is fine");
    }
  }

  @Test
  void theLowLevelQueueCarriesTheTimestampToTheCodedBuffer() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, true))) {
      RawBuffer raw = e.nextRawBuffer(1000);
      raw.data().put(frame(9));
      raw.queue(FRAME, 123_456_000L);
      try (CodedBuffer coded = e.nextCoded(1000)) {
        assertNotNull(coded);
        assertEquals(123_456_000L, coded.timestampNanos());
        assertArrayEquals(expectedCoded(frame(9)), coded.toArray());
        assertEquals(FRAME + 4, coded.data().remaining());
      }
    }
  }

  @Test
  void receiveCollectsTheBytesOfAFrameQueuedByHand() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false).separateHeader())) {
      RawBuffer raw = e.nextRawBuffer(0);
      raw.data().put(frame(8));
      raw.queue(FRAME, 77_000_123L);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      Encoded result = e.receive(77_000_123L, out, 1000);
      assertEquals(4 + FRAME + 4, result.bytes(), "the header buffer and the frame");
      assertEquals(4 + FRAME + 4, out.position());
    }
  }

  @Test
  void aRawBufferComesBackOnceTheEncoderIsDoneWithIt() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      RawBuffer first = e.nextRawBuffer(0);
      RawBuffer second = e.nextRawBuffer(0);
      first.data().put(frame(1));
      first.queue(FRAME, 1000);
      second.release();
      e.nextCoded(1000).release();
      assertNotNull(e.nextRawBuffer(0)); // the released one
      assertEquals(first.index(), e.nextRawBuffer(1000).index()); // dequeued from the driver
    }
  }

  @Test
  void noCodedBufferBeforeAnyFrameTimesOut() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      assertNull(e.nextCoded(50));
    }
  }

  @Test
  void drainReturnsTheQueuedFramesUpToTheLastBuffer() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, true))) {
      RawBuffer raw = e.nextRawBuffer(0);
      raw.data().put(frame(5));
      raw.queue(FRAME, 5000);
      ByteBuffer out = ByteBuffer.allocate(2 * e.codedBufferBytes());
      // The frame was encoded before the STOP, so the drain ends with an empty LAST buffer.
      int drained = e.drain(out, 1000);
      assertEquals(FRAME + 4, drained);
      assertArrayEquals(expectedCoded(frame(5)), written(out));
    }
  }

  @Test
  void aDrainOfAnIdleEncoderEndsWithAnEmptyLastBuffer() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      e.command(EncoderCommand.STOP);
      try (CodedBuffer last = e.nextCoded(1000)) {
        assertTrue(last.last());
        assertEquals(0, last.bytesUsed());
      }
    }
  }

  @Test
  void nextCodedAfterTheLastBufferThrowsUntilStart() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      e.drain(ByteBuffer.allocate(16), 1000);
      IllegalStateException x = assertThrows(IllegalStateException.class, () -> e.nextCoded(0));
      assertTrue(x.getMessage().contains("EncoderCommand.START"), x.getMessage());
      e.command(EncoderCommand.START);
      assertNull(e.nextCoded(0));
    }
  }

  @Test
  void encodeResumesAfterADrain() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, false);
    try (M2mEncoder e = started(device)) {
      e.drain(ByteBuffer.allocate(16), 1000);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      assertEquals(FRAME + 4, e.encode(frame(2), out, 1000).bytes());
      assertEquals(0, device.captureStreamOffs(), "START alone resumed it");
    }
  }

  @ParameterizedTest(name = "multiplanar {0}")
  @ValueSource(booleans = {false, true})
  void startResumesADriverThatKeepsItsLastBufferStateByRestartingCapture(boolean multiplanar) {
    // vicodec in Linux 6.1: after START, DQBUF on CAPTURE still answers EPIPE.
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, multiplanar).keepsLastAfterStart();
    try (M2mEncoder e = started(device)) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      e.encode(frame(1), out, 1000);
      e.drain(out.clear(), 1000);
      assertEquals(FRAME + 4, e.encode(frame(2), out.clear(), 1000).bytes());
      assertArrayEquals(expectedCoded(frame(2)), written(out));
      assertEquals(1, device.captureStreamOffs(), "CAPTURE restarted once");
      assertEquals(FRAME + 4, e.encode(frame(3), out.clear(), 1000).bytes());
      e.drain(out.clear(), 1000);
      e.command(EncoderCommand.START);
      assertEquals(FRAME + 4, e.encode(frame(4), out.clear(), 1000).bytes());
      assertEquals(2, device.captureStreamOffs());
    }
  }

  @Test
  void aCodedBufferHeldAcrossTheRestartIsQueuedWhenReleased() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, false).keepsLastAfterStart();
    M2mEncoder e = M2mEncoder.open(ScriptedEncoder.PATH, device);
    try (e) {
      e.setCodedFormat(FourCc.FWHT, 0);
      e.setRawFormat(Format.of(W, H, FourCc.YUV420));
      e.start(2, 3);
      RawBuffer raw = e.nextRawBuffer(0);
      raw.data().put(0, frame(5), 0, FRAME);
      raw.queue(FRAME, 5_000);
      CodedBuffer held = e.nextCoded(1000);
      assertEquals(5_000, held.timestampNanos());
      e.command(EncoderCommand.STOP);
      CodedBuffer last = e.nextCoded(1000);
      assertTrue(last.last());
      last.release();
      e.command(EncoderCommand.START);
      assertTrue(held.isHeld(), "the restart leaves a held buffer with the caller");
      assertEquals(FRAME + 4, held.bytesUsed());
      held.release();
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      for (int i = 0; i < 4; i++) {
        assertEquals(FRAME + 4, e.encode(frame(6 + i), out.clear(), 1000).bytes());
      }
    }
  }

  @Test
  void theEndOfStreamEventArrivesWithTheLastBuffer() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      e.subscribe(V4l2Event.EOS);
      assertNull(e.nextEvent(0));
      e.drain(ByteBuffer.allocate(16), 1000);
      V4l2Event event = e.nextEvent(1000);
      assertNotNull(event);
      assertTrue(event.endOfStream());
      assertEquals(7_000_000_500L, event.timestampNanos());
    }
  }

  @Test
  void anEventTheDriverDoesNotRaiseIsRefused() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      assertThrows(InvalidRequestException.class, () -> e.subscribe(V4l2Event.SOURCE_CHANGE));
    }
  }

  @Test
  void tryEncoderCommandTellsWhichCommandsTheEncoderKnows() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      assertTrue(e.supports(EncoderCommand.STOP));
      assertTrue(e.supports(EncoderCommand.START));
      assertFalse(e.supports(EncoderCommand.PAUSE));
    }
  }

  @Test
  void aCommandTheDriverWouldRunWithOtherFlagsIsNotSupported() {
    // The kernel's mem2mem helper accepts STOP_AT_GOP_END by clearing the flag: it would drain at
    // once, not at the end of the GOP.
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false).clearsCommandFlags())) {
      assertFalse(e.supports(EncoderCommand.STOP_AT_GOP_END));
      assertTrue(e.supports(EncoderCommand.STOP));
      assertTrue(e.supports(EncoderCommand.START));
      assertFalse(e.supports(EncoderCommand.RESUME));
    }
  }

  @Test
  void aRefusedRawBufferIsATypedErrorNamingTheQueue() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, false);
    try (M2mEncoder e = started(device)) {
      RawBuffer raw = e.nextRawBuffer(0);
      device.failNext(V4l2Ioctl.VIDIOC_QBUF, Errno.EINVAL);
      InvalidRequestException x =
          assertThrows(InvalidRequestException.class, () -> raw.queue(FRAME, 0));
      assertEquals(
          "VIDIOC_QBUF (OUTPUT) on /dev/video11 failed: EINVAL (Invalid argument)", x.getMessage());
      assertTrue(raw.isHeld(), "the caller still holds a refused buffer");
    }
  }

  @Test
  void aFatalEncoderErrorIsDeviceGone() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, false);
    try (M2mEncoder e = started(device)) {
      device.failNext(V4l2Ioctl.VIDIOC_QBUF, Errno.EIO);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      assertThrows(DeviceGoneException.class, () -> e.encode(frame(1), out, 1000));
    }
  }

  @Test
  void anUnpluggedEncoderIsDeviceGoneAndStillCloses() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, true);
    M2mEncoder e = started(device);
    device.unplug();
    assertThrows(DeviceGoneException.class, () -> e.nextCoded(1000));
    e.close();
    assertEquals(0, device.openDescriptors());
  }

  @Test
  void holdingEveryCodedBufferIsMisuse() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      for (int i = 0; i < 2; i++) {
        RawBuffer raw = e.nextRawBuffer(1000);
        raw.data().put(frame(i));
        raw.queue(FRAME, (i + 1) * 1000L);
        assertNotNull(e.nextCoded(1000)); // held, never released
      }
      assertThrows(IllegalStateException.class, () -> e.nextCoded(0));
      assertEquals(0, out.position());
    }
  }

  @Test
  void holdingEveryRawBufferIsMisuse() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      e.nextRawBuffer(0);
      e.nextRawBuffer(0);
      assertThrows(IllegalStateException.class, () -> e.nextRawBuffer(0));
    }
  }

  @Test
  void aCodedBufferCannotBeReadAfterItsRelease() {
    try (M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false))) {
      e.encode(frame(1), ByteBuffer.allocate(e.codedBufferBytes()), 1000);
      RawBuffer raw = e.nextRawBuffer(1000);
      raw.data().put(frame(2));
      raw.queue(FRAME, 99_000);
      CodedBuffer coded = e.nextCoded(1000);
      coded.release();
      assertThrows(IllegalStateException.class, coded::data);
      assertThrows(IllegalStateException.class, coded::toArray);
      assertThrows(IllegalStateException.class, () -> coded.copyTo(ByteBuffer.allocate(1 << 16)));
      assertThrows(IllegalStateException.class, raw::data, "a queued raw buffer is not ours");
    }
  }

  @Test
  void viewsKeptPastCloseReadAndWriteWithoutCrashing() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, true);
    M2mEncoder e = started(device);
    RawBuffer raw = e.nextRawBuffer(0);
    ByteBuffer keptRaw = raw.data();
    keptRaw.put(frame(4));
    raw.queue(FRAME, 4000);
    CodedBuffer coded = e.nextCoded(1000);
    ByteBuffer keptCoded = coded.data();
    e.close();
    assertThrows(IllegalStateException.class, coded::data);
    assertEquals('F', keptCoded.get(0)); // the detached memory still holds the last bytes
    keptRaw.put(0, (byte) 1); // written after the close: reaches nothing, crashes nothing
    assertEquals(0, device.mappedBuffers());
  }

  @Test
  void everyCallAfterCloseThrows() {
    M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false));
    e.close();
    e.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> e.nextCoded(0));
    assertThrows(IllegalStateException.class, () -> e.nextRawBuffer(0));
    assertThrows(IllegalStateException.class, () -> e.codedFormat());
    assertThrows(IllegalStateException.class, () -> e.start(1, 1));
    assertThrows(IllegalStateException.class, () -> e.command(EncoderCommand.STOP));
    assertThrows(IllegalStateException.class, () -> e.nextEvent(0));
    assertThrows(IllegalStateException.class, () -> e.controls());
    ByteBuffer out = ByteBuffer.allocate(1 << 16);
    assertThrows(IllegalStateException.class, () -> e.encode(frame(1), out, 0));
  }

  @Test
  void encodingBeforeStartIsMisuse() {
    try (M2mEncoder e =
        M2mEncoder.open(ScriptedEncoder.PATH, new ScriptedEncoder(Abi.X86_64, false))) {
      ByteBuffer out = ByteBuffer.allocate(1 << 16);
      IllegalStateException x =
          assertThrows(IllegalStateException.class, () -> e.encode(frame(1), out, 0));
      assertTrue(x.getMessage().contains("not started"), x.getMessage());
    }
  }

  @Test
  void stopFreesTheBuffersSoFormatsCanChange() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, false);
    try (M2mEncoder e = started(device)) {
      assertThrows(DeviceBusyException.class, () -> e.setCodedFormat(FourCc.FWHT, 0));
      e.stop();
      assertEquals(0, device.allocatedBuffers());
      e.setRawFormat(Format.of(32, 32, FourCc.YUV420));
      e.start(1, 1);
      ByteBuffer small = ByteBuffer.allocateDirect(32 * 32 * 3 / 2);
      assertEquals(
          small.remaining() + 4, e.encode(small, ByteBuffer.allocate(1 << 16), 1000).bytes());
    }
  }

  @Test
  void aFailedStartUndoesWhatItDid() {
    ScriptedEncoder device = new ScriptedEncoder(Abi.X86_64, true);
    try (M2mEncoder e = M2mEncoder.open(ScriptedEncoder.PATH, device)) {
      e.setCodedFormat(FourCc.FWHT, 0);
      device.failNext(V4l2Ioctl.VIDIOC_STREAMON, Errno.EINVAL);
      assertThrows(InvalidRequestException.class, () -> e.start(2, 2));
      assertFalse(e.isStarted());
      assertEquals(0, device.allocatedBuffers());
      assertEquals(0, device.mappedBuffers());
      e.start(2, 2); // and it can be tried again
    }
  }

  @Test
  void closeWakesAThreadWaitingForACodedBuffer() throws Exception {
    M2mEncoder e = started(new ScriptedEncoder(Abi.X86_64, false));
    CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> e.nextCoded(-1));
    Thread.sleep(100);
    e.close();
    ExecutionException x = assertThrows(ExecutionException.class, () -> waiter.get(5, SECONDS));
    assertTrue(x.getCause() instanceof IllegalStateException, x.getCause().toString());
  }

  @Test
  void aCaptureDeviceIsNotAnEncoder() {
    V4l2Exception x =
        assertThrows(
            V4l2Exception.class,
            () -> M2mEncoder.open(ScriptedCamera.PATH, new ScriptedCamera(Abi.X86_64)));
    assertTrue(x.getMessage().contains("not a memory-to-memory device"), x.getMessage());
  }

  @Test
  void theEncoderIsListedWithItsFormats() {
    var found = V4l2Devices.encoders(new ScriptedEncoder(Abi.X86_64, true));
    assertEquals(1, found.size());
    assertEquals(ScriptedEncoder.PATH, found.get(0).path());
    assertTrue(found.get(0).produces(FourCc.FWHT));
    assertTrue(found.get(0).takes(FourCc.YUV420));
    assertFalse(found.get(0).produces(FourCc.H264));
    assertTrue(found.get(0).capabilities().isMultiplanar());
  }

  @Test
  void aCameraIsNotListedAsAnEncoder() {
    assertTrue(V4l2Devices.encoders(new ScriptedCamera(Abi.X86_64)).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Abi.class)
  void singlePlanarEncodingWorksWithTheLayoutsOf(Abi abi) {
    try (M2mEncoder e = started(new ScriptedEncoder(abi, false))) {
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      e.encode(frame(6), out, 1000);
      assertArrayEquals(expectedCoded(frame(6)), written(out));
      e.drain(out.clear(), 1000);
    }
  }

  @Test
  void multiplanarNeedsPointersTheSimulatedAbiCanHold() {
    V4l2Exception x =
        assertThrows(
            V4l2Exception.class,
            () ->
                M2mEncoder.open(ScriptedEncoder.PATH, new ScriptedEncoder(Abi.ARMHF_TIME32, true)));
    assertTrue(x.getMessage().contains("plane arrays"), x.getMessage());
  }

  @Test
  void theFrameIntervalIsSetOnTheRawQueue() {
    try (M2mEncoder e =
        M2mEncoder.open(ScriptedEncoder.PATH, new ScriptedEncoder(Abi.X86_64, true))) {
      Negotiated<Fraction> n = e.setFrameInterval(new Fraction(1, 25));
      assertFalse(n.adjusted(), n.toString());
    }
  }
}
