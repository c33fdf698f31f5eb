package io.eyetoystreamer.devicetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.devicetests.Vicodec.FwhtHeader;
import io.eyetoystreamer.v4l2.Capabilities;
import io.eyetoystreamer.v4l2.CodedBuffer;
import io.eyetoystreamer.v4l2.ControlException;
import io.eyetoystreamer.v4l2.ControlInfo;
import io.eyetoystreamer.v4l2.ControlType;
import io.eyetoystreamer.v4l2.Controls;
import io.eyetoystreamer.v4l2.Encoded;
import io.eyetoystreamer.v4l2.EncoderCommand;
import io.eyetoystreamer.v4l2.EncoderInfo;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FormatDescription;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.InvalidRequestException;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.Negotiated;
import io.eyetoystreamer.v4l2.RawBuffer;
import io.eyetoystreamer.v4l2.V4l2Devices;
import io.eyetoystreamer.v4l2.V4l2Event;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link M2mEncoder} against a real kernel mem2mem encoder: vicodec's stateful FWHT encoder ({@code
 * -Dv4l2.encoder}, which {@code .ci/vivid} sets). What v4l2-ctl says of the node is the oracle for
 * its formats, encoder commands and controls; the FWHT header (the kernel's codec-fwht.h) is the
 * oracle for the coded bytes. vicodec's controls and formats belong to a descriptor (a mem2mem
 * context each), so v4l2-ctl, on a descriptor of its own, sees the defaults, not what this session
 * set.
 */
@VicodecTest
class VicodecEncoderIT {
  private static final int W = 640;
  private static final int H = 480;

  /** The longest wait for a buffer or an event: generous, the VM emulates its CPU. */
  private static final long WAIT = 10_000;

  /** Sets FWHT out, then 640x480 YUYV in (the interface's order); the driver keeps both. */
  private static Format configure(M2mEncoder e) {
    Negotiated<Format> coded = e.setCodedFormat(FourCc.FWHT, 0);
    assertFalse(coded.adjusted(), coded.toString());
    Negotiated<Format> raw = e.setRawFormat(Format.of(W, H, FourCc.YUYV));
    assertFalse(raw.adjusted(), raw.toString());
    return raw.actual();
  }

  /** Frame {@code i}'s timestamp, a whole number of microseconds (what the driver keeps). */
  private static long stamp(int i) {
    return 1_000_000_000L + i * 33_333_000L;
  }

  /** Queues frame {@code i} of the test picture by hand, with {@link #stamp(int)}. */
  private static void queueFrame(M2mEncoder e, Format raw, int i) {
    RawBuffer b = e.nextRawBuffer(WAIT);
    assertNotNull(b, "no raw buffer came back for frame " + i);
    Vicodec.picture(b.data(), W, H, raw.bytesPerLine(), i);
    b.queue(raw.sizeImage(), stamp(i));
  }

  /** Checks the coded buffer of frame {@code i}: its metadata and its FWHT header. */
  private static FwhtHeader checkFrame(CodedBuffer c, int i, Format raw) {
    String frame = "frame " + i + " (" + c + ", flags 0x" + Integer.toHexString(c.flags()) + ")";
    assertFalse(c.error(), frame);
    assertEquals(stamp(i), c.timestampNanos(), frame + ": the raw frame's timestamp");
    assertTrue(c.bytesUsed() > FwhtHeader.BYTES, frame + ": more than a header");
    FwhtHeader h = FwhtHeader.of(c.data());
    assertTrue(h.magic(), frame + ": FWHT magic, got " + h);
    assertEquals(FwhtHeader.VERSION, h.version(), frame + ": " + h);
    assertEquals(W + "x" + H, h.width() + "x" + h.height(), frame + ": the size asked for");
    assertEquals(3, h.components(), frame + ": Y'CbCr, " + h);
    assertEquals(FwhtHeader.PIXENC_YUV, h.pixelEncoding(), frame + ": " + h);
    // YUYV is 4:2:2: chroma at full height, half width.
    assertTrue((h.flags() & FwhtHeader.CHROMA_FULL_HEIGHT) != 0, frame + ": " + h);
    assertEquals(0, h.flags() & FwhtHeader.CHROMA_FULL_WIDTH, frame + ": " + h);
    assertEquals(raw.colorspace(), h.colorspace(), frame + ": the raw format's colorspace");
    assertEquals(c.bytesUsed() - FwhtHeader.BYTES, h.size(), frame + ": the header's size");
    return h;
  }

  private static List<String> formatLines(List<FormatDescription> formats) {
    return formats.stream()
        .map(
            d ->
                V4l2CtlOutput.formatLine(
                    d.index(), FourCc.toString(d.pixelFormat()), d.description(), d.flags()))
        .toList();
  }

  @Test
  void theEncoderIsAMemoryToMemoryNodeAndEncodersListsIt() {
    String path = Vicodec.path();
    List<EncoderInfo> all = V4l2Devices.encoders();
    List<EncoderInfo> vicodec =
        all.stream().filter(i -> "vicodec".equals(i.capabilities().driver())).toList();
    // vicodec's decoders (FWHT on OUTPUT) are not encoders.
    assertEquals(
        List.of(path), vicodec.stream().map(EncoderInfo::path).toList(), "encoders: " + all);
    EncoderInfo info = vicodec.get(0);
    try (M2mEncoder e = M2mEncoder.open(path)) {
      Capabilities caps = e.capabilities();
      List<String> names = Capabilities.names(caps.nodeCaps());
      assertTrue(caps.isMemToMem(), names.toString());
      assertTrue(
          names.contains(
              e.multiplanar() ? "Video Memory-to-Memory Multiplanar" : "Video Memory-to-Memory"),
          names.toString());
      assertTrue(names.contains("Streaming"), names.toString());
      assertEquals(caps, info.capabilities());
      assertEquals(e.codedFormats(), info.codedFormats());
      assertEquals(e.rawFormats(), info.rawFormats());
      assertTrue(info.produces(FourCc.FWHT));
      assertTrue(info.takes(FourCc.YUYV));
      System.out.println(
          "vicodec: "
              + path
              + " ("
              + String.join(", ", names)
              + ") is the one vicodec node V4l2Devices.encoders() lists, of "
              + all.size()
              + " encoders");
    }
  }

  @Test
  void codedAndRawFormatsEqualV4l2CtlListFormats() throws Exception {
    String path = Vicodec.path();
    List<String> toolCoded = V4l2CtlOutput.formats(V4l2Ctl.run(path, "--list-formats"));
    List<String> toolRaw = V4l2CtlOutput.formats(V4l2Ctl.run(path, "--list-formats-out"));
    try (M2mEncoder e = M2mEncoder.open(path)) {
      List<FormatDescription> coded = e.codedFormats();
      List<FormatDescription> raw = e.rawFormats();
      assertEquals(toolCoded, formatLines(coded), "CAPTURE (coded) formats");
      assertEquals(toolRaw, formatLines(raw), "OUTPUT (raw) formats");
      assertEquals(1, coded.size(), coded.toString());
      assertEquals(FourCc.FWHT, coded.get(0).pixelFormat());
      assertTrue(coded.get(0).compressed());
      assertTrue(raw.stream().noneMatch(FormatDescription::compressed), raw.toString());
      assertTrue(raw.stream().anyMatch(d -> d.pixelFormat() == FourCc.YUYV), raw.toString());
      System.out.println(
          "vicodec formats: CAPTURE "
              + toolCoded
              + ", OUTPUT "
              + raw.size()
              + " raw formats, equal to v4l2-ctl --list-formats and --list-formats-out");
    }
  }

  @Test
  void framesComeBackInOrderAsFwhtAndADrainEndsWithLastThenEpipeAndEos() throws Exception {
    String path = Vicodec.path();
    Vicodec.Spy spy = new Vicodec.Spy(path);
    try (M2mEncoder e = M2mEncoder.open(path, spy)) {
      Format raw = configure(e);
      assertEquals(W * 2, raw.bytesPerLine());
      assertEquals(W * H * 2, raw.sizeImage());
      // What TRY_FMT gives v4l2-ctl, on its own descriptor, for the same request.
      var tool =
          V4l2CtlOutput.formatFields(
              V4l2Ctl.run(path, "--try-fmt-video-out=width=640,height=480,pixelformat=YUYV"));
      assertEquals(W + "/" + H, tool.get("Width/Height"), tool.toString());
      assertEquals(Integer.toString(raw.bytesPerLine()), tool.get("Bytes per Line"));
      assertEquals(Integer.toString(raw.sizeImage()), tool.get("Size Image"));
      Format coded = e.codedFormat();
      assertEquals(FourCc.FWHT, coded.pixelFormat());
      assertEquals(W + "x" + H, coded.width() + "x" + coded.height(), "the coded size");
      e.subscribe(V4l2Event.EOS);
      assertThrows(
          InvalidRequestException.class,
          () -> e.subscribe(V4l2Event.SOURCE_CHANGE),
          "an encoder raises no source change");
      e.start(4, 4);

      int frames = 12;
      List<String> kinds = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (int i = 0; i < frames; i++) {
        queueFrame(e, raw, i);
        try (CodedBuffer c = e.nextCoded(WAIT)) {
          assertNotNull(c, "no coded buffer for frame " + i);
          assertFalse(c.last(), "frame " + i + " is no LAST buffer");
          assertEquals(i, c.sequence(), "CAPTURE sequence of frame " + i);
          FwhtHeader h = checkFrame(c, i, raw);
          kinds.add(h.iFrame() ? "I" : "P");
          sizes.add(c.bytesUsed());
        }
      }
      assertEquals("I", kinds.get(0), "the first frame is an I frame: " + kinds);
      assertTrue(kinds.subList(1, 10).contains("P"), "the moving box leaves P frames: " + kinds);

      // A drain with two frames still queued: they come out in order, then the LAST buffer.
      queueFrame(e, raw, frames);
      queueFrame(e, raw, frames + 1);
      e.command(EncoderCommand.STOP);
      int next = frames;
      String lastKind;
      while (true) {
        CodedBuffer c = e.nextCoded(WAIT);
        assertNotNull(c, "no LAST buffer came after STOP (frame " + next + " next)");
        try {
          if (c.bytesUsed() == 0) {
            assertTrue(c.last(), "an empty buffer ends the drain: " + c);
            assertEquals(frames + 2, next, "the empty LAST buffer comes after every frame");
            lastKind = "an empty LAST buffer after frame " + (next - 1);
            break;
          }
          checkFrame(c, next, raw);
          next++;
          if (c.last()) {
            assertEquals(frames + 2, next, "LAST is on the last frame queued");
            lastKind = "LAST on frame " + (next - 1) + " itself";
            break;
          }
        } finally {
          c.release();
        }
      }
      // The interface: DQBUF beyond the LAST buffer answers EPIPE (asked here on the library's
      // own descriptor), and poll says readable so nobody waits for it.
      assertEquals("EPIPE", Errno.name(-spy.dequeueCapture(e.multiplanar())), "DQBUF after LAST");
      assertTrue((spy.poll(spy.fd(), V4l2Native.POLLIN, 0) & V4l2Native.POLLIN) != 0);
      IllegalStateException drained =
          assertThrows(IllegalStateException.class, () -> e.nextCoded(0));
      assertTrue(drained.getMessage().contains("drained"), drained.getMessage());
      V4l2Event eos = e.nextEvent(WAIT);
      assertNotNull(eos, "no EOS event after the drain");
      assertTrue(eos.endOfStream(), eos.toString());

      // encode() resumes the drained encoder (START) and the next frame is whole FWHT.
      int mark = spy.mark();
      ByteBuffer picture = ByteBuffer.allocateDirect(raw.sizeImage());
      Vicodec.picture(picture, W, H, raw.bytesPerLine(), frames + 2);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      Encoded again = e.encode(picture, out, WAIT);
      assertFalse(again.error());
      FwhtHeader h = FwhtHeader.of(out.flip());
      assertTrue(h.magic(), h.toString());
      assertEquals(W + "x" + H, h.width() + "x" + h.height());
      assertEquals(again.bytes() - FwhtHeader.BYTES, h.size());
      List<String> resumed = spy.log(mark);
      boolean restarted = resumed.contains("VIDIOC_STREAMOFF");
      if (restarted) {
        assertTrue(h.iFrame(), "a restarted CAPTURE queue resets the encoder: an I frame");
      }
      // And a drain with nothing queued ends at once with an empty LAST buffer, and EOS.
      assertEquals(0, e.drain(out.clear(), WAIT));
      V4l2Event second = e.nextEvent(WAIT);
      assertNotNull(second, "no EOS event after the second drain");
      assertTrue(second.endOfStream());

      System.out.println(
          "vicodec encode: "
              + frames
              + " frames of 640x480 YUYV ("
              + raw.sizeImage()
              + " bytes) to FWHT "
              + String.join("", kinds)
              + " of "
              + sizes
              + " bytes, timestamps and sequence in order; drain with 2 queued: "
              + lastKind
              + ", then EPIPE and EOS; resumed by "
              + (restarted
                  ? "START and a CAPTURE STREAMOFF/STREAMON (the driver answered "
                      + resumed.stream()
                          .filter(s -> s.startsWith("VIDIOC_DQBUF"))
                          .findFirst()
                          .orElse("?")
                      + " after START)"
                  : "START alone")
              + ": "
              + again.bytes()
              + " bytes "
              + (h.iFrame() ? "I" : "P"));
    }
  }

  @Test
  void encoderCommandsAreSupportedAsTryEncoderCmdAnswersV4l2Ctl() throws Exception {
    String path = Vicodec.path();
    Map<EncoderCommand, String> args = new EnumMap<>(EncoderCommand.class);
    args.put(EncoderCommand.START, "cmd=start");
    args.put(EncoderCommand.STOP, "cmd=stop");
    args.put(EncoderCommand.STOP_AT_GOP_END, "cmd=stop,flags=stop_at_gop_end");
    args.put(EncoderCommand.PAUSE, "cmd=pause");
    args.put(EncoderCommand.RESUME, "cmd=resume");
    // What v4l2-ctl prints of the command the driver would run (its TRY may adjust the flags).
    Map<EncoderCommand, String> asked = new EnumMap<>(EncoderCommand.class);
    asked.put(EncoderCommand.START, "start");
    asked.put(EncoderCommand.STOP, "stop");
    asked.put(EncoderCommand.STOP_AT_GOP_END, "stop at gop end");
    asked.put(EncoderCommand.PAUSE, "pause");
    asked.put(EncoderCommand.RESUME, "resume");
    List<String> table = new ArrayList<>();
    try (M2mEncoder e = M2mEncoder.open(path)) {
      for (EncoderCommand c : EncoderCommand.values()) {
        V4l2Ctl.Result r = V4l2Ctl.tryRun(path, "--try-encoder-cmd=" + args.get(c));
        String said = r.output().strip();
        boolean driver = r.status() == 0 && said.equals(asked.get(c));
        boolean ours = e.supports(c);
        table.add(c + " " + ours + " (v4l2-ctl: '" + said + "')");
        assertEquals(driver, ours, c + ": v4l2-ctl printed '" + said + "', exit " + r.status());
      }
      assertTrue(e.supports(EncoderCommand.STOP), "a stateful encoder drains");
      assertTrue(e.supports(EncoderCommand.START), "and resumes");
    }
    System.out.println("vicodec encoder commands: " + String.join("; ", table));
  }

  @Test
  void controlsEqualV4l2CtlsListBelongToTheSessionAndTheQuantizerTakesEffect() throws Exception {
    String path = Vicodec.path();
    V4l2CtlOutput.Controls tool = V4l2CtlOutput.controls(V4l2Ctl.run(path, "--list-ctrls"));
    try (M2mEncoder e = M2mEncoder.open(path)) {
      Format raw = configure(e);
      Controls controls = e.controls();
      List<ControlInfo> all = controls.list();
      assertEquals(
          tool.classes(),
          all.stream()
              .filter(c -> c.type() == ControlType.CTRL_CLASS)
              .map(ControlInfo::name)
              .toList(),
          "control classes");
      List<ControlInfo> ours =
          all.stream().filter(c -> c.type() != ControlType.CTRL_CLASS).toList();
      assertEquals(
          tool.controls().stream().map(V4l2CtlOutput.Control::key).toList(),
          ours.stream().map(ControlInfo::key).toList(),
          "controls, in order");
      List<String> differences = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        V4l2CtlOutput.Control t = tool.controls().get(i);
        ControlInfo c = ours.get(i);
        String k = c.key() + ": ";
        check(differences, k + "id", t.id(), c.id());
        check(differences, k + "type", t.type(), c.type().shortName());
        check(differences, k + "flags", t.flags(), c.flags());
        check(differences, k + "min", t.fields().get("min"), Long.toString(c.minimum()));
        check(differences, k + "max", t.fields().get("max"), Long.toString(c.maximum()));
        check(differences, k + "step", t.fields().get("step"), Long.toString(c.step()));
        check(
            differences, k + "default", t.fields().get("default"), Long.toString(c.defaultValue()));
        if (!c.writeOnly()) {
          check(
              differences,
              k + "value",
              t.fields().get("value"),
              Long.toString(controls.get(c.id())));
        }
      }
      assertEquals(List.of(), differences);
      for (String key :
          List.of("video_gop_size", "fwht_i_frame_qp_value", "fwht_p_frame_qp_value")) {
        assertTrue(controls.find(key).isPresent(), key + " in " + tool.controls());
      }

      // A value set here is this session's: read back here, not by v4l2-ctl, whose descriptor is
      // another mem2mem context (it reads that one's default), and v4l2-ctl's writes stay there.
      ControlInfo iqp = controls.info("fwht_i_frame_qp_value");
      assertEquals(31, controls.set("fwht_i_frame_qp_value", 31));
      assertEquals(31, controls.get("fwht_i_frame_qp_value"));
      assertEquals(
          Long.toString(iqp.defaultValue()),
          V4l2CtlOutput.getCtrl(
              V4l2Ctl.run(path, "--get-ctrl", "fwht_i_frame_qp_value"), "fwht_i_frame_qp_value"));
      V4l2Ctl.run(path, "--set-ctrl", "fwht_i_frame_qp_value=7");
      assertEquals(31, controls.get("fwht_i_frame_qp_value"));
      assertThrows(ControlException.class, () -> controls.set("fwht_i_frame_qp_value", 32));

      // The quantizer at work: every frame an I frame, the same picture at QP 1 and at QP 31.
      assertEquals(1, controls.set("video_gop_size", 1));
      e.start(2, 2);
      ByteBuffer picture = ByteBuffer.allocateDirect(raw.sizeImage());
      Vicodec.picture(picture, W, H, raw.bytesPerLine(), 0);
      ByteBuffer out = ByteBuffer.allocate(e.codedBufferBytes());
      int[] qps = {1, 31};
      int[] bytes = new int[qps.length];
      for (int k = 0; k < qps.length; k++) {
        controls.set("fwht_i_frame_qp_value", qps[k]);
        Encoded r = e.encode(picture, out.clear(), WAIT);
        FwhtHeader h = FwhtHeader.of(out.flip());
        assertTrue(h.magic() && h.iFrame(), "QP " + qps[k] + ": " + h);
        bytes[k] = r.bytes();
      }
      assertTrue(
          bytes[1] < bytes[0],
          "a coarser I-frame quantizer gives fewer bytes: QP 1 "
              + bytes[0]
              + ", QP 31 "
              + bytes[1]);
      System.out.println(
          "vicodec controls: "
              + ours.size()
              + " equal to v4l2-ctl --list-ctrls "
              + ours.stream().map(ControlInfo::key).toList()
              + "; fwht_i_frame_qp_value 31 here while v4l2-ctl reads "
              + iqp.defaultValue()
              + " (its own context); the picture as an I frame: "
              + bytes[0]
              + " bytes at QP 1, "
              + bytes[1]
              + " at QP 31");
    }
  }

  private static void check(List<String> out, String what, Object tool, Object ours) {
    if (!String.valueOf(tool).equals(String.valueOf(ours))) {
      out.add(what + ": v4l2-ctl says " + tool + ", the library " + ours);
    }
  }

  @Test
  void closingWithBuffersOutNeverCrashesAndTheNodeOpensAgain() throws Exception {
    String path = Vicodec.path();
    Vivid.Usage before = Vivid.Usage.of(path);
    M2mEncoder e = M2mEncoder.open(path);
    Format raw = configure(e);
    e.start(3, 3);
    queueFrame(e, raw, 0);
    CodedBuffer heldCoded = e.nextCoded(WAIT);
    assertNotNull(heldCoded);
    ByteBuffer codedView = heldCoded.data();
    assertEquals(0x4f, codedView.get(codedView.position()), "FWHT magic");
    RawBuffer heldRaw = e.nextRawBuffer(WAIT);
    assertNotNull(heldRaw);
    ByteBuffer rawView = heldRaw.data();
    Vicodec.picture(rawView, W, H, raw.bytesPerLine(), 1);
    Vivid.Usage during = Vivid.Usage.of(path);
    assertEquals(before.descriptors() + 1, during.descriptors(), "the session's descriptor");
    assertTrue(during.mappings() > before.mappings(), "the buffers are mapped");
    // A thread waiting for a coded buffer that will not come: the close wakes it.
    CompletableFuture<CodedBuffer> waiter =
        CompletableFuture.supplyAsync(() -> e.nextCoded(60_000));
    Thread.sleep(300);

    e.close(); // a raw buffer and a coded buffer held, the rest queued in the driver
    e.close();
    ExecutionException woken =
        assertThrows(ExecutionException.class, () -> waiter.get(WAIT, TimeUnit.MILLISECONDS));
    assertInstanceOf(IllegalStateException.class, woken.getCause(), woken.toString());
    assertThrows(IllegalStateException.class, heldCoded::data);
    assertThrows(IllegalStateException.class, () -> heldRaw.queue(raw.sizeImage(), 1_000));
    heldCoded.release(); // nothing to give back
    // The views outlive the session without crashing the JVM: stale memory, no device behind.
    codedView.get(codedView.position());
    rawView.put(0, (byte) 1);
    Vivid.Usage after = Vivid.Usage.of(path);
    assertEquals(before, after, "no descriptor or mapping of " + path + " is left");

    try (M2mEncoder again = M2mEncoder.open(path)) {
      Format f = configure(again);
      again.start(2, 2);
      ByteBuffer picture = ByteBuffer.allocateDirect(f.sizeImage());
      Vicodec.picture(picture, W, H, f.bytesPerLine(), 2);
      ByteBuffer out = ByteBuffer.allocate(again.codedBufferBytes());
      Encoded r = again.encode(picture, out, WAIT);
      FwhtHeader h = FwhtHeader.of(out.flip());
      assertTrue(h.magic() && h.iFrame(), h.toString());
      System.out.println(
          "vicodec close: with a raw and a coded buffer held and a thread waiting, no crash, no"
              + " descriptor or mapping left ("
              + during
              + " during, "
              + after
              + " after); reopened and encoded "
              + r.bytes()
              + " bytes");
    }
  }
}
