package com.example.camera;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every java and xml block of every README of eyetoy-streamer is in this project, line for line
 * (indentation aside): java blocks in its sources, which the build compiles, xml blocks in its
 * pom.xml. A snippet edited in a README without the same edit here fails.
 */
class ReadmeSnippetsTest {
  @Test
  void everyReadmeSnippetIsCompiledHere() throws IOException {
    Path root = Path.of(System.getProperty("readme.root"));
    List<Path> readmes;
    try (Stream<Path> s = Files.walk(root, 2)) {
      readmes =
          s.filter(p -> p.getFileName().toString().equals("README.md"))
              .filter(p -> !p.toString().contains("node_modules"))
              .sorted()
              .toList();
    }
    assertFalse(readmes.isEmpty(), "no README under " + root);
    List<List<String>> java = linesOfEach(Path.of("src"), ".java");
    List<List<String>> xml = List.of(normalise(Files.readAllLines(Path.of("pom.xml"))));
    int checked = 0;
    List<String> missing = new ArrayList<>();
    for (Path readme : readmes) {
      List<String> lines = Files.readAllLines(readme);
      for (int i = 0; i < lines.size(); i++) {
        String fence = lines.get(i).trim();
        if (!fence.equals("```java") && !fence.equals("```xml")) {
          continue;
        }
        int start = i + 1;
        while (!lines.get(++i).trim().equals("```")) {
          // to the closing fence
        }
        List<String> block = normalise(lines.subList(start, i));
        List<List<String>> sources = fence.equals("```java") ? java : xml;
        checked++;
        if (sources.stream().noneMatch(src -> Collections.indexOfSubList(src, block) >= 0)) {
          missing.add(root.relativize(readme) + " line " + start);
        }
      }
    }
    assertTrue(checked >= 6, "only " + checked + " snippets found");
    assertTrue(missing.isEmpty(), "README snippets not in this project: " + missing);
  }

  private static List<List<String>> linesOfEach(Path dir, String suffix) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(suffix)).toList()) {
        out.add(normalise(Files.readAllLines(p)));
      }
    }
    return out;
  }

  private static List<String> normalise(List<String> lines) {
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
