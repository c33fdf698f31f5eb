package io.eyetoystreamer.streamer;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the capture process for tests of {@code serve --area}: publishes 640x480 frames at a fixed
 * rate into an area file, each frame's every 8-byte word derived from its sequence so that a viewer
 * can check it whole.
 */
final class AreaPublisher implements AutoCloseable {
  static final AreaGeometry VGA = AreaGeometry.yuyv(640, 480);

  private final FrameArea area;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean paused;

  AreaPublisher(Path path, int fps) throws IOException {
    area = FrameArea.createFile(path, VGA);
    AreaWriter writer = area.writer();
    long period = TimeUnit.SECONDS.toNanos(1) / fps;
    thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (running) {
                if (paused) {
                  writer.heartbeat();
                } else {
                  long seq = writer.lastSequence() + 1;
                  fill(writer.claim(), seq);
                  writer.commit(VGA.slotCapacity(), System.nanoTime());
                }
                next += period;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
              }
            },
            "test-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops publishing frames (the writer stays alive): a stalled camera. */
  void pause(boolean pause) {
    paused = pause;
  }

  static void fill(ByteBuffer slot, long seq) {
    ByteBuffer b = slot.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < VGA.slotCapacity(); i += 8) {
      b.putLong(i, seq * 0x9E3779B97F4A7C15L + i);
    }
  }

  /** True if {@code frame} (from its reader index, 614400 bytes) is frame {@code seq}, whole. */
  static boolean whole(io.netty.buffer.ByteBuf frame, int offset, long seq) {
    // One NIO view, not a ByteBuf access per word: the leak detector records every ByteBuf access.
    ByteBuffer b = frame.nioBuffer(frame.readerIndex() + offset, VGA.slotCapacity());
    b.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < VGA.slotCapacity(); i += 8) {
      if (b.getLong(i) != seq * 0x9E3779B97F4A7C15L + i) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    area.close();
  }
}
