package io.eyetoystreamer.sharedarea;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A reader thread body for the stress tests: reads until told to stop or the writer goes, verifies
 * every frame whole against {@link FramePattern} and its sequences in order, and returns what it
 * saw.
 */
final class StressReader implements Callable<StressReader.Result> {
  /** What one reader saw. */
  record Result(long frames, long retries, long lastSequence) {}

  private final FrameArea area;
  private final boolean waits;
  private final long stopAtNanos;

  /**
   * @param waits true to sleep for each new frame ({@code awaitNewer}), false to re-read the newest
   *     frame in a tight loop (the most races with the writer)
   */
  StressReader(FrameArea area, boolean waits, long stopAtNanos) {
    this.area = area;
    this.waits = waits;
    this.stopAtNanos = stopAtNanos;
  }

  @Override
  public Result call() {
    AreaReader reader = area.newReader();
    ByteBuffer dst = ByteBuffer.allocateDirect(area.geometry().slotCapacity());
    long last = 0;
    long frames = 0;
    while (System.nanoTime() < stopAtNanos) {
      if (waits) {
        long newest = reader.awaitNewer(last, TimeUnit.MILLISECONDS.toNanos(100));
        if (newest == AreaReader.WRITER_GONE) {
          break;
        }
        if (newest == AreaReader.TIMED_OUT) {
          continue;
        }
      } else if (area.writerStatus() != WriterStatus.ALIVE) {
        break;
      }
      dst.clear();
      long seq = reader.readLatest(dst, waits ? last : 0);
      if (seq == AreaReader.NOTHING_NEWER) {
        continue;
      }
      if (seq < last || (waits && seq == last)) {
        throw new AssertionError("sequence went from " + last + " to " + seq);
      }
      int expectedLength = FramePattern.lengthOf(seq, area.geometry().slotCapacity());
      if (reader.frameLength() != expectedLength || dst.position() != expectedLength) {
        throw new AssertionError(
            "frame "
                + seq
                + " has length "
                + reader.frameLength()
                + ", expected "
                + expectedLength);
      }
      if (reader.captureTimeNanos() != seq * 1000) {
        throw new AssertionError("frame " + seq + " has timestamp " + reader.captureTimeNanos());
      }
      int mismatch = FramePattern.firstMismatch(dst, seq, expectedLength);
      if (mismatch >= 0) {
        throw new AssertionError("frame " + seq + " is torn at byte " + mismatch);
      }
      last = seq;
      frames++;
    }
    System.out.printf(
        "%s reader: %d frames, %d retries, last %d%n",
        waits ? "sleeping" : "spinning", frames, reader.retries(), last);
    return new Result(frames, reader.retries(), last);
  }
}
