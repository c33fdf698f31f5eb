package io.eyetoystreamer.streamer.http;

/**
 * A minimal JSON object writer for the server's small documents ({@code /state}, status messages).
 * Not thread-safe; one document per instance.
 */
public final class Json {
  private final StringBuilder out = new StringBuilder(128).append('{');
  private boolean first = true;

  /** Adds a string field; null becomes JSON null. */
  public Json field(String name, String value) {
    name(name);
    quote(value);
    return this;
  }

  /** Adds a number field. */
  public Json field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  /** Adds a number field; NaN and infinities become null. */
  public Json field(String name, double value) {
    name(name);
    if (Double.isFinite(value)) {
      out.append(Math.round(value * 100) / 100.0);
    } else {
      out.append("null");
    }
    return this;
  }

  /** Adds a boolean field. */
  public Json field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  /** Adds a field whose value is already JSON (an object or an array). */
  public Json raw(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  @Override
  public String toString() {
    return out + "}";
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quote(name);
    out.append(':');
  }

  /** {@code s} as a JSON string literal (quoted and escaped); null becomes {@code null}. */
  public static String string(String s) {
    StringBuilder sb = new StringBuilder(s == null ? 4 : s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }

  private void quote(String s) {
    quote(out, s);
  }

  private static void quote(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
