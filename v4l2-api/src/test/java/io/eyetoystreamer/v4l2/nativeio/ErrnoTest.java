package io.eyetoystreamer.v4l2.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.testsupport.TestRequirements;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrnoTest {
  @Test
  void describesAnErrnoAsNameAndText() {
    assertEquals("EBUSY (Device or resource busy)", Errno.describe(Errno.EBUSY));
  }

  @Test
  void unknownErrnoStillGetsAReadableDescription() {
    assertEquals("errno 200 (Unknown error 200)", Errno.describe(200));
  }

  @Test
  void everyNameMatchesItsConstant() throws Exception {
    for (java.lang.reflect.Field f : Errno.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        String name = Errno.name(f.getInt(null));
        assertTrue(
            name.equals(f.getName())
                || f.getName().equals("EWOULDBLOCK")
                || f.getName().equals("ENOTSUP"),
            f.getName() + " is named " + name);
      }
    }
  }

  @Test
  void textsMatchTheHostCLibrary(@TempDir Path dir) throws Exception {
    Path gcc = TestRequirements.requireTool("gcc", "gcc");
    Path exe = dir.resolve("errno_probe");
    Path source = Path.of(System.getProperty("basedir", "."), "src", "test", "c", "errno_probe.c");
    run(List.of(gcc.toString(), "-o", exe.toString(), source.toString()));
    Map<Integer, String> libc = new HashMap<>();
    for (String line : run(List.of(exe.toString())).split("\n")) {
      int space = line.indexOf(' ');
      libc.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
    }
    List<String> wrong = new ArrayList<>();
    for (java.lang.reflect.Field f : Errno.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        int errno = f.getInt(null);
        if (!Errno.description(errno).equals(libc.get(errno))) {
          wrong.add(
              f.getName() + ": '" + Errno.description(errno) + "' vs '" + libc.get(errno) + "'");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
