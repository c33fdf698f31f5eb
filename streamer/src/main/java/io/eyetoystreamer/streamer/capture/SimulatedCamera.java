package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.v4l2.V4l2Device;

/**
 * The simulated Eyetoy: the fake ov534 driver below the V4L2 seam, opened through the same library
 * code as a real camera. The default when no camera is present.
 */
public final class SimulatedCamera implements CameraSource {
  private final FakeEyetoy fake;

  /** A fresh simulated camera. */
  public SimulatedCamera() {
    this(new FakeEyetoy());
  }

  /** The given simulated camera (tests keep it to inject faults). */
  public SimulatedCamera(FakeEyetoy fake) {
    this.fake = fake;
  }

  @Override
  public String name() {
    return Cameras.SIMULATED;
  }

  @Override
  public V4l2Device open() {
    return V4l2Device.open(fake.path(), fake);
  }

  /** The simulated device, for fault injection. */
  public FakeEyetoy device() {
    return fake;
  }
}
