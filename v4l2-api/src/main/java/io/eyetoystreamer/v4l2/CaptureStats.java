package io.eyetoystreamer.v4l2;

/**
 * Counters of a {@link CaptureStream}, a consistent snapshot. Immutable.
 *
 * @param delivered good frames handed to the caller
 * @param errorFrames frames the driver flagged {@code V4L2_BUF_FLAG_ERROR} (rejected)
 * @param shortFrames frames with fewer bytes than the format's image size (rejected)
 * @param sequenceGaps frames the driver skipped, counted from jumps in the sequence numbers
 *     (usually because the application was too slow to give buffers back)
 */
public record CaptureStats(long delivered, long errorFrames, long shortFrames, long sequenceGaps) {}
