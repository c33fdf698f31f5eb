package io.eyetoystreamer.streamer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OpenH264Layout}'s sizes, alignments, member offsets and member sizes, and the enum values
 * the encoder passes, against what C compilers compute from OpenH264's own header ({@code
 * wels/codec_api.h}, package {@code libopenh264-dev}). The probe is written from the Java layout:
 * every member the Java side declares becomes an {@code offsetof} and a {@code sizeof}, so a member
 * missing in the middle shifts the offsets after it, and one missing at the end changes the size.
 * x86-64 is compiled with gcc and run; armhf and arm64 are cross-compiled to assembly and the
 * numbers read from it (nothing foreign runs).
 */
class OpenH264LayoutProbeTest {
  private static final String WELS = "/usr/include/wels";

  /** The enum values the Java side uses, by their C names. */
  private static final Map<String, Integer> CONSTANTS = constants();

  private static Map<String, Integer> constants() {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("CAMERA_VIDEO_REAL_TIME", OpenH264Encoder.CAMERA_VIDEO_REAL_TIME);
    c.put("RC_BITRATE_MODE", OpenH264Encoder.RC_BITRATE_MODE);
    c.put("PRO_BASELINE", OpenH264Encoder.PRO_BASELINE);
    c.put("SM_SINGLE_SLICE", OpenH264Encoder.SM_SINGLE_SLICE);
    c.put("CONSTANT_ID", OpenH264Encoder.CONSTANT_ID);
    c.put("videoFormatI420", OpenH264Encoder.VIDEO_FORMAT_I420);
    c.put("VF_UNDEF", OpenH264Encoder.VF_UNDEF);
    c.put("CP_SMPTE170M", OpenH264Encoder.CP_SMPTE170M);
    c.put("TRC_SMPTE170M", OpenH264Encoder.TRC_SMPTE170M);
    c.put("CM_SMPTE170M", OpenH264Encoder.CM_SMPTE170M);
    c.put("WELS_LOG_ERROR", OpenH264Encoder.WELS_LOG_ERROR);
    c.put("videoFrameTypeInvalid", OpenH264Encoder.VIDEO_FRAME_TYPE_INVALID);
    c.put("videoFrameTypeIDR", OpenH264Encoder.VIDEO_FRAME_TYPE_IDR);
    c.put("videoFrameTypeSkip", OpenH264Encoder.VIDEO_FRAME_TYPE_SKIP);
    c.put("ENCODER_OPTION_TRACE_LEVEL", OpenH264Native.ENCODER_OPTION_TRACE_LEVEL);
    c.put("MAX_NAL_UNITS_IN_LAYER", OpenH264Native.MAX_NAL_UNITS_IN_LAYER);
    c.put("MAX_SPATIAL_LAYER_NUM", OpenH264Layout.MAX_SPATIAL_LAYER_NUM);
    c.put("MAX_LAYER_NUM_OF_FRAME", OpenH264Layout.MAX_LAYER_NUM_OF_FRAME);
    c.put("MAX_SLICES_NUM_TMP", OpenH264Layout.MAX_SLICES_NUM_TMP);
    return c;
  }

  private static final Pattern LABEL = Pattern.compile("^probe_(\\w+):\\s*$");
  private static final Pattern VALUE =
      Pattern.compile("^\\s*\\.(long|word|int|4byte)\\s+(-?(?:0x[0-9a-fA-F]+|\\d+))\\s*$");
  private static final Pattern ZERO = Pattern.compile("^\\s*\\.(zero|space|skip)\\s+4\\s*$");

  @Test
  void amd64LayoutsMatchGccCompiledAndRunOnThisHost(@TempDir Path dir) throws Exception {
    TestRequirements.require(
        CAbi.current().equals(CAbi.AMD64),
        "the host is not x86-64, so the probe cannot be run as x86-64",
        "run on an x86-64 machine; the ARM ABIs are checked from assembly");
    Path gcc = compiler("gcc", "gcc", "libc6-dev");
    Map<String, Long> ran = compileAndRun(gcc, dir);
    assertSame(CAbi.AMD64, ran, "gcc (compiled and run)");
    assertEquals(ran, compileToAssembly(gcc, dir), "reading gcc -S agrees with running the probe");
  }

  @Test
  void arm64LayoutsMatchTheCrossCompiledProbe(@TempDir Path dir) throws Exception {
    Path cc = compiler("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross");
    assertSame(CAbi.ARM64, compileToAssembly(cc, dir), "aarch64-linux-gnu-gcc -S");
  }

  @Test
  void armhfLayoutsMatchTheCrossCompiledProbe(@TempDir Path dir) throws Exception {
    Path cc =
        compiler("arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf", "libc6-dev-armhf-cross");
    assertSame(CAbi.ARMHF, compileToAssembly(cc, dir), "arm-linux-gnueabihf-gcc -S");
  }

  @Test
  void selfCheckSizesAreTheLayoutsProvenHere() {
    for (CAbi abi : List.of(CAbi.AMD64, CAbi.ARM64, CAbi.ARMHF)) {
      OpenH264Layout l = OpenH264Layout.of(abi);
      assertEquals(
          List.of(l.encParamExt.size(), l.frameBsInfo.size(), l.sourcePicture.size()),
          OpenH264SelfCheck.SIZES.get(abi.name()),
          abi.name());
    }
  }

  @Test
  void armhfDiffersFromAmd64WhereThePointersAre() {
    OpenH264Layout amd64 = OpenH264Layout.of(CAbi.AMD64);
    OpenH264Layout armhf = OpenH264Layout.of(CAbi.ARMHF);
    assertEquals(amd64.encParamExt.size(), armhf.encParamExt.size(), "no pointers in it");
    assertTrue(armhf.frameBsInfo.size() < amd64.frameBsInfo.size());
    assertEquals(0, armhf.sourcePicture.offset("uiTimeStamp") % 8, "long long 8-aligned on ARM");
  }

  /**
   * The compiler, and the headers the probe includes: the C library's ({@code stdio.h} for the host
   * run) and OpenH264's, which are not per architecture, so the cross compilers read them from
   * {@value #WELS} with {@code -I}.
   */
  private static Path compiler(String executable, String compilerPackage, String libcPackage) {
    Path cc = TestRequirements.requireTool(executable, compilerPackage);
    TestRequirements.requireHeader(cc, "stdio.h", libcPackage);
    TestRequirements.require(
        Files.isRegularFile(Path.of(WELS, "codec_api.h")),
        WELS + "/codec_api.h is missing",
        "apt-get install -y libopenh264-dev");
    return cc;
  }

  /** The probe's C source: a constant per number, and a main that prints them. */
  static String probeSource(OpenH264Layout layout) {
    List<String[]> entries = new ArrayList<>();
    for (CStruct s : layout.all()) {
      entries.add(new String[] {"sizeof__" + s.name(), "sizeof(" + s.name() + ")"});
      entries.add(new String[] {"alignof__" + s.name(), "_Alignof(" + s.name() + ")"});
      for (CStruct.Member m : s.members()) {
        String id = s.name() + "__" + m.path().replace("[0]", "_0").replace(".", "__");
        entries.add(new String[] {"off__" + id, "offsetof(" + s.name() + ", " + m.path() + ")"});
        entries.add(
            new String[] {"size__" + id, "sizeof(((" + s.name() + " *)0)->" + m.path() + ")"});
      }
    }
    for (String name : CONSTANTS.keySet()) {
      entries.add(new String[] {"const__" + name, "(unsigned int)(" + name + ")"});
    }
    StringBuilder c = new StringBuilder();
    c.append("/* Written by OpenH264LayoutProbeTest from OpenH264Layout. */\n");
    c.append("#include <stddef.h>\n#include <stdio.h>\n#include <codec_api.h>\n\n");
    for (String[] e : entries) {
      c.append("const unsigned int probe_").append(e[0]).append(" = ").append(e[1]).append(";\n");
    }
    c.append("\nint main(void) {\n");
    for (String[] e : entries) {
      c.append("  printf(\"%s %u\\n\", \"")
          .append(e[0])
          .append("\", probe_")
          .append(e[0])
          .append(");\n");
    }
    c.append("  return 0;\n}\n");
    return c.toString();
  }

  /** What the Java side says, named as the probe names it. */
  static Map<String, Long> expected(CAbi abi) {
    OpenH264Layout layout = OpenH264Layout.of(abi);
    Map<String, Long> values = new LinkedHashMap<>();
    for (CStruct s : layout.all()) {
      values.put("sizeof__" + s.name(), (long) s.size());
      values.put("alignof__" + s.name(), (long) s.align());
      for (CStruct.Member m : s.members()) {
        String id = s.name() + "__" + m.path().replace("[0]", "_0").replace(".", "__");
        values.put("off__" + id, (long) m.offset());
        values.put("size__" + id, (long) m.size());
      }
    }
    CONSTANTS.forEach((name, value) -> values.put("const__" + name, (long) value));
    return values;
  }

  private static Path writeProbe(Path dir) throws IOException {
    Path source = dir.resolve("openh264_probe.c");
    Files.writeString(source, probeSource(OpenH264Layout.of(CAbi.AMD64)), StandardCharsets.UTF_8);
    return source;
  }

  static Map<String, Long> compileAndRun(Path compiler, Path dir)
      throws IOException, InterruptedException {
    Path exe = dir.resolve("openh264_probe");
    exec(
        List.of(
            compiler.toString(),
            "-O0",
            "-w",
            "-I" + WELS,
            "-o",
            exe.toString(),
            writeProbe(dir).toString()),
        dir);
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : exec(List.of(exe.toString()), dir).split("\n")) {
      if (!line.isBlank()) {
        String[] parts = line.trim().split(" ");
        values.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return values;
  }

  static Map<String, Long> compileToAssembly(Path compiler, Path dir)
      throws IOException, InterruptedException {
    Path asm = dir.resolve("openh264_probe.s");
    exec(
        List.of(
            compiler.toString(),
            "-S",
            "-O0",
            "-w",
            "-I" + WELS,
            "-o",
            asm.toString(),
            writeProbe(dir).toString()),
        dir);
    Map<String, Long> values = new LinkedHashMap<>();
    String label = null;
    for (String line : Files.readAllLines(asm, StandardCharsets.UTF_8)) {
      Matcher l = LABEL.matcher(line);
      if (l.matches()) {
        label = l.group(1);
        continue;
      }
      if (label == null) {
        continue;
      }
      Matcher v = VALUE.matcher(line);
      if (v.matches()) {
        values.put(label, Long.decode(v.group(2)) & 0xFFFF_FFFFL);
        label = null;
      } else if (ZERO.matcher(line).matches()) {
        values.put(label, 0L);
        label = null;
      }
    }
    return values;
  }

  /** Fails listing every difference between the Java layout and the probe. */
  static void assertSame(CAbi abi, Map<String, Long> probe, String how) {
    Map<String, Long> expected = expected(abi);
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(expected.keySet())) {
      Long c = probe.get(name);
      if (c == null) {
        problems.add(name + ": not in the probe's output");
      } else if (!c.equals(expected.get(name))) {
        problems.add(name + ": Java " + expected.get(name) + ", C " + c);
      }
    }
    if (!problems.isEmpty()) {
      fail(abi.name() + " layouts differ from " + how + ":\n  " + String.join("\n  ", problems));
    }
    assertTrue(expected.size() > 200, "the probe checked " + expected.size() + " numbers");
  }

  private static String exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + String.join(" ", cmd));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
