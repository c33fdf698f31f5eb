package io.eyetoystreamer.v4l2;

import io.eyetoystreamer.v4l2.nativeio.JnaV4l2Native;
import io.eyetoystreamer.v4l2.nativeio.V4l2Native;
import java.util.ServiceLoader;

/**
 * Chooses the native seam behind {@link V4l2Device#open(String)} and {@link V4l2Devices#list()}:
 * the kernel, unless the system property {@value #PROPERTY} says {@code simulated}. Then the first
 * {@link V4l2Native} found by {@link ServiceLoader} is used (fake-eyetoy provides one), one
 * instance per JVM, so that a program or its tests run on the simulated camera without a change of
 * code. Chosen once, on first use.
 */
final class NativeSelection {
  static final String PROPERTY = "eyetoystreamer.v4l2.native";

  private NativeSelection() {}

  static V4l2Native get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final V4l2Native INSTANCE = choose(System.getProperty(PROPERTY, "kernel"));
  }

  static V4l2Native choose(String choice) {
    switch (choice) {
      case "kernel":
        return JnaV4l2Native.instance();
      case "simulated":
        return ServiceLoader.load(V4l2Native.class)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "-D"
                            + PROPERTY
                            + "=simulated, but no simulated device is on the class path: add"
                            + " io.eyetoystreamer:fake-eyetoy"));
      default:
        throw new IllegalStateException(
            "-D" + PROPERTY + "=" + choice + ": expected kernel (the default) or simulated");
    }
  }
}
