package io.eyetoystreamer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The viewer's static files, for the streamer to serve at {@code /}.
 *
 * <p>A request path is looked up in a fixed whitelist of exact names ({@code "/"} and {@code
 * "/index.html"} are the page, {@code "/viewer.js"} its script, ...). Nothing is decoded,
 * normalised or resolved against a directory, so no path can reach any other file: {@code "/../x"},
 * {@code "/%2e%2e/"} or {@code "//etc/passwd"} are simply not in the list. A query string ({@code
 * "/?decoder=js"}) is ignored.
 *
 * <p>The files are read from the class path once, when the class is initialised, and never change;
 * the class is thread-safe and {@link Asset} is immutable.
 */
public final class ViewerAssets {
  /** Where the files are, on the class path. */
  static final String RESOURCE_DIR = "/io/eyetoystreamer/web/static/";

  /** File name to content type; every file in the static directory, and nothing else. */
  static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry("index.html", "text/html; charset=utf-8"),
          Map.entry("viewer.css", "text/css; charset=utf-8"),
          Map.entry("viewer.js", "text/javascript; charset=utf-8"),
          Map.entry("protocol.js", "text/javascript; charset=utf-8"),
          Map.entry("yuyv.js", "text/javascript; charset=utf-8"),
          Map.entry("stamp.js", "text/javascript; charset=utf-8"),
          Map.entry("webgl-decoder.js", "text/javascript; charset=utf-8"),
          Map.entry("js-decoder.js", "text/javascript; charset=utf-8"),
          Map.entry("jpeg-decoder.js", "text/javascript; charset=utf-8"),
          Map.entry("h264.js", "text/javascript; charset=utf-8"),
          Map.entry("h264-decoder.js", "text/javascript; charset=utf-8"),
          Map.entry("decode-worker.js", "text/javascript; charset=utf-8"),
          Map.entry("controls.js", "text/javascript; charset=utf-8"),
          Map.entry("controls-panel.js", "text/javascript; charset=utf-8"));

  private static final Map<String, Asset> BY_PATH = load();

  private ViewerAssets() {}

  /**
   * Returns the asset for a request path, or empty if it is not one of the viewer's files.
   *
   * @param requestPath the path of the request URI as sent, e.g. {@code "/"} or {@code
   *     "/viewer.js"}; anything after a {@code '?'} is ignored
   * @return the asset, or empty
   */
  public static Optional<Asset> find(String requestPath) {
    if (requestPath == null) {
      return Optional.empty();
    }
    int query = requestPath.indexOf('?');
    String path = query < 0 ? requestPath : requestPath.substring(0, query);
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /**
   * Returns every request path that {@link #find} answers, e.g. for a test or a log line.
   *
   * @return the paths, unmodifiable
   */
  public static Set<String> paths() {
    return BY_PATH.keySet();
  }

  private static Map<String, Asset> load() {
    Map<String, Asset> byPath = new LinkedHashMap<>();
    FILES.forEach(
        (name, type) -> {
          Asset asset = new Asset(name, type, read(name));
          byPath.put("/" + name, asset);
          if (name.equals("index.html")) {
            byPath.put("/", asset);
          }
        });
    return Map.copyOf(byPath);
  }

  private static byte[] read(String name) {
    try (InputStream in = ViewerAssets.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("viewer file missing from the class path: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read viewer file " + name, e);
    }
  }

  /** One static file: its name, its content type (with a charset for text) and its bytes. */
  public static final class Asset {
    private final String name;
    private final String contentType;
    private final byte[] bytes;

    private Asset(String name, String contentType, byte[] bytes) {
      this.name = name;
      this.contentType = contentType;
      this.bytes = bytes;
    }

    /**
     * Returns the file name, e.g. {@code "index.html"}.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Returns the value for the {@code Content-Type} header, e.g. {@code "text/javascript;
     * charset=utf-8"}.
     *
     * @return the content type
     */
    public String contentType() {
      return contentType;
    }

    /**
     * Returns the file's length in bytes.
     *
     * @return the length
     */
    public int length() {
      return bytes.length;
    }

    /**
     * Returns the file's bytes as a new read-only buffer over the shared copy (no copying).
     *
     * @return a read-only buffer, position 0, limit {@link #length()}
     */
    public ByteBuffer buffer() {
      return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Returns a copy of the file's bytes.
     *
     * @return a new array
     */
    public byte[] bytes() {
      return Arrays.copyOf(bytes, bytes.length);
    }
  }
}
