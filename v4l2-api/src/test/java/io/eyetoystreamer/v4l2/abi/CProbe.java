package io.eyetoystreamer.v4l2.abi;

import static org.junit.jupiter.api.Assertions.fail;

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

/** Compiles the C layout probe and reads its numbers, by running it or from its assembly. */
final class CProbe {
  static final Path SOURCE =
      Path.of(System.getProperty("basedir", "."), "src", "test", "c", "v4l2_probe.c");

  private static final Pattern LABEL = Pattern.compile("^probe_(\\w+):\\s*$");
  private static final Pattern VALUE =
      Pattern.compile("^\\s*\\.(long|word|int|4byte)\\s+(-?(?:0x[0-9a-fA-F]+|\\d+))\\s*$");
  private static final Pattern ZERO = Pattern.compile("^\\s*\\.(zero|space|skip)\\s+4\\s*$");

  private CProbe() {}

  /** Builds the probe with a host compiler, runs it and parses its "name value" lines. */
  static Map<String, Long> compileAndRun(Path compiler, Path workDir, List<String> flags)
      throws IOException, InterruptedException {
    Path exe = workDir.resolve("v4l2_probe");
    List<String> cmd = new ArrayList<>(List.of(compiler.toString(), "-O0", "-w"));
    cmd.addAll(flags);
    cmd.addAll(List.of("-o", exe.toString(), SOURCE.toString()));
    exec(cmd, workDir);
    String out = exec(List.of(exe.toString()), workDir);
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split(" ");
      values.put(parts[0], Long.parseLong(parts[1]));
    }
    return values;
  }

  /** Compiles the probe to assembly only (-S) and reads each probe_ constant's directive. */
  static Map<String, Long> compileToAssembly(Path compiler, Path workDir, List<String> flags)
      throws IOException, InterruptedException {
    Path asm = workDir.resolve("v4l2_probe.s");
    List<String> cmd = new ArrayList<>(List.of(compiler.toString(), "-S", "-O0", "-w"));
    cmd.addAll(flags);
    cmd.addAll(List.of("-o", asm.toString(), SOURCE.toString()));
    exec(cmd, workDir);
    return parseAssembly(Files.readAllLines(asm, StandardCharsets.UTF_8));
  }

  /** Reads "probe_NAME:" labels each followed by one 4-byte data directive. */
  static Map<String, Long> parseAssembly(List<String> lines) {
    Map<String, Long> values = new LinkedHashMap<>();
    String label = null;
    for (String line : lines) {
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
        String n = v.group(2);
        long value = n.startsWith("0x") || n.startsWith("-0x") ? Long.decode(n) : Long.parseLong(n);
        values.put(label, value & 0xFFFF_FFFFL);
        label = null;
      } else if (ZERO.matcher(line).matches()) {
        values.put(label, 0L);
        label = null;
      }
    }
    return values;
  }

  /** The values the library computes for an ABI, named as the probe names them. */
  static Map<String, Long> expected(Abi abi) {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("abi__long", (long) abi.longSize());
    values.put("abi__pointer", (long) abi.pointerSize());
    values.put("abi__time_t", (long) abi.timeSize());
    for (StructLayout l : V4l2Layouts.of(abi).all()) {
      values.put("sizeof__" + l.name(), (long) l.size());
      for (Field f : l.fields()) {
        // fmt.pix_mp.plane_fmt[0].sizeimage -> fmt__pix_mp__plane_fmt_0__sizeimage
        String id =
            l.name() + "__" + f.path().replace(".", "__").replace("[", "_").replace("]", "");
        values.put("off__" + id, (long) f.offset());
        values.put("size__" + id, (long) f.size());
      }
    }
    for (V4l2Ioctl io : V4l2Ioctl.values()) {
      values.put("ioc__" + io.name(), io.request(abi) & 0xFFFF_FFFFL);
    }
    return values;
  }

  /** Fails listing every difference between the library's values and the probe's. */
  static void assertSame(Abi abi, Map<String, Long> probe, String how) {
    Map<String, Long> expected = expected(abi);
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(expected.keySet())) {
      Long c = probe.get(name);
      if (c == null) {
        problems.add(name + ": not in the probe (add it to v4l2_probe.c)");
      } else if (!c.equals(expected.get(name))) {
        problems.add(
            name
                + ": library "
                + hexIfIoctl(name, expected.get(name))
                + ", C "
                + hexIfIoctl(name, c));
      }
    }
    for (String name : new TreeSet<>(probe.keySet())) {
      if (!expected.containsKey(name)) {
        problems.add(name + ": probed but unknown to the library (stale probe entry?)");
      }
    }
    if (!problems.isEmpty()) {
      fail(abi + " layouts differ from " + how + ":\n  " + String.join("\n  ", problems));
    }
  }

  private static String hexIfIoctl(String name, long value) {
    return name.startsWith("ioc__") ? String.format("0x%08X", value) : Long.toString(value);
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
