package io.eyetoystreamer.streamer.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --controls-file}: control values set through HTTP, kept across restarts. One {@code
 * NAME=VALUE} a line (the control's v4l2-ctl key and a whole number, as {@code --ctrl} takes them),
 * {@code #} comments and blank lines ignored. Written whole to a temporary file beside it, flushed
 * to the disk, then renamed over it, so that a crash or a power cut leaves either the old file or
 * the new one, never a mix.
 */
public final class ControlsFile {
  private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_]+)\\s*=\\s*(-?[0-9]+)");

  private ControlsFile() {}

  /**
   * Reads the file; a file that does not exist yet is empty.
   *
   * @return the values, in the file's order (a name given twice: the later value)
   * @throws IOException naming the file and the line when a line is not {@code NAME=VALUE}
   */
  public static Map<String, Long> load(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException("corrupt controls file " + file + ": not UTF-8 text", e);
    }
    Map<String, Long> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      Long value = null;
      if (m.matches()) {
        try {
          value = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
          value = null; // too long for a 64-bit control
        }
      }
      if (value == null) {
        throw new IOException(
            "corrupt controls file "
                + file
                + " line "
                + (i + 1)
                + ": expected NAME=VALUE, a control and a whole number such as brightness=10;"
                + " got \""
                + (line.length() > 80 ? line.substring(0, 80) + "..." : line)
                + "\". Fix or remove the line (or the file) and start again.");
      }
      values.put(m.group(1).toLowerCase(java.util.Locale.ROOT), value);
    }
    return values;
  }

  /**
   * Replaces the file with {@code values} atomically: a temporary file in the same directory,
   * written and forced to the disk, renamed over the old one.
   */
  public static void save(Path file, Map<String, Long> values) throws IOException {
    StringBuilder text =
        new StringBuilder(
            "# eyetoy-streamer camera controls, set through POST /controls; NAME=VALUE a line\n");
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself, on the disk
    } catch (IOException e) {
      // Not every file system lets a directory be opened; the rename is still atomic.
    }
  }

  /**
   * Checks at start that the file can be written later: its directory exists and is writable.
   *
   * @throws IOException saying what is wrong
   */
  public static void checkWritable(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException(
          "--controls-file " + file + ": the directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new IOException(
          "--controls-file "
              + file
              + ": the directory "
              + dir
              + " is not writable (the file is replaced by a rename)");
    }
    if (Files.isDirectory(file)) {
      throw new IOException("--controls-file " + file + " is a directory");
    }
  }
}
