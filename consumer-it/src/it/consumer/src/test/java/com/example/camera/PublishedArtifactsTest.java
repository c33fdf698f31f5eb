package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eyetoystreamer.fakeeyetoy.FakeEyetoy;
import io.eyetoystreamer.sharedarea.FrameArea;
import io.eyetoystreamer.v4l2.V4l2Device;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** This project sees the freshly installed artifacts, and nothing it did not ask for. */
class PublishedArtifactsTest {
  @Test
  void theLibrariesComeFromTheFreshRepositoryWithTheirModuleNames() throws Exception {
    Path fresh = Path.of(System.getProperty("fresh.repo")).toRealPath();
    String[][] libraries = {
      {jarOf(V4l2Device.class), "io.eyetoystreamer.v4l2"},
      {jarOf(FrameArea.class), "io.eyetoystreamer.sharedarea"},
      {jarOf(FakeEyetoy.class), "io.eyetoystreamer.fakeeyetoy"}
    };
    for (String[] lib : libraries) {
      Path jar = Path.of(lib[0]).toRealPath();
      assertTrue(jar.startsWith(fresh), jar + " is not from " + fresh);
      try (JarFile j = new JarFile(jar.toFile())) {
        assertEquals(lib[1], j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
      }
    }
  }

  @Test
  void theClassPathIsTheLibrariesJnaAndTheTestTools() {
    List<String> ours = new ArrayList<>();
    for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.startsWith("junit-") && !name.startsWith("opentest4j")
          && !name.startsWith("apiguardian") && !name.startsWith("surefire")
          && !name.startsWith("common-") && !name.equals("classes") && !name.equals("test-classes")) {
        ours.add(name.replaceAll("-[0-9].*", ""));
      }
    }
    assertEquals(List.of("v4l2-api", "sharedarea", "fake-eyetoy", "jna"), ours.stream().sorted(
        (a, b) -> order(a) - order(b)).toList(), "class path: " + ours);
  }

  private static int order(String name) {
    return List.of("v4l2-api", "sharedarea", "fake-eyetoy", "jna").indexOf(name);
  }

  private static String jarOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
