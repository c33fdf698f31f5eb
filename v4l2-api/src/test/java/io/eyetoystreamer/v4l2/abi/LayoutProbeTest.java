package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's struct sizes, field offsets and sizes, and ioctl numbers, compared with what GCC
 * computes from the real {@code linux/videodev2.h} (src/test/c/v4l2_probe.c). The host ABI is
 * compiled and run; the ARM ABIs are cross-compiled to assembly only and the numbers read from it.
 */
class LayoutProbeTest {
  private static final List<String> TIME64 = List.of("-D_TIME_BITS=64", "-D_FILE_OFFSET_BITS=64");

  /**
   * The compiler, and the headers the probe includes for its target: a cross compiler installed
   * without its C library headers (apt's --no-install-recommends) skips naming the package, or
   * fails under EYETOY_STRICT_TESTS=1, like a missing compiler.
   */
  private static Path compiler(
      String executable, String compilerPackage, String libcPackage, String kernelPackage) {
    Path cc = TestRequirements.requireTool(executable, compilerPackage);
    TestRequirements.requireHeader(cc, "stdio.h", libcPackage);
    TestRequirements.requireHeader(cc, "sys/time.h", libcPackage);
    TestRequirements.requireHeader(cc, "linux/videodev2.h", kernelPackage);
    return cc;
  }

  @Test
  void x86_64LayoutsMatchTheProbeCompiledAndRunOnThisHost(@TempDir Path dir) throws Exception {
    TestRequirements.require(
        AbiDetector.current() == Abi.X86_64,
        "the host is not x86-64, so the probe cannot be run as x86-64",
        "run on an x86-64 machine; the other ABIs are checked from assembly");
    Path gcc = compiler("gcc", "gcc", "libc6-dev", "linux-libc-dev");
    Map<String, Long> probe = CProbe.compileAndRun(gcc, dir, List.of());
    CProbe.assertSame(Abi.X86_64, probe, "gcc (compiled and run)");
  }

  @Test
  void assemblyReadingAgreesWithRunningTheProbe(@TempDir Path dir) throws Exception {
    Path gcc = compiler("gcc", "gcc", "libc6-dev", "linux-libc-dev");
    Map<String, Long> ran = CProbe.compileAndRun(gcc, dir, List.of());
    Map<String, Long> read = CProbe.compileToAssembly(gcc, dir, List.of());
    assertEquals(ran, read, "values read from gcc -S output must equal the probe's own output");
  }

  @Test
  void aarch64LayoutsMatchTheCrossCompiledProbe(@TempDir Path dir) throws Exception {
    Path cc =
        compiler(
            "aarch64-linux-gnu-gcc",
            "gcc-aarch64-linux-gnu",
            "libc6-dev-arm64-cross",
            "linux-libc-dev-arm64-cross");
    CProbe.assertSame(
        Abi.AARCH64, CProbe.compileToAssembly(cc, dir, List.of()), "aarch64-linux-gnu-gcc -S");
  }

  @Test
  void armhfTime32LayoutsMatchTheCrossCompilersDefault(@TempDir Path dir) throws Exception {
    Path cc =
        compiler(
            "arm-linux-gnueabihf-gcc",
            "gcc-arm-linux-gnueabihf",
            "libc6-dev-armhf-cross",
            "linux-libc-dev-armhf-cross");
    Map<String, Long> probe = CProbe.compileToAssembly(cc, dir, List.of());
    TestRequirements.require(
        probe.getOrDefault("abi__time_t", 0L) == 4,
        "this arm-linux-gnueabihf-gcc defaults to a 64-bit time_t (Debian trixie or later)",
        "use Debian bookworm's gcc-arm-linux-gnueabihf for the 32-bit time_t ABI");
    CProbe.assertSame(Abi.ARMHF_TIME32, probe, "arm-linux-gnueabihf-gcc -S");
  }

  @Test
  void armhfTime64LayoutsMatchTheCrossCompiledProbeWithTimeBits64(@TempDir Path dir)
      throws Exception {
    Path cc =
        compiler(
            "arm-linux-gnueabihf-gcc",
            "gcc-arm-linux-gnueabihf",
            "libc6-dev-armhf-cross",
            "linux-libc-dev-armhf-cross");
    Map<String, Long> probe = CProbe.compileToAssembly(cc, dir, TIME64);
    TestRequirements.require(
        probe.getOrDefault("abi__time_t", 0L) == 8,
        "the armhf C library headers ignore _TIME_BITS=64 (glibc older than 2.34)",
        "install a gcc-arm-linux-gnueabihf with glibc 2.34 or newer (Debian bookworm has 2.36)");
    CProbe.assertSame(
        Abi.ARMHF_TIME64,
        probe,
        "arm-linux-gnueabihf-gcc -S -D_TIME_BITS=64 -D_FILE_OFFSET_BITS=64");
  }
}
