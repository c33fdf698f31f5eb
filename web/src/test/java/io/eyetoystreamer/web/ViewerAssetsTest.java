package io.eyetoystreamer.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ViewerAssetsTest {
  private static final Path STATIC_DIR =
      Path.of("src", "main", "resources", "io", "eyetoystreamer", "web", "static");

  @Test
  void rootIsTheIndexPage() throws IOException {
    ViewerAssets.Asset root = ViewerAssets.find("/").orElseThrow();
    assertEquals("index.html", root.name());
    assertEquals("text/html; charset=utf-8", root.contentType());
    assertArrayEquals(Files.readAllBytes(STATIC_DIR.resolve("index.html")), root.bytes());
    assertEquals(root.name(), ViewerAssets.find("/index.html").orElseThrow().name());
  }

  @Test
  void scriptsAreJavaScriptWithACharset() {
    ViewerAssets.Asset script = ViewerAssets.find("/viewer.js").orElseThrow();
    assertEquals("text/javascript; charset=utf-8", script.contentType());
    String text = new String(script.bytes(), StandardCharsets.UTF_8);
    assertTrue(text.contains("window.eyetoyViewer"), "the main script");
    assertEquals("text/css; charset=utf-8", ViewerAssets.find("/viewer.css").get().contentType());
  }

  @Test
  void aQueryStringIsIgnored() {
    assertEquals("index.html", ViewerAssets.find("/?decoder=js").orElseThrow().name());
    assertEquals("yuyv.js", ViewerAssets.find("/yuyv.js?v=2").orElseThrow().name());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "/../x",
        "/%2e%2e/",
        "/%2e%2e/pom.xml",
        "//etc/passwd",
        "/etc/passwd",
        "/static/index.html",
        "/io/eyetoystreamer/web/static/index.html",
        "/index.html/",
        "/INDEX.HTML",
        "/viewer.js/../viewer.js",
        "/./viewer.js",
        "viewer.js",
        "/viewer.js%00",
        "/ViewerAssets.class",
        "/nope.js",
        "/ws",
        "/eyetoy",
      })
  void anythingElseIsEmpty(String path) {
    assertTrue(ViewerAssets.find(path).isEmpty(), String.valueOf(path));
  }

  @Test
  void everyFileInTheStaticDirectoryIsListedAndNothingElse() throws IOException {
    Set<String> onDisk;
    try (Stream<Path> files = Files.list(STATIC_DIR)) {
      onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertEquals(onDisk, ViewerAssets.FILES.keySet());
    Set<String> expectedPaths =
        onDisk.stream().map(name -> "/" + name).collect(Collectors.toCollection(HashSet::new));
    expectedPaths.add("/");
    assertEquals(expectedPaths, ViewerAssets.paths());
  }

  @Test
  void everyListedFileIsServedWithItsBytes() throws IOException {
    for (String name : ViewerAssets.FILES.keySet()) {
      ViewerAssets.Asset asset = ViewerAssets.find("/" + name).orElseThrow();
      byte[] expected = Files.readAllBytes(STATIC_DIR.resolve(name));
      assertTrue(expected.length > 0, name);
      assertArrayEquals(expected, asset.bytes(), name);
      assertEquals(expected.length, asset.length(), name);
    }
  }

  @Test
  void theBytesCannotBeChangedThroughTheAsset() {
    ViewerAssets.Asset asset = ViewerAssets.find("/").orElseThrow();
    byte first = asset.bytes()[0];
    asset.bytes()[0] = 'X';
    assertEquals(first, asset.bytes()[0]);
    ByteBuffer buffer = asset.buffer();
    assertTrue(buffer.isReadOnly());
    assertEquals(0, buffer.position());
    assertEquals(asset.length(), buffer.remaining());
    assertThrows(UnsupportedOperationException.class, () -> ViewerAssets.paths().add("/x"));
  }
}
