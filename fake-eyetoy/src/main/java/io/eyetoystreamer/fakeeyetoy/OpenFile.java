package io.eyetoystreamer.fakeeyetoy;

/**
 * One open descriptor of the simulated node: its number, whether it was opened non-blocking, and
 * the plugged-in camera it belongs to. A descriptor opened before an unplug stays bound to the
 * camera that vanished, so it answers ENODEV even after a replug, as a real one does. Immutable.
 */
final class OpenFile {
  final int fd;
  final boolean nonBlocking;
  final Camera camera;

  OpenFile(int fd, boolean nonBlocking, Camera camera) {
    this.fd = fd;
    this.nonBlocking = nonBlocking;
    this.camera = camera;
  }

  @Override
  public String toString() {
    return "fd " + fd;
  }
}
