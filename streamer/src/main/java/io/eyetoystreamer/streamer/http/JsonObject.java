package io.eyetoystreamer.streamer.http;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (RFC 8259) of names to numbers, booleans and strings: the body of
 * {@code POST /controls}, the relay's status messages. Strict: nothing before or after the object
 * but white space, no duplicate names, no nested values, {@code null} only where allowed. Numbers
 * stay exact: a whole number that fits is a {@link Long}, any other a {@link BigDecimal}. Not
 * recursive, so no input can exhaust the stack. The streamer takes no JSON library for this.
 */
public final class JsonObject {
  private final String text;
  private final boolean nullAllowed;
  private int at;

  private JsonObject(String text, boolean nullAllowed) {
    this.text = text;
    this.nullAllowed = nullAllowed;
  }

  /**
   * Parses {@code text}; {@code null} values are refused.
   *
   * @return name to value, in the text's order
   * @throws IllegalArgumentException saying what is wrong and where
   */
  public static Map<String, Object> parse(String text) {
    return new JsonObject(text, false).object();
  }

  /**
   * Parses {@code text}; a {@code null} value maps its name to null.
   *
   * @return name to value, in the text's order
   * @throws IllegalArgumentException saying what is wrong and where
   */
  public static Map<String, Object> parseAllowingNull(String text) {
    return new JsonObject(text, true).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    space();
    expect('{', "a JSON object, e.g. {\"brightness\": 10}");
    space();
    if (peek() == '}') {
      at++;
    } else {
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a name in double quotes");
        }
        String name = string();
        space();
        expect(':', "':' after the name");
        space();
        Object value = value(name);
        if (out.containsKey(name)) {
          throw new IllegalArgumentException("\"" + name + "\" is given twice");
        }
        out.put(name, value);
        space();
        char c = peek();
        at++;
        if (c == '}') {
          break;
        }
        if (c != ',') {
          at--;
          throw error("expected ',' or '}'");
        }
      }
    }
    space();
    if (at < text.length()) {
      throw error("unexpected text after the object");
    }
    return out;
  }

  private Object value(String name) {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
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
      if (nullAllowed) {
        at += 4;
        return null;
      }
      throw new IllegalArgumentException(name + ": null is not a value a control can take");
    }
    if (c == '{' || c == '[') {
      throw new IllegalArgumentException(
          name + ": takes a number, true, false or a string, not an object or array");
    }
    throw error("expected a value for \"" + name + "\"");
  }

  private Object number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      throw error("malformed number");
    }
    boolean whole = true;
    if (peek() == '.') {
      at++;
      whole = false;
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("malformed number: a digit must follow the point");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      whole = false;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("malformed number: a digit must follow the exponent");
      }
      digits();
    }
    String n = text.substring(start, at);
    if (whole && n.length() <= 19) {
      try {
        return Long.parseLong(n);
      } catch (NumberFormatException e) {
        // beyond a long: a BigDecimal, out of every control's range
      }
    }
    if (n.length() > 100) {
      throw error("a number of " + n.length() + " characters");
    }
    return new BigDecimal(n);
  }

  private void digits() {
    while (peek() >= '0' && peek() <= '9') {
      at++;
    }
  }

  private String string() {
    at++; // the opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("a control character in a string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at + i), 16);
            if (digit < 0) {
              throw error("a \\u escape needs four hex digits");
            }
            code = code * 16 + digit;
          }
          sb.append((char) code);
          at += 4;
        }
        default -> {
          at--;
          throw error("unknown escape \\" + e);
        }
      }
    }
  }

  private void space() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void expect(char c, String what) {
    if (peek() != c) {
      throw error("expected " + what);
    }
    at++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "malformed JSON at character "
            + (at + 1)
            + ": "
            + what
            + (at >= text.length() ? " (the body ends there)" : ""));
  }
}
