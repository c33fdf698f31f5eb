package io.eyetoystreamer.jmh.area;

import io.eyetoystreamer.sharedarea.AreaGeometry;
import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.Fourcc;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** The real thing: a {@link FrameArea} in a direct buffer with the default four slots. */
final class SeqlockStore implements FrameStore {
  private final FrameArea area;
  private final AreaWriter writer;

  SeqlockStore(int frameBytes) {
    area =
        FrameArea.inMemory(
            new AreaGeometry(AreaGeometry.DEFAULT_SLOTS, frameBytes, 640, 480, Fourcc.YUYV, 1280));
    writer = area.writer();
  }

  @Override
  public void publish(ByteBuffer frame, long captureTimeNanos) {
    writer.publish(frame, captureTimeNanos);
  }

  @Override
  public Reader newReader() {
    AreaReader reader = area.newReader();
    return dst -> reader.readLatest(dst, 0);
  }

  @Override
  public void close() {
    try {
      area.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
