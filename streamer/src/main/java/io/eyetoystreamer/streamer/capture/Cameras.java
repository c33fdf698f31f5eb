package io.eyetoystreamer.streamer.capture;

import io.eyetoystreamer.v4l2.DeviceInfo;
import io.eyetoystreamer.v4l2.V4l2Devices;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Picks the camera: the device named on the command line, else the first device that can capture,
 * else the simulated Eyetoy, said plainly in the log.
 */
public final class Cameras {
  private static final Logger LOG = Logger.getLogger(Cameras.class.getName());

  /** The {@code --device} value that selects the simulated Eyetoy. */
  public static final String SIMULATED = "simulated";

  private Cameras() {}

  /**
   * The camera for {@code --device} (null when not given).
   *
   * @param simulated makes the simulated Eyetoy
   */
  public static CameraSource choose(String device, Supplier<CameraSource> simulated) {
    if (SIMULATED.equals(device)) {
      LOG.info("using the simulated Eyetoy, as asked (--device simulated)");
      return simulated.get();
    }
    if (device != null) {
      return new DeviceCamera(device);
    }
    List<DeviceInfo> found = V4l2Devices.list();
    for (DeviceInfo info : found) {
      if (info.capabilities() != null && info.capabilities().canCapture()) {
        LOG.info(() -> "using camera " + info.path() + " (the first that can capture)");
        return new DeviceCamera(info.path());
      }
    }
    LOG.info(
        "no camera found (no /dev/video* that can capture): using the simulated Eyetoy, 640x480"
            + " YUYV colour bars. Use --device /dev/videoN to pick a camera.");
    return simulated.get();
  }
}
