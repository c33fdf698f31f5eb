package io.eyetoystreamer.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a markdown document between two HTML comment markers, as the benchmark
 * reports write into {@code docs/performance.md}: the table is replaced, written notes after the
 * section's keep marker stay. Stateless.
 */
public final class DocSection {
  private DocSection() {}

  /** Makes a report's section from the directory of per-run result files. */
  @FunctionalInterface
  public interface Maker {
    /** The markdown to put between the markers. */
    String make(Path resultsDir) throws IOException;
  }

  /**
   * The {@code main} of a report: {@code RESULTS_DIR [--doc FILE] [--note-file FILE]}. Prints the
   * section (the note, if any, above what {@code maker} makes) and writes it into {@code --doc}
   * between the markers when given; exits with status 2 on a missing argument.
   */
  public static void report(
      String[] args, String program, Maker maker, String beginMarker, String endMarker)
      throws IOException {
    if (args.length < 1) {
      System.err.println("usage: " + program + " RESULTS_DIR [--doc FILE] [--note-file FILE]");
      System.exit(2);
    }
    Path doc = null;
    String note = "";
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--doc")) {
        doc = Path.of(args[i + 1]);
      } else if (args[i].equals("--note-file")) {
        note = Files.readString(Path.of(args[i + 1]), StandardCharsets.UTF_8);
      }
    }
    String table = maker.make(Path.of(args[0]));
    String section = note.isBlank() ? table : note.strip() + "\n\n" + table;
    System.out.print(section);
    if (doc != null) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Files.writeString(doc, splice(text, section, beginMarker, endMarker));
      System.out.println("(written into " + doc + ")");
    }
  }

  /**
   * Replaces what lies between the markers {@code beginMarker} and {@code endMarker} of {@code doc}
   * with {@code section}, except written notes: whatever follows a keep marker inside the section
   * (the begin marker with {@code :keep} for {@code :begin}, e.g. {@code <!-- fanout:keep -->})
   * stays, after the new section.
   *
   * @throws IllegalArgumentException if the markers are missing or out of order
   */
  public static String splice(String doc, String section, String beginMarker, String endMarker) {
    int begin = doc.indexOf(beginMarker);
    int end = doc.indexOf(endMarker);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "the document has no " + beginMarker + " ... " + endMarker + " section to fill");
    }
    int keep = doc.indexOf(beginMarker.replace(":begin", ":keep"));
    if (!beginMarker.contains(":begin")) {
      keep = -1;
    }
    if (keep > begin && keep < end) {
      section = section.strip() + "\n\n" + doc.substring(keep, end).strip();
    }
    return doc.substring(0, begin + beginMarker.length())
        + "\n"
        + section.strip()
        + "\n"
        + doc.substring(end);
  }
}
