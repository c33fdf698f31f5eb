package io.eyetoystreamer.streamer.h264;

import io.eyetoystreamer.fakeeyetoy.FramePainter;
import io.eyetoystreamer.fakeeyetoy.PictureLayout;
import io.eyetoystreamer.fakeeyetoy.PictureSettings;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line self-check of the OpenH264 encoder on the running JVM, for an emulated ARM userland
 * ({@code .ci/arm/run}) or a Pi: prints the architecture and the struct sizes of the ABI chosen,
 * loads {@code libopenh264.so.7}, encodes three 640x480 frames of the simulated Eyetoy (the third
 * as a requested key frame) and checks each access unit's NAL unit types: SPS, PPS, IDR; one P
 * slice; SPS, PPS, IDR.
 *
 * <pre>
 * java -cp eyetoy-streamer.jar io.eyetoystreamer.streamer.h264.OpenH264SelfCheck
 * </pre>
 *
 * <p>Exit status 0 when every check passes, 1 otherwise (the last line says PASS or FAIL).
 */
public final class OpenH264SelfCheck {
  /**
   * {@code sizeof} of the structs on each ABI, as gcc 12 and its ARM cross compilers compute them
   * from the 2.3.1 header (OpenH264LayoutProbeTest checks every member; these catch a wrong ABI
   * chosen at run time).
   */
  static final Map<String, List<Integer>> SIZES =
      Map.of(
          "amd64", List.of(920, 5144, 72),
          "arm64", List.of(920, 5144, 72),
          "armhf", List.of(920, 3608, 56));

  private final PrintStream out;
  private int failures;

  private OpenH264SelfCheck(PrintStream out) {
    this.out = out;
  }

  /** Runs the checks; exits 0 when all pass. */
  public static void main(String[] args) {
    OpenH264SelfCheck check = new OpenH264SelfCheck(System.out);
    check.run();
    System.exit(check.failures == 0 ? 0 : 1);
  }

  private void run() {
    String arch = System.getProperty("os.arch");
    CAbi abi;
    try {
      abi = CAbi.current();
    } catch (IllegalStateException e) {
      out.println("os.arch=" + arch);
      fail(e.getMessage());
      verdict();
      return;
    }
    out.println(
        "os.arch="
            + arch
            + " abi="
            + abi.name()
            + " pointer="
            + abi.pointerSize()
            + " java="
            + System.getProperty("java.version"));
    OpenH264Layout layout = OpenH264Layout.of(abi);
    List<Integer> sizes =
        List.of(layout.encParamExt.size(), layout.frameBsInfo.size(), layout.sourcePicture.size());
    out.println("sizeof SEncParamExt, SFrameBSInfo, SSourcePicture = " + sizes);
    List<Integer> expected = SIZES.get(abi.name());
    if (expected != null) {
      check(sizes.equals(expected), "struct sizes of " + abi.name() + " are " + expected);
    }
    if (!OpenH264Encoder.available()) {
      fail(OpenH264Encoder.unavailableReason().orElse("OpenH264 unavailable"));
      verdict();
      return;
    }
    H264Settings settings = new H264Settings(640, 480, 30, 1_000_000, 30);
    FramePainter painter = new FramePainter(PictureLayout.VGA);
    ByteBuffer frame = ByteBuffer.allocateDirect(1280 * 480);
    try (OpenH264Encoder encoder = OpenH264Encoder.open(settings)) {
      out.println("encoder: " + encoder.name() + " " + settings);
      ByteBuffer au = ByteBuffer.allocateDirect(encoder.maxAccessUnitBytes());
      List<List<Integer>> want = List.of(List.of(7, 8, 5), List.of(1), List.of(7, 8, 5));
      for (int i = 0; i < want.size(); i++) {
        painter.paint(frame, 1280, 100 + i, PictureSettings.DEFAULTS);
        au.clear();
        long t0 = System.nanoTime();
        int n = encoder.encode(frame, 1280, i == 2, au);
        long micros = (System.nanoTime() - t0) / 1000;
        List<Integer> types = nalTypes(au, n);
        check(
            types.equals(want.get(i)),
            String.format(
                Locale.ROOT,
                "frame %d%s: %d bytes in %d us, NAL unit types %s (want %s)",
                i,
                i == 2 ? " (key frame asked)" : "",
                n,
                micros,
                types,
                want.get(i)));
      }
    } catch (H264EncoderException e) {
      fail(e.getMessage());
    }
    verdict();
  }

  /** NAL unit types of the Annex-B bytes {@code [0, n)} of {@code au}, by start codes. */
  static List<Integer> nalTypes(ByteBuffer au, int n) {
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i + 3 < n; i++) {
      if (au.get(i) == 0 && au.get(i + 1) == 0 && au.get(i + 2) == 1) {
        types.add(au.get(i + 3) & 0x1f);
        i += 3;
      }
    }
    return types;
  }

  private void check(boolean ok, String what) {
    out.println((ok ? "ok   " : "FAIL ") + what);
    if (!ok) {
      failures++;
    }
  }

  private void fail(String what) {
    check(false, what);
  }

  private void verdict() {
    out.println("openh264 self-check: " + (failures == 0 ? "PASS" : "FAIL (" + failures + ")"));
  }
}
