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

/** Two successive reads by one reader never return an older frame after a newer one. */
@JCStressTest
@Outcome(
    id = {"0, 0", "0, 1", "0, 2", "1, 1", "1, 2", "2, 2"},
    expect = ACCEPTABLE,
    desc = "in order")
@Outcome(expect = FORBIDDEN, desc = "went back in time")
@State
public class SequenceNeverGoesBackTest {
  private final FrameArea area = FrameArea.inMemory(TinyFrames.TWO_SLOTS);
  private final AreaWriter writer = area.writer();
  private final AreaReader reader = area.newReader();
  private final ByteBuffer frame1 = TinyFrames.frame(1);
  private final ByteBuffer frame2 = TinyFrames.frame(2);
  private final ByteBuffer dst = ByteBuffer.allocateDirect(TinyFrames.LENGTH);

  /** Publishes two frames. */
  @Actor
  public void writer() {
    writer.publish(frame1, 1);
    writer.publish(frame2, 2);
  }

  /** Reads twice: (first sequence, second sequence). */
  @Actor
  public void reader(JJ_Result r) {
    r.r1 = reader.readLatest(dst.clear(), 0);
    r.r2 = reader.readLatest(dst.clear(), 0);
  }
}
