package io.eyetoystreamer.sharedarea.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
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
 * A reader racing a writer that publishes three frames into two slots (so frame 3 overwrites frame
 * 1's slot while the reader may be copying it). Whatever the interleaving, the reader returns
 * nothing or one whole frame whose bytes match its sequence.
 */
@JCStressTest
@Outcome(
    id = {"0, 1"},
    expect = ACCEPTABLE,
    desc = "nothing published yet")
@Outcome(
    id = {"1, 1", "2, 1"},
    expect = ACCEPTABLE,
    desc = "an older whole frame")
@Outcome(id = "3, 1", expect = ACCEPTABLE_INTERESTING, desc = "the newest whole frame")
@Outcome(expect = FORBIDDEN, desc = "torn or mismatched frame")
@State
public class ReadIsNeverTornTest {
  private final FrameArea area = FrameArea.inMemory(TinyFrames.TWO_SLOTS);
  private final AreaWriter writer = area.writer();
  private final AreaReader reader = area.newReader();
  private final ByteBuffer frame1 = TinyFrames.frame(1);
  private final ByteBuffer frame2 = TinyFrames.frame(2);
  private final ByteBuffer frame3 = TinyFrames.frame(3);
  private final ByteBuffer dst = ByteBuffer.allocateDirect(TinyFrames.LENGTH);

  /** Publishes three frames into two slots. */
  @Actor
  public void writer() {
    writer.publish(frame1, 1);
    writer.publish(frame2, 2);
    writer.publish(frame3, 3);
  }

  /** Reads the newest frame once: (sequence, 1 if whole). */
  @Actor
  public void reader(JJ_Result r) {
    long seq = reader.readLatest(dst, 0);
    r.r1 = seq;
    r.r2 = seq == AreaReader.NOTHING_NEWER ? 1 : TinyFrames.wholeAs(dst, seq);
  }
}
