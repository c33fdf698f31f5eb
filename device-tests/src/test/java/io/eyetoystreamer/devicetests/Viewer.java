package io.eyetoystreamer.devicetests;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket viewer of {@code /ws} on the JDK's client: checks every binary message's 32-byte
 * header (ARCHITECTURE.md) and hands the frame to a consumer; keeps the text (status) messages.
 */
final class Viewer implements AutoCloseable {
  /** The header of one {@code /ws} frame message. */
  record Header(
      int headerBytes,
      int version,
      int kind,
      int fourcc,
      long sequence,
      long captureTimeNanos,
      int width,
      int height,
      int bytesPerLine) {
    static Header read(ByteBuffer m) {
      ByteBuffer b = m.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      return new Header(
          Short.toUnsignedInt(b.getShort(0)),
          Byte.toUnsignedInt(b.get(2)),
          Byte.toUnsignedInt(b.get(3)),
          b.getInt(4),
          b.getLong(8),
          b.getLong(16),
          Short.toUnsignedInt(b.getShort(24)),
          Short.toUnsignedInt(b.getShort(26)),
          b.getInt(28));
    }
  }

  /** The text (status) messages, in arrival order. */
  final List<String> texts;

  /** Completes with the close status (or the error) when the connection ends. */
  final CompletableFuture<String> closed;

  private final WebSocket socket;

  private Viewer(WebSocket socket, List<String> texts, CompletableFuture<String> closed) {
    this.socket = socket;
    this.texts = texts;
    this.closed = closed;
  }

  /**
   * Connects to {@code ws://127.0.0.1:PORT/ws}.
   *
   * @param onMessage gets each whole binary message (header and frame), on the client's thread
   */
  static Viewer connect(int port, Consumer<ByteBuffer> onMessage) throws Exception {
    List<String> texts = new CopyOnWriteArrayList<>();
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final ByteArrayOutputStream binary = new ByteArrayOutputStream(1 << 20);
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.write(part, 0, part.length);
            if (last) {
              onMessage.accept(ByteBuffer.wrap(binary.toByteArray()));
              binary.reset();
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              texts.add(text.toString());
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            closed.complete("error: " + error);
          }
        };
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
            .get(20, TimeUnit.SECONDS);
    return new Viewer(ws, texts, closed);
  }

  boolean isOpen() {
    return !socket.isInputClosed() && !closed.isDone();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
