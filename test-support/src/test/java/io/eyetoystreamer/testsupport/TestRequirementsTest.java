package io.eyetoystreamer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
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
}
