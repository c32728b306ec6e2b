package io.raftq.chaos.history;

import io.raftq.cli.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON encoder and decoder for history values: objects (as insertion-ordered maps with string keys),
 * arrays (lists), strings, numbers, booleans and null. Integers decode as {@link Long}, other numbers as
 * {@link Double}. Nesting is limited to {@value #MAX_DEPTH} levels.
 */
public final class Json {
  static final int MAX_DEPTH = 32;

  private Json() {}

  /** Encodes {@code value}; throws {@link IllegalArgumentException} for any other type. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      out.append(d);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep);
        writeString(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out, depth + 1);
        sep = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out, depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName());
    }
  }

  /** Escaping is the CLI's (RFC 8259, unpaired surrogates kept as escapes), so both write the same strings. */
  private static void writeString(String s, StringBuilder out) {
    out.append(JsonWriter.quote(s));
  }

  /** Decodes one JSON value that must span all of {@code text} (surrounding whitespace allowed). */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("trailing characters");
    }
    return value;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      skipWhitespace();
      if (atEnd()) {
        throw error("unexpected end");
      }
      char c = text.charAt(pos);
      if (c == '{') {
        return object(depth);
      } else if (c == '[') {
        return array(depth);
      } else if (c == '"') {
        return string();
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      return literal();
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (consume('}')) {
        return map;
      }
      do {
        skipWhitespace();
        if (atEnd() || text.charAt(pos) != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        map.put(key, value(depth + 1));
        skipWhitespace();
      } while (consume(','));
      expect('}');
      return map;
    }

    private List<Object> array(int depth) {
      List<Object> list = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (consume(']')) {
        return list;
      }
      do {
        list.add(value(depth + 1));
        skipWhitespace();
      } while (consume(','));
      expect(']');
      return list;
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (true) {
        if (atEnd()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        } else if (c == '\\') {
          out.append(escape());
        } else if (c < 0x20) {
          throw error("control character in string");
        } else {
          out.append(c);
        }
      }
    }

    private char escape() {
      if (atEnd()) {
        throw error("unterminated escape");
      }
      char c = text.charAt(pos++);
      switch (c) {
        case '"': return '"';
        case '\\': return '\\';
        case '/': return '/';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("short unicode escape");
          }
          try {
            char decoded = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return decoded;
          } catch (NumberFormatException e) {
            throw error("bad unicode escape");
          }
        default:
          throw error("bad escape \\" + c);
      }
    }

    private Object number() {
      int start = pos;
      while (!atEnd() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String literal = text.substring(start, pos);
      try {
        if (literal.matches("-?(0|[1-9][0-9]*)")) {
          return Long.parseLong(literal);
        }
        if (literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
          return Double.parseDouble(literal);
        }
      } catch (NumberFormatException e) {
        throw error("number out of range: " + literal);
      }
      throw error("bad number: " + literal);
    }

    private Object literal() {
      if (text.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      } else if (text.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      } else if (text.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }

    private boolean consume(char c) {
      if (!atEnd() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!consume(c)) {
        throw error("expected '" + c + "'");
      }
    }

    void skipWhitespace() {
      while (!atEnd() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("JSON: " + message + " at offset " + pos);
    }
  }
}
