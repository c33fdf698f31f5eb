package io.eyetoystreamer.streamer.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.streamer.h264.AnnexB;
import io.eyetoystreamer.streamer.h264.H264Encoder;
import io.eyetoystreamer.streamer.h264.H264EncoderException;
import io.eyetoystreamer.streamer.h264.H264Settings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The H.264 stage with a scripted encoder and viewers on in-process channels. */
class H264StageTest {
  private static final int YUYV = 'Y' | 'U' << 8 | 'Y' << 16 | 'V' << 24;
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  private final Viewers viewers = new Viewers(8, Duration.ofSeconds(10));
  private final List<Channel> channels = new ArrayList<>();
  private final Map<BlockingQueue<byte[]>, Channel> clients = new IdentityHashMap<>();
  private final WireFrame frame = new WireFrame();
  private H264Stage stage;
  private long sequence;

  @AfterEach
  void stop() throws Exception {
    if (stage != null) {
      stage.close();
    }
    for (Channel c : channels) {
      c.close().sync();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    frame.dispose();
  }

  @Test
  void aJoiningViewerStartsAtAKeyFrameAskedForIt() throws Exception {
    ScriptedEncoder encoder = new ScriptedEncoder(1000, true, true);
    start(s -> encoder);
    BlockingQueue<byte[]> first = viewer(Viewer.Kind.H264_RAW);
    encodeFrames(3);
    assertTrue(isKey(first.poll(5, TimeUnit.SECONDS)), "the first unit is a key frame");
    assertFalse(isKey(first.poll(5, TimeUnit.SECONDS)));
    assertFalse(isKey(first.poll(5, TimeUnit.SECONDS)));

    Thread.sleep(H264Stage.MIN_FORCED_KEY_INTERVAL_MILLIS); // past the limit on forced key frames
    BlockingQueue<byte[]> second = viewer(Viewer.Kind.H264_RAW);
    encodeFrames(2);
    assertTrue(isKey(second.poll(5, TimeUnit.SECONDS)), "the joiner's first unit is a key frame");
    assertFalse(isKey(second.poll(5, TimeUnit.SECONDS)));
    assertEquals(2, encoder.keyFramesAskedFor.get(), "one key frame per joiner");
    assertEquals(2, stage.forcedKeyFrames());
  }

  @Test
  void aViewerThatMissedAUnitGetsNothingUntilTheNextKeyFrame() throws Exception {
    ScriptedEncoder encoder = new ScriptedEncoder(1000, false, true);
    start(s -> encoder);
    BlockingQueue<byte[]> units = viewer(Viewer.Kind.H264_RAW);
    encodeFrames(2); // key (the encoder's first), P
    assertTrue(isKey(units.poll(5, TimeUnit.SECONDS)));
    assertFalse(isKey(units.poll(5, TimeUnit.SECONDS)));

    Thread.sleep(H264Stage.MIN_FORCED_KEY_INTERVAL_MILLIS); // past the limit on forced key frames
    missOneUnit(units);
    int askedBefore = encoder.keyFramesAskedFor.get();
    encodeFrames(3); // P, P, P: this encoder ignores requests for key frames
    assertNull(units.poll(300, TimeUnit.MILLISECONDS), "nothing after a missed unit");
    assertTrue(encoder.keyFramesAskedFor.get() > askedBefore, "a key frame was asked for");
  }

  @Test
  void aViewerResumesAtTheNextKeyFrameAfterAMissedUnit() throws Exception {
    ScriptedEncoder encoder = new ScriptedEncoder(5, false, true);
    start(s -> encoder);
    BlockingQueue<byte[]> units = viewer(Viewer.Kind.H264_RAW);
    encodeFrames(2); // frames 0 (key) and 1
    units.poll(5, TimeUnit.SECONDS);
    units.poll(5, TimeUnit.SECONDS);
    missOneUnit(units); // frame 2
    encodeFrames(3); // frames 3 and 4 are held back, frame 5 is the encoder's next key frame
    byte[] next = units.poll(5, TimeUnit.SECONDS);
    assertTrue(isKey(next), "resumed at a key frame");
    assertEquals(5, next[next.length - 1], "at frame 5, the first key frame after the miss");
  }

  @Test
  void forcedKeyFramesComeAtMostOncePerIntervalHoweverManyViewersWait() throws Exception {
    ScriptedEncoder encoder = new ScriptedEncoder(1000, false, true);
    start(s -> encoder);
    viewer(Viewer.Kind.H264_RAW);
    viewer(Viewer.Kind.H264_RAW);
    long began = System.nanoTime();
    encodeFrames(20); // this encoder never honours the request: the viewers keep waiting
    long took = System.nanoTime() - began;
    long allowed =
        1 + took / TimeUnit.MILLISECONDS.toNanos(H264Stage.MIN_FORCED_KEY_INTERVAL_MILLIS);
    assertTrue(
        stage.forcedKeyFrames() <= allowed,
        stage.forcedKeyFrames() + " forced key frames in " + took / 1_000_000 + " ms");
    assertTrue(stage.forcedKeyFrames() >= 1);
  }

  @Test
  void webSocketViewersGetTheHeaderWithTheKeyFrameFlag() throws Exception {
    start(s -> new ScriptedEncoder(2, true, true));
    BlockingQueue<byte[]> messages = viewer(Viewer.Kind.H264);
    encodeFrames(2);
    byte[] key = messages.poll(5, TimeUnit.SECONDS);
    byte[] p = messages.poll(5, TimeUnit.SECONDS);
    ByteBuffer h = header(key);
    assertEquals(32, h.getShort(0));
    assertEquals(H264Frame.KIND_H264, h.get(3));
    assertEquals(H264Frame.FOURCC_H264, h.getInt(4));
    assertEquals(640, h.getShort(24));
    assertEquals(480, h.getShort(26));
    assertEquals(H264Frame.FLAG_KEY_FRAME, h.getInt(28));
    assertEquals(0, header(p).getInt(28));
    assertEquals(h.getLong(8) + 1, header(p).getLong(8), "consecutive sequences");
  }

  @Test
  void anIdrWithoutParameterSetsIsNoKeyFrameAndIsReported() throws Exception {
    start(s -> new ScriptedEncoder(1, true, false));
    BlockingQueue<byte[]> units = viewer(Viewer.Kind.H264_RAW);
    encodeFrames(2);
    assertNull(units.poll(300, TimeUnit.MILLISECONDS), "no viewer can start at such a unit");
    assertTrue(stage.problem().contains("without SPS and PPS"), stage.problem());
  }

  @Test
  void anEncoderThatCannotOpenIsReportedAndNotTriedAgainAtOnce() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    start(
        s -> {
          attempts.incrementAndGet();
          throw new H264EncoderException("libopenh264.so.7 not found: install libopenh264-7");
        });
    viewer(Viewer.Kind.H264_RAW);
    submit(YUYV);
    await(() -> stage.problem() != null);
    submit(YUYV);
    submit(YUYV);
    Thread.sleep(200);
    assertEquals(1, attempts.get(), "retried only after " + H264Stage.RETRY_SECONDS + " s");
    assertTrue(stage.problem().contains("install libopenh264-7"), stage.problem());
  }

  @Test
  void framesOfAnotherPixelFormatAreNotEncoded() throws Exception {
    ScriptedEncoder encoder = new ScriptedEncoder(1, true, true);
    start(s -> encoder);
    viewer(Viewer.Kind.H264_RAW);
    submit('M' | 'J' << 8 | 'P' << 16 | 'G' << 24);
    await(() -> stage.problem() != null);
    assertTrue(stage.problem().contains("needs YUYV frames; the camera gives MJPG"));
    assertEquals(0, encoder.frames.get());
  }

  @Test
  void theEncoderReopensWhenTheFrameSizeChanges() throws Exception {
    List<H264Settings> opened = new ArrayList<>();
    start(
        s -> {
          opened.add(s);
          return new ScriptedEncoder(1000, true, true);
        });
    viewer(Viewer.Kind.H264_RAW);
    encodeFrames(1);
    submitSized(YUYV, 320, 240);
    await(() -> stage.framesEncoded() == 2);
    assertEquals(2, opened.size());
    assertEquals(320, opened.get(1).width());
    assertEquals(240, opened.get(1).height());
  }

  /**
   * Makes the viewer receiving into {@code units} miss the next unit (its channel is not ready),
   * then ready again.
   */
  private void missOneUnit(BlockingQueue<byte[]> units) throws Exception {
    Channel client = clients.get(units);
    Viewer viewer = viewerOn(client);
    client
        .eventLoop()
        .submit(
            () -> {
              client.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
              client.write(Unpooled.wrappedBuffer(new byte[8])); // queued, not flushed
            })
        .sync();
    assertFalse(client.isWritable());
    long skipped = viewer.framesSkipped();
    submit(YUYV);
    await(() -> viewer.framesSkipped() > skipped);
    client
        .eventLoop()
        .submit(
            () -> {
              client.flush();
              client.config().setWriteBufferWaterMark(WriteBufferWaterMark.DEFAULT);
            })
        .sync();
    assertEquals(8, units.poll(5, TimeUnit.SECONDS).length, "the bytes that held it back");
  }

  private Viewer viewerOn(Channel client) {
    for (Viewer v : viewers.snapshot()) {
      if (v.channel() == client) {
        return v;
      }
    }
    throw new AssertionError("no viewer on " + client);
  }

  private void start(Function<H264Settings, H264Encoder> opener) {
    stage = new H264Stage(viewers, UnpooledByteBufAllocator.DEFAULT, opener, 1_000_000, () -> 30);
    stage.start();
  }

  /** A viewer of {@code kind} on an in-process channel; returns what it receives, per write. */
  private BlockingQueue<byte[]> viewer(Viewer.Kind kind) throws Exception {
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    LocalAddress address = new LocalAddress("h264-stage-" + ADDRESSES.incrementAndGet());
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(LocalServerChannel.class)
            .childHandler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf b = (ByteBuf) msg;
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    b.release();
                    received.add(bytes);
                  }
                })
            .bind(address)
            .sync()
            .channel();
    Channel client =
        new Bootstrap()
            .group(group)
            .channel(LocalChannel.class)
            .handler(new ChannelInboundHandlerAdapter())
            .connect(address)
            .sync()
            .channel();
    channels.add(client);
    channels.add(server);
    clients.put(received, client);
    assertTrue(viewers.reserve());
    viewers.add(new Viewer(client, kind, 0));
    return received;
  }

  /** Submits {@code n} 640x480 YUYV frames, each once the one before is encoded. */
  private void encodeFrames(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      long before = stage.framesEncoded();
      submit(YUYV);
      await(() -> stage.framesEncoded() > before);
    }
  }

  private void submit(int fourcc) {
    submitSized(fourcc, 640, 480);
  }

  private void submitSized(int fourcc, int width, int height) {
    await(frame::idle);
    ByteBuf buffer = frame.nextBuffer(UnpooledByteBufAllocator.DEFAULT, width * height * 2);
    long seq = sequence++;
    ByteBuffer region = WireFrame.frameRegion(buffer);
    region.put(region.position(), (byte) seq); // what the scripted encoder echoes
    frame.frame(
        buffer, width * height * 2, seq, System.nanoTime(), width, height, fourcc, width * 2);
    try {
      stage.submit(frame);
    } finally {
      frame.release();
    }
  }

  private static boolean isKey(byte[] unit) {
    assertTrue(unit != null, "no unit arrived");
    ByteBuffer b = ByteBuffer.wrap(unit);
    return AnnexB.isKeyFrame(AnnexB.nalTypes(b, 0, unit.length));
  }

  /** The 32-byte frame header of a WebSocket message. */
  private static ByteBuffer header(byte[] message) {
    assertTrue(message != null, "no message arrived");
    int len = message[1] & 0x7f;
    int start = len == 126 ? 4 : len == 127 ? 10 : 2;
    return ByteBuffer.wrap(message, start, 32).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
