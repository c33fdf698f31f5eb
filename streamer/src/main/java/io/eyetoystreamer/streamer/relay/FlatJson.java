package io.eyetoystreamer.streamer.relay;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (strings, numbers, booleans, null; no nesting), as the relay's status
 * messages are. Small on purpose: the streamer takes no JSON library for this.
 */
final class FlatJson {
  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  /**
   * The object's members: {@link String}, {@link Double}, {@link Boolean} or null values.
   *
   * @throws IllegalArgumentException saying where the text stops being a flat JSON object
   */
  static Map<String, Object> parse(String text) {
    FlatJson p = new FlatJson(text);
    Map<String, Object> out = new HashMap<>();
    p.skipSpace();
    p.expect('{');
    p.skipSpace();
    if (p.peek() == '}') {
      p.at++;
      return out;
    }
    while (true) {
      p.skipSpace();
      String name = p.string();
      p.skipSpace();
      p.expect(':');
      p.skipSpace();
      out.put(name, p.value());
      p.skipSpace();
      char c = p.next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw p.error("expected , or }");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("expected a string, number, true, false or null (no nesting)");
    }
    try {
      return Double.parseDouble(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw error("a malformed number");
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n':
          out.append('\n');
          break;
        case 't':
          out.append('\t');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'u':
          if (at + 4 > text.length()) {
            throw error("a truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw error("a malformed \\u escape");
          }
          at += 4;
          break;
        default:
          out.append(e); // \" \\ \/
      }
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      at--;
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not a flat JSON object: " + what + " at character " + at);
  }
}
