package io.eyetoystreamer.sharedarea.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.eyetoystreamer.sharedarea.AreaReader;
import io.eyetoystreamer.sharedarea.AreaWriter;
import io.eyetoystreamer.sharedarea.FrameArea;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The capture timestamp a reader returns belongs to the frame it returns: the writer stamps frame n
 * with time 100n, through claim and commit (the zero-copy path), lapping the reader.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "nothing published yet")
@Outcome(
    id = {"1, 100", "2, 200", "3, 300"},
    expect = ACCEPTABLE,
    desc = "a frame with its own timestamp")
@Outcome(expect = FORBIDDEN, desc = "timestamp of another frame")
@State
public class MetadataMatchesFrameTest {
  private final FrameArea area = FrameArea.inMemory(TinyFrames.TWO_SLOTS);
  private final AreaWriter writer = area.writer();
  private final AreaReader reader = area.newReader();
  private final ByteBuffer dst = ByteBuffer.allocateDirect(TinyFrames.LENGTH);

  /** Publishes three frames in place. */
  @Actor
  public void writer() {
    for (int n = 1; n <= 3; n++) {
      writer.claim();
      writer.commit(TinyFrames.LENGTH, 100L * n);
    }
  }

  /** Reads once: (sequence, capture time). */
  @Actor
  public void reader(JJ_Result r) {
    long seq = reader.readLatest(dst, 0);
    r.r1 = seq;
    r.r2 = seq == AreaReader.NOTHING_NEWER ? 0 : reader.captureTimeNanos();
  }
}
