package io.eyetoystreamer.fakeeyetoy;

import com.sun.jna.Pointer;
import io.eyetoystreamer.v4l2.abi.Abi;
import io.eyetoystreamer.v4l2.abi.AbiDetector;
import io.eyetoystreamer.v4l2.nativeio.Errno;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several simulated devices behind one native seam, as a machine has several {@code /dev/video*}
 * nodes: each call goes to the device whose node it names ({@code open}) or whose descriptor it
 * uses; descriptors are renumbered so they never clash, and mappings go back to the device that
 * made them. This is the {@link java.util.ServiceLoader} provider behind {@code
 * -Deyetoystreamer.v4l2.native=simulated}: by default the simulated PS3 Eye on {@code /dev/video0}
 * ({@link FakeEyetoy}) and the simulated H.264 encoder on {@code /dev/video11} ({@link
 * FakeH264Encoder}). Thread-safe (the devices are; the descriptor and mapping tables are
 * synchronized).
 */
public final class SimulatedDevices implements V4l2Native {
  private record Route(V4l2Native device, int fd) {}

  /** A mapping's device, and how many {@code mmap}s of that address are not yet unmapped. */
  private static final class Mapping {
    final V4l2Native device;
    int count;

    Mapping(V4l2Native device) {
      this.device = device;
    }
  }

  private final Abi abi;
  private final List<V4l2Native> devices;
  private final Map<Integer, Route> routes = new HashMap<>();
  private final Map<Long, Mapping> mapped = new HashMap<>();
  private int nextFd = 3;

  /** The default set: a {@link FakeEyetoy} and a {@link FakeH264Encoder}, host ABI. */
  public SimulatedDevices() {
    this(new FakeEyetoy(AbiDetector.current()), new FakeH264Encoder());
  }

  /**
   * A set of simulated devices, each on its own nodes.
   *
   * @param devices the devices, all with the same {@link V4l2Native#abi()}
   */
  public SimulatedDevices(V4l2Native... devices) {
    if (devices.length == 0) {
      throw new IllegalArgumentException("no devices");
    }
    this.devices = List.of(devices);
    this.abi = devices[0].abi();
    for (V4l2Native d : devices) {
      if (d.abi() != abi) {
        throw new IllegalArgumentException(
            "every device must speak one ABI: " + abi + " and " + d.abi());
      }
    }
  }

  /**
   * Returns the devices, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<V4l2Native> devices() {
    return devices;
  }

  /**
   * Returns the first device of a type, e.g. the {@link FakeH264Encoder} to inject its faults.
   *
   * @param <T> the type
   * @param type its class
   * @return the device
   * @throws IllegalArgumentException when there is none
   */
  public <T extends V4l2Native> T device(Class<T> type) {
    for (V4l2Native d : devices) {
      if (type.isInstance(d)) {
        return type.cast(d);
      }
    }
    throw new IllegalArgumentException("no " + type.getSimpleName() + " among " + devices);
  }

  @Override
  public Abi abi() {
    return abi;
  }

  /** The nodes of every device, in order. */
  @Override
  public List<String> deviceNodes() {
    List<String> all = new ArrayList<>();
    for (V4l2Native d : devices) {
      all.addAll(d.deviceNodes());
    }
    return all;
  }

  @Override
  public int open(String path, int flags) {
    Objects.requireNonNull(path, "path");
    for (V4l2Native d : devices) {
      if (d.deviceNodes().contains(path)) {
        int fd = d.open(path, flags);
        if (fd < 0) {
          return fd;
        }
        synchronized (this) {
          routes.put(nextFd, new Route(d, fd));
          return nextFd++;
        }
      }
    }
    return -Errno.ENOENT;
  }

  private synchronized Route route(int fd) {
    return routes.get(fd);
  }

  @Override
  public int close(int fd) {
    Route r;
    synchronized (this) {
      r = routes.remove(fd);
    }
    return r == null ? -Errno.EBADF : r.device().close(r.fd());
  }

  @Override
  public int ioctl(int fd, int request, Pointer arg) {
    Route r = route(fd);
    return r == null ? -Errno.EBADF : r.device().ioctl(r.fd(), request, arg);
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    Route r = route(fd);
    if (r == null) {
      return -Errno.EBADF;
    }
    long address = r.device().mmap(length, prot, flags, r.fd(), offset);
    if (address > 0) {
      synchronized (this) {
        Mapping m = mapped.get(address);
        if (m == null || m.device != r.device()) {
          m = new Mapping(r.device());
          mapped.put(address, m);
        }
        m.count++;
      }
    }
    return address;
  }

  @Override
  public int munmap(long address, long length) {
    Mapping m;
    synchronized (this) {
      m = mapped.get(address);
    }
    if (m == null) {
      return -Errno.EINVAL;
    }
    int r = m.device.munmap(address, length);
    if (r == 0) {
      synchronized (this) {
        if (--m.count == 0 && mapped.get(address) == m) {
          mapped.remove(address);
        }
      }
    }
    return r;
  }

  @Override
  public int detach(long address, long length) {
    Mapping m;
    synchronized (this) {
      m = mapped.get(address);
    }
    return m == null ? -Errno.EINVAL : m.device.detach(address, length);
  }

  @Override
  public int poll(int fd, int events, int timeoutMillis) {
    Route r = route(fd);
    return r == null ? POLLNVAL : r.device().poll(r.fd(), events, timeoutMillis);
  }

  @Override
  public String toString() {
    return "SimulatedDevices" + devices;
  }
}
