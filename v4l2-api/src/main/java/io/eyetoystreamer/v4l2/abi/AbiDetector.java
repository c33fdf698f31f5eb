package io.eyetoystreamer.v4l2.abi;

import java.util.Locale;

/**
 * Finds the {@link Abi} of the running JVM.
 *
 * <p>The answer comes from {@code os.arch} and the pointer size, and can be forced with the system
 * property {@value #OVERRIDE_PROPERTY} (an {@link Abi} constant name, e.g. {@code ARMHF_TIME64}).
 *
 * <p>On 32-bit ARM the detector picks {@link Abi#ARMHF_TIME32} whatever the C library of the system
 * was built with: this library lays its structs out itself, so it only has to agree with the
 * kernel, and every kernel accepts the 32-bit-time form of {@code v4l2_buffer} (Linux 5.6+ accepts
 * both; older kernels only that one). Buffer timestamps are {@code CLOCK_MONOTONIC} (time since
 * boot), so 32-bit seconds do not overflow in 2038. Thread-safe; the result is cached.
 */
public final class AbiDetector {
  /** System property that forces the ABI, e.g. {@code -Deyetoystreamer.v4l2.abi=ARMHF_TIME64}. */
  public static final String OVERRIDE_PROPERTY = "eyetoystreamer.v4l2.abi";

  private static volatile Abi cached;

  private AbiDetector() {}

  /**
   * Returns the ABI of the running JVM (cached after the first call).
   *
   * @return the detected or forced ABI
   * @throws UnsupportedOperationException on an architecture this library has no layouts for
   */
  public static Abi current() {
    Abi abi = cached;
    if (abi == null) {
      abi =
          detect(
              System.getProperty("os.arch", ""),
              pointerSizeOfThisJvm(),
              System.getProperty(OVERRIDE_PROPERTY));
      cached = abi;
    }
    return abi;
  }

  /**
   * Decides the ABI from explicit facts (the testable core of {@link #current()}).
   *
   * @param osArch the value of {@code os.arch}, e.g. {@code amd64}, {@code aarch64}, {@code arm}
   * @param pointerSize the JVM's native pointer size in bytes (4 or 8)
   * @param override an {@link Abi} constant name, or null / blank for none
   * @return the ABI
   * @throws UnsupportedOperationException when the architecture is not supported
   * @throws IllegalArgumentException when the override names no {@link Abi}
   */
  public static Abi detect(String osArch, int pointerSize, String override) {
    if (override != null && !override.isBlank()) {
      try {
        return Abi.valueOf(override.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            OVERRIDE_PROPERTY
                + "="
                + override
                + " names no ABI; use one of X86_64, AARCH64,"
                + " ARMHF_TIME32, ARMHF_TIME64",
            e);
      }
    }
    String arch = osArch.toLowerCase(Locale.ROOT);
    if ((arch.equals("amd64") || arch.equals("x86_64")) && pointerSize == 8) {
      return Abi.X86_64;
    }
    if ((arch.equals("aarch64") || arch.equals("arm64")) && pointerSize == 8) {
      return Abi.AARCH64;
    }
    if (arch.startsWith("arm") && pointerSize == 4) {
      return Abi.ARMHF_TIME32;
    }
    throw new UnsupportedOperationException(
        "no V4L2 layouts for os.arch="
            + osArch
            + " with "
            + pointerSize
            + "-byte pointers (supported: x86-64, arm64, 32-bit ARM)");
  }

  private static int pointerSizeOfThisJvm() {
    String model = System.getProperty("sun.arch.data.model", "");
    if (model.equals("32")) {
      return 4;
    }
    if (model.equals("64")) {
      return 8;
    }
    return com.sun.jna.Native.POINTER_SIZE;
  }
}
