package io.eyetoystreamer.fakeeyetoy;

import com.sun.jna.Pointer;
import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.v4l2.CaptureStream;
import io.eyetoystreamer.v4l2.CodedBuffer;
import io.eyetoystreamer.v4l2.Format;
import io.eyetoystreamer.v4l2.FourCc;
import io.eyetoystreamer.v4l2.Frame;
import io.eyetoystreamer.v4l2.M2mEncoder;
import io.eyetoystreamer.v4l2.RawBuffer;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every order of closing frames, streams, devices, encoder buffers and sessions, and areas, and
 * every use after close, run in a JVM of its own by {@link MisuseNeverCrashesTest}: a SIGSEGV kills
 * this process, which the test sees as a failure. Each scenario prints one line; the last line is
 * {@code N passed, 0 failed}.
 */
public final class MisuseScenarios {
  private static final int FRAME_BYTES = 640 * 480 * 2;
  private static int passed;
  private static final List<String> failures = new ArrayList<>();

  private MisuseScenarios() {}

  /** The three closables of a capture, closed in a given order. */
  private enum Part {
    FRAME,
    STREAM,
    DEVICE
  }

  /**
   * Runs every scenario.
   *
   * @param args none
   * @throws Exception never on purpose: any escape fails the run
   */
  public static void main(String[] args) throws Exception {
    for (Part[] order : permutations()) {
      scenario("close " + List.of(order) + ", then use everything", () -> closeInOrder(order));
    }
    scenario("every buffer held: next() says so", MisuseScenarios::allBuffersHeld);
    scenario("a view read while another thread closes the stream", MisuseScenarios::raceClose);
    scenario("views kept past close survive a GC", MisuseScenarios::gcAfterClose);
    scenario("real mmap: a detached range reads zeros", MisuseScenarios::realDetach);
    for (Part[] order : permutations()) {
      scenario(
          "encoder: close "
              + List.of(order)
              + " (frame = coded buffer, stream = raw buffer),"
              + " then use everything",
          () -> encoderCloseInOrder(order));
    }
    scenario(
        "encoder: kept views written and read while another thread closes",
        MisuseScenarios::encoderRaceClose);
    scenario("encoder: views kept past close survive a GC", MisuseScenarios::encoderGcAfterClose);
    scenario("real mmap: a detached range stays writable", MisuseScenarios::realDetachWritable);
    scenario("shared area: use after close", MisuseScenarios::areaAfterClose);
    scenario(
        "shared area file: reader and writer closed in both orders", MisuseScenarios::areaFiles);
    System.out.println(passed + " passed, " + failures.size() + " failed");
    for (String f : failures) {
      System.out.println("FAILED " + f);
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void scenario(String name, Body body) {
    try {
      body.run();
      passed++;
      System.out.println("ok " + name);
    } catch (Exception | AssertionError t) {
      failures.add(name + ": " + t);
      t.printStackTrace(System.out);
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** Runs {@code body} and requires an IllegalStateException with a message. */
  private static void throwsIllegalState(String what, Body body) throws Exception {
    try {
      body.run();
    } catch (IllegalStateException e) {
      check(e.getMessage() != null && !e.getMessage().isEmpty(), what + ": no message");
      return;
    }
    throw new AssertionError(what + ": no IllegalStateException");
  }

  private static List<Part[]> permutations() {
    List<Part[]> out = new ArrayList<>();
    Part[] p = Part.values();
    for (Part a : p) {
      for (Part b : p) {
        for (Part c : p) {
          if (a != b && b != c && a != c) {
            out.add(new Part[] {a, b, c});
          }
        }
      }
    }
    return out;
  }

  /** Reads every byte of a view: the access that crashed the JVM when the memory was unmapped. */
  private static long readAll(ByteBuffer view) {
    long sum = 0;
    for (int i = 0; i < view.capacity(); i += 4096) {
      sum += view.get(i);
    }
    byte[] copy = new byte[view.capacity()];
    view.duplicate().clear().get(copy);
    return sum + copy[copy.length - 1];
  }

  private static void closeInOrder(Part[] order) throws Exception {
    FakeEyetoy fake = new FakeEyetoy();
    V4l2Device device = V4l2Device.open(FakeEyetoy.PATH, fake);
    CaptureStream stream = device.startCapture(4);
    Frame frame = stream.next(2000);
    check(frame != null, "no frame");
    ByteBuffer kept = frame.data();
    check(frame.toArray().length == frame.bytesUsed(), "toArray");
    ByteBuffer copy = ByteBuffer.allocate(frame.bytesUsed());
    check(frame.copyTo(copy) == frame.bytesUsed() && !copy.hasRemaining(), "copyTo");
    for (Part p : order) {
      switch (p) {
        case FRAME -> frame.close();
        case STREAM -> stream.close();
        case DEVICE -> device.close();
        default -> throw new AssertionError(p);
      }
      readAll(kept);
    }
    frame.close();
    stream.close();
    device.close();
    readAll(kept);
    throwsIllegalState("frame.data()", frame::data);
    throwsIllegalState("frame.copyTo()", () -> frame.copyTo(ByteBuffer.allocate(FRAME_BYTES)));
    throwsIllegalState("frame.toArray()", frame::toArray);
    throwsIllegalState("stream.next()", () -> stream.next(100));
    throwsIllegalState("device.format()", device::format);
    throwsIllegalState("device.startCapture()", () -> device.startCapture(4));
    throwsIllegalState("device.controls()", device::controls);
    check(fake.mappedBuffers() == 0, "the device's buffers are unmapped: " + fake.mappedBuffers());
  }

  /** An encoder session on the simulated encoder, with one coded buffer held. */
  private static M2mEncoder startedEncoder(FakeH264Encoder fake) {
    M2mEncoder encoder = M2mEncoder.open(FakeH264Encoder.PATH, fake);
    encoder.setCodedFormat(FourCc.H264, 0);
    encoder.setRawFormat(Format.of(640, 480, FourCc.YUYV));
    encoder.start(2, 2);
    return encoder;
  }

  private static void encoderCloseInOrder(Part[] order) throws Exception {
    FakeH264Encoder fake = new FakeH264Encoder();
    M2mEncoder encoder = startedEncoder(fake);
    RawBuffer first = encoder.nextRawBuffer(0);
    ByteBuffer keptRaw = first.data();
    first.queue(FRAME_BYTES, 1000);
    CodedBuffer coded = encoder.nextCoded(2000);
    check(coded != null && coded.keyFrame(), "a coded key frame");
    ByteBuffer keptCoded = coded.data();
    RawBuffer raw = encoder.nextRawBuffer(2000);
    ByteBuffer keptRaw2 = raw.data();
    for (Part p : order) {
      switch (p) {
        case FRAME -> coded.release();
        case STREAM -> raw.release();
        case DEVICE -> encoder.close();
        default -> throw new AssertionError(p);
      }
      readAll(keptCoded);
      readAll(keptRaw);
      keptRaw.put(0, (byte) 1);
      keptRaw2.put(FRAME_BYTES - 1, (byte) 2);
    }
    encoder.close();
    readAll(keptCoded);
    keptRaw2.put(0, (byte) 3);
    throwsIllegalState("coded.data()", coded::data);
    throwsIllegalState("coded.toArray()", coded::toArray);
    throwsIllegalState("coded.copyTo()", () -> coded.copyTo(ByteBuffer.allocate(1 << 20)));
    throwsIllegalState("raw.data()", raw::data);
    throwsIllegalState("raw.queue()", () -> raw.queue(FRAME_BYTES, 0));
    throwsIllegalState("encoder.nextCoded()", () -> encoder.nextCoded(100));
    throwsIllegalState("encoder.nextRawBuffer()", () -> encoder.nextRawBuffer(100));
    throwsIllegalState(
        "encoder.encode()",
        () -> encoder.encode(ByteBuffer.allocate(16), ByteBuffer.allocate(16), 100));
    throwsIllegalState("encoder.start()", () -> encoder.start(2, 2));
    throwsIllegalState("encoder.controls()", encoder::controls);
    coded.release(); // idempotent, and harmless after close
    raw.release();
    check(fake.mappedBuffers() == 0, "the encoder's buffers are unmapped: " + fake.mappedBuffers());
  }

  private static void encoderRaceClose() throws Exception {
    for (int round = 0; round < 20; round++) {
      FakeH264Encoder fake = new FakeH264Encoder();
      M2mEncoder encoder = startedEncoder(fake);
      RawBuffer raw = encoder.nextRawBuffer(0);
      ByteBuffer keptRaw = raw.data();
      raw.queue(FRAME_BYTES, 1000);
      CodedBuffer coded = encoder.nextCoded(2000);
      ByteBuffer keptCoded = coded.data();
      AtomicBoolean stop = new AtomicBoolean();
      Thread user =
          new Thread(
              () -> {
                while (!stop.get()) {
                  readAll(keptCoded);
                  keptRaw.put(0, (byte) 7);
                  try {
                    coded.copyTo(ByteBuffer.allocate(1 << 20));
                  } catch (IllegalStateException expected) {
                    // closed meanwhile
                  }
                }
              });
      user.start();
      Thread.sleep(2);
      encoder.close();
      Thread.sleep(2);
      stop.set(true);
      user.join();
    }
  }

  private static void encoderGcAfterClose() throws Exception {
    FakeH264Encoder fake = new FakeH264Encoder();
    List<ByteBuffer> kept = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (M2mEncoder encoder = startedEncoder(fake)) {
        RawBuffer raw = encoder.nextRawBuffer(0);
        kept.add(raw.data().slice());
        raw.queue(FRAME_BYTES, 1000);
        try (CodedBuffer coded = encoder.nextCoded(2000)) {
          kept.add(coded.data().slice());
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      for (ByteBuffer b : kept) {
        readAll(b);
      }
    }
    check(fake.mappedBuffers() == 0, "mapped: " + fake.mappedBuffers());
  }

  private static void realDetachWritable() throws Exception {
    V4l2Native sys = JnaV4l2Native.instance();
    Path file = Files.createTempFile("misuse", ".buffer");
    try {
      Files.write(file, new byte[8192]);
      int fd = sys.open(file.toString(), V4l2Native.O_RDWR);
      long address =
          sys.mmap(
              8192, V4l2Native.PROT_READ | V4l2Native.PROT_WRITE, V4l2Native.MAP_SHARED, fd, 0);
      check(address > 0, "mmap: " + address);
      ByteBuffer view = new Pointer(address).getByteBuffer(0, 8192);
      check(sys.detach(address, 8192) == 0, "detach");
      for (int i = 0; i < 8192; i += 512) {
        view.put(i, (byte) 9); // a mem2mem input buffer filled after its session closed
      }
      check(view.get(512) == 9, "the private page took the write");
      check(Files.readAllBytes(file)[512] == 0, "the file did not");
      check(sys.munmap(address, 8192) == 0, "munmap of the detached range");
      sys.close(fd);
    } finally {
      Files.delete(file);
    }
  }

  private static void allBuffersHeld() throws Exception {
    FakeEyetoy fake = new FakeEyetoy();
    try (V4l2Device device = V4l2Device.open(FakeEyetoy.PATH, fake);
        CaptureStream stream = device.startCapture(2)) {
      List<Frame> held = new ArrayList<>();
      for (int i = 0; i < stream.bufferCount(); i++) {
        held.add(stream.next(2000));
      }
      long start = System.nanoTime();
      try {
        stream.next(5000);
        throw new AssertionError("next() with every buffer held returned");
      } catch (IllegalStateException e) {
        check(e.getMessage().contains("held"), "message names the cause: " + e.getMessage());
        check(System.nanoTime() - start < 1_000_000_000L, "it did not wait for the timeout");
      }
      held.get(0).close();
      check(stream.next(2000) != null, "a frame after one release");
    }
  }

  private static void raceClose() throws Exception {
    for (int round = 0; round < 20; round++) {
      FakeEyetoy fake = new FakeEyetoy();
      V4l2Device device = V4l2Device.open(FakeEyetoy.PATH, fake);
      CaptureStream stream = device.startCapture(4);
      Frame frame = stream.next(2000);
      ByteBuffer kept = frame.data();
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  readAll(kept);
                  try {
                    frame.copyTo(ByteBuffer.allocate(FRAME_BYTES));
                  } catch (IllegalStateException expected) {
                    // closed meanwhile
                  }
                }
              });
      reader.start();
      Thread.sleep(2);
      if (round % 2 == 0) {
        stream.close();
      } else {
        device.close();
      }
      Thread.sleep(2);
      stop.set(true);
      reader.join();
      device.close();
    }
  }

  private static void gcAfterClose() throws Exception {
    FakeEyetoy fake = new FakeEyetoy();
    List<ByteBuffer> kept = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try (V4l2Device device = V4l2Device.open(FakeEyetoy.PATH, fake);
          CaptureStream stream = device.startCapture(4)) {
        try (Frame frame = stream.next(2000)) {
          kept.add(frame.data().slice());
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      for (ByteBuffer b : kept) {
        readAll(b);
      }
    }
    check(fake.mappedBuffers() == 0, "mapped: " + fake.mappedBuffers());
  }

  private static void realDetach() throws Exception {
    V4l2Native sys = JnaV4l2Native.instance();
    Path file = Files.createTempFile("misuse", ".buffer");
    try {
      Files.write(file, new byte[8192]);
      int fd = sys.open(file.toString(), V4l2Native.O_RDWR);
      long address =
          sys.mmap(
              8192, V4l2Native.PROT_READ | V4l2Native.PROT_WRITE, V4l2Native.MAP_SHARED, fd, 0);
      check(address > 0, "mmap: " + address);
      ByteBuffer view = new Pointer(address).getByteBuffer(0, 8192);
      view.put(100, (byte) 42);
      check(view.get(100) == 42, "mapped");
      check(sys.detach(address, 8192) == 0, "detach");
      check(view.get(100) == 0, "detached range reads zeros");
      readAll(view);
      check(Files.readAllBytes(file)[100] == 42, "the file kept its bytes");
      check(sys.munmap(address, 8192) == 0, "munmap of the detached range");
      sys.close(fd);
    } finally {
      Files.delete(file);
    }
  }

  private static void areaAfterClose() throws Exception {
    FrameArea area = FrameArea.inMemory(AreaGeometry.yuyv(64, 48));
    AreaWriter writer = area.writer();
    AreaReader reader = area.newReader();
    ByteBuffer slot = writer.claim();
    slot.put(0, (byte) 1);
    writer.commit(64 * 48 * 2, System.nanoTime());
    ByteBuffer claimed = writer.claim();
    area.close();
    area.close();
    claimed.get(0); // the mapping outlives the close
    throwsIllegalState("writer.claim()", writer::claim);
    throwsIllegalState(
        "writer.publish()", () -> writer.publish(ByteBuffer.allocate(16), System.nanoTime()));
    throwsIllegalState(
        "reader.readLatest()", () -> reader.readLatest(ByteBuffer.allocate(6144), 0));
    throwsIllegalState("reader.awaitNewer()", () -> reader.awaitNewer(0, 1_000_000));
    throwsIllegalState("area.newReader()", area::newReader);
    throwsIllegalState("area.writer()", area::writer);
  }

  private static void areaFiles() throws Exception {
    for (boolean writerFirst : new boolean[] {true, false}) {
      Path path = Files.createTempFile("misuse", ".area");
      try {
        FrameArea written = FrameArea.createFile(path, AreaGeometry.yuyv(64, 48));
        AreaWriter writer = written.writer();
        writer.publish(ByteBuffer.allocateDirect(6144), System.nanoTime());
        FrameArea read = FrameArea.openFile(path, Duration.ofSeconds(2));
        AreaReader reader = read.newReader();
        ByteBuffer dst = ByteBuffer.allocateDirect(6144);
        check(reader.readLatest(dst, 0) == 1, "first frame");
        if (writerFirst) {
          written.close();
          check(reader.awaitNewer(1, 1_000_000) == AreaReader.WRITER_GONE, "writer gone");
          read.close();
        } else {
          read.close();
          writer.publish(ByteBuffer.allocateDirect(6144), System.nanoTime());
          written.close();
        }
        throwsIllegalState("reader.readLatest()", () -> reader.readLatest(dst.clear(), 0));
        throwsIllegalState("writer.claim()", writer::claim);
      } finally {
        deleteQuietly(path);
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file
    }
  }
}
