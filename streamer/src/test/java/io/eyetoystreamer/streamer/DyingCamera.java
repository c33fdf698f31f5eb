package io.eyetoystreamer.streamer;

import com.sun.jna.Pointer;
import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.streamer.capture.CameraSource;
import io.eyetoystreamer.streamer.capture.Cameras;
import io.eyetoystreamer.v4l2.V4l2Device;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;

/**
 * The simulated Eyetoy, whose capture thread can be killed: once {@link #kill()} is called, its
 * next {@code poll} throws an {@link Error}, as an OutOfMemoryError would in the capture thread.
 */
final class DyingCamera implements CameraSource {
  private final FakeEyetoy fake = new FakeEyetoy();
  private volatile boolean doomed;
  volatile long diedAtNanos;

  /** The next poll of the capture thread throws. */
  void kill() {
    doomed = true;
  }

  @Override
  public String name() {
    return Cameras.SIMULATED;
  }

  @Override
  public V4l2Device open() {
    return V4l2Device.open(fake.path(), new Seam());
  }

  /** The fake's seam, but for a poll that dies on demand. */
  private final class Seam implements V4l2Native {
    @Override
    public Abi abi() {
      return fake.abi();
    }

    @Override
    public int open(String path, int flags) {
      return fake.open(path, flags);
    }

    @Override
    public int close(int fd) {
      return fake.close(fd);
    }

    @Override
    public int ioctl(int fd, int request, Pointer arg) {
      return fake.ioctl(fd, request, arg);
    }

    @Override
    public long mmap(long length, int prot, int flags, int fd, long offset) {
      return fake.mmap(length, prot, flags, fd, offset);
    }

    @Override
    public int munmap(long address, long length) {
      return fake.munmap(address, length);
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
      if (doomed) {
        diedAtNanos = System.nanoTime();
        throw new OutOfMemoryError("injected by the test: the capture thread dies");
      }
      return fake.poll(fd, events, timeoutMillis);
    }
  }
}
