/**
 * A lock-free seqlock frame area ({@link io.eyetoystreamer.sharedarea.FrameArea}): one writer
 * ({@link io.eyetoystreamer.sharedarea.AreaWriter}), many readers ({@link
 * io.eyetoystreamer.sharedarea.AreaReader}), in one JVM or across processes through a file under
 * {@code /dev/shm}. The binary layout is specified in the project's ARCHITECTURE.md.
 *
 * <p>Errors: misuse (a closed area, writer or reader; a frame too large) is an unchecked exception;
 * failures of the file (busy, not an area, not ready) are {@link java.io.IOException}s. Loss is a
 * result: {@link io.eyetoystreamer.sharedarea.AreaReader#TIMED_OUT}, {@link
 * io.eyetoystreamer.sharedarea.AreaReader#WRITER_GONE}. The mapping is never unmapped while a
 * buffer of it is reachable, so no misuse crashes the JVM.
 */
package io.eyetoystreamer.sharedarea;
