package io.eyetoystreamer.streamer.http;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The static files of the viewer, looked up by request path from a fixed list. */
public interface Assets {
  /**
   * One file.
   *
   * @param content the content, read-only and shared: callers read a duplicate
   * @param contentType the Content-Type header value
   */
  record Asset(ByteBuffer content, String contentType) {}

  /** The file served at {@code path} ({@code /} for the page), or empty. */
  Optional<Asset> find(String path);
}
