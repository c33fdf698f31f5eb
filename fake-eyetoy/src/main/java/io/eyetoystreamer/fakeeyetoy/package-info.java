/**
 * A simulated PS3 Eye (the Linux gspca {@code ov534} driver) below the native seam of {@code
 * v4l2-api}: {@link io.eyetoystreamer.fakeeyetoy.FakeEyetoy} implements {@link
 * io.eyetoystreamer.v4l2.nativeio.V4l2Native}, so the library's real capture code runs on it
 * unchanged. Its frames are the picture ARCHITECTURE.md describes (75% colour bars, a moving box, a
 * 32-bit sequence stamp top and bottom), painted by {@link
 * io.eyetoystreamer.fakeeyetoy.FramePainter} and read back by {@link
 * io.eyetoystreamer.fakeeyetoy.StampDecoder}; {@link io.eyetoystreamer.fakeeyetoy.Faults} injects
 * unplugs, stalls, error-flagged frames, slow delivery and busy opens on demand.
 */
package io.eyetoystreamer.fakeeyetoy;
