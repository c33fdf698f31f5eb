/**
 * A simulated PS3 Eye (the Linux gspca {@code ov534} driver) below the native seam of {@code
 * v4l2-api}: {@link io.eyetoystreamer.fakeeyetoy.FakeEyetoy} implements {@link
 * io.eyetoystreamer.v4l2.nativeio.V4l2Native}, so the library's real capture code runs on it
 * unchanged. Its frames are the picture ARCHITECTURE.md describes (75% colour bars, a moving box, a
 * 32-bit sequence stamp top and bottom), painted by {@link
 * io.eyetoystreamer.fakeeyetoy.FramePainter} and read back by {@link
 * io.eyetoystreamer.fakeeyetoy.StampDecoder}; {@link io.eyetoystreamer.fakeeyetoy.Faults} injects
 * unplugs, stalls, error-flagged frames, slow delivery and busy opens on demand.
 *
 * <p>{@link io.eyetoystreamer.fakeeyetoy.FakeH264Encoder} is a simulated mem2mem H.264 encoder (the
 * kernel's stateful encoder interface, real H.264 out), with its {@link
 * io.eyetoystreamer.fakeeyetoy.EncoderFaults}; {@link
 * io.eyetoystreamer.fakeeyetoy.SimulatedDevices} puts the camera and the encoder behind one seam,
 * and is what {@code -Deyetoystreamer.v4l2.native=simulated} loads.
 */
package io.eyetoystreamer.fakeeyetoy;
