package io.eyetoystreamer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestRequirementsTest {
  @Test
  void aMissingRequirementSkipsWithAOneLineReason() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> TestRequirements.require(false, "cc is missing", "apt-get install -y cc", false));
    assertEquals("skipped: cc is missing (apt-get install -y cc)", e.getMessage());
  }

  @Test
  void aMissingRequirementFailsInStrictModeNamingThePackage() {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> TestRequirements.require(false, "cc is missing", "apt-get install -y cc", true));
    assertEquals(
        "cc is missing; EYETOY_STRICT_TESTS=1 forbids skipping: apt-get install -y cc",
        e.getMessage());
  }

  @Test
  void aMetRequirementDoesNothing() {
    TestRequirements.require(true, "x", "y", true);
  }

  @Test
  void toolsAreFoundOnThePath() {
    assertNotNull(TestRequirements.findOnPath("sh"));
    assertNull(TestRequirements.findOnPath("no-such-tool-anywhere"));
  }

  /** A cross compiler installed without its C library headers, as gcc reports it. */
  private static Path halfInstalledCompiler(Path dir) throws Exception {
    Path cc = dir.resolve("aarch64-linux-gnu-gcc");
    Files.writeString(
        cc,
        "#!/bin/sh\ncat >/dev/null\n"
            + "echo '/usr/include/stdio.h:27:10: fatal error: bits/libc-header-start.h:"
            + " No such file or directory'\necho 'compilation terminated.'\nexit 1\n");
    Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
    return cc;
  }

  @Test
  void aCompilerWithoutItsHeadersSkipsNamingThePackage(@TempDir Path dir) throws Exception {
    Path cc = halfInstalledCompiler(dir);
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> TestRequirements.requireHeader(cc, "stdio.h", "libc6-dev-arm64-cross", false));
    assertEquals(
        "skipped: aarch64-linux-gnu-gcc cannot compile #include <stdio.h>"
            + " (/usr/include/stdio.h:27:10: fatal error: bits/libc-header-start.h:"
            + " No such file or directory) (apt-get install -y libc6-dev-arm64-cross)",
        e.getMessage());
  }

  @Test
  void aCompilerWithoutItsHeadersFailsInStrictMode(@TempDir Path dir) throws Exception {
    Path cc = halfInstalledCompiler(dir);
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> TestRequirements.requireHeader(cc, "stdio.h", "libc6-dev-arm64-cross", true));
    assertTrue(
        e.getMessage().endsWith("forbids skipping: apt-get install -y libc6-dev-arm64-cross"),
        e.getMessage());
  }

  @Test
  void aCompilerThatFindsTheHeaderPasses(@TempDir Path dir) throws Exception {
    Path cc = dir.resolve("cc");
    Files.writeString(cc, "#!/bin/sh\ncat >/dev/null\nexit 0\n");
    Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestRequirements.requireHeader(cc, "stdio.h", "libc6-dev", true);
  }
}
