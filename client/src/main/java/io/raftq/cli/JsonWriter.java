package io.raftq.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer producing compact output (no whitespace), so one document fits one line.
 * Strings are escaped per RFC 8259; unpaired surrogates are written as {@code \\uXXXX} escapes instead of
 * being mangled by the output encoding. Non-finite doubles become {@code null} (JSON has no NaN/Infinity).
 * Misuse (a value where a name is expected, unbalanced end calls) throws {@link IllegalStateException}.
 */
public final class JsonWriter {
  private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY }

  private final StringBuilder out = new StringBuilder();
  // Per open container: its kind and whether it already has a member (to place commas).
  private final Deque<Scope> scopes = new ArrayDeque<>();
  private final Deque<Boolean> hasMembers = new ArrayDeque<>();

  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    push(Scope.OBJECT_NAME);
    return this;
  }

  public JsonWriter endObject() {
    if (scopes.peek() != Scope.OBJECT_NAME) {
      throw new IllegalStateException("endObject outside an object or after a dangling name");
    }
    pop();
    out.append('}');
    return this;
  }

  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    push(Scope.ARRAY);
    return this;
  }

  public JsonWriter endArray() {
    if (scopes.peek() != Scope.ARRAY) {
      throw new IllegalStateException("endArray outside an array");
    }
    pop();
    out.append(']');
    return this;
  }

  public JsonWriter name(String name) {
    if (scopes.peek() != Scope.OBJECT_NAME) {
      throw new IllegalStateException("name '" + name + "' outside an object or after another name");
    }
    comma();
    appendString(name);
    out.append(':');
    scopes.pop();
    scopes.push(Scope.OBJECT_VALUE);
    return this;
  }

  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    appendString(value);
    return this;
  }

  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  public JsonWriter value(double value) {
    if (!Double.isFinite(value)) {
      return nullValue();
    }
    beforeValue();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** Shorthands for one object member. */
  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, boolean value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, double value) {
    return name(name).value(value);
  }

  /** The document; fails if a container is still open. */
  @Override
  public String toString() {
    if (!scopes.isEmpty()) {
      throw new IllegalStateException("unclosed JSON container");
    }
    return out.toString();
  }

  /** A JSON string literal (with quotes) for {@code s}. */
  public static String quote(String s) {
    JsonWriter w = new JsonWriter();
    w.appendString(s);
    return w.out.toString();
  }

  private void beforeValue() {
    Scope scope = scopes.peek();
    if (scope == Scope.OBJECT_NAME) {
      throw new IllegalStateException("value without a name inside an object");
    }
    if (scope == Scope.OBJECT_VALUE) {
      scopes.pop();
      scopes.push(Scope.OBJECT_NAME);
    } else if (scope == Scope.ARRAY) {
      comma();
    } else if (out.length() > 0) {
      throw new IllegalStateException("a JSON document has exactly one top-level value");
    }
  }

  private void comma() {
    if (hasMembers.pop()) {
      out.append(',');
    }
    hasMembers.push(true);
  }

  private void push(Scope scope) {
    scopes.push(scope);
    hasMembers.push(false);
  }

  private void pop() {
    scopes.pop();
    hasMembers.pop();
  }

  private void appendString(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> appendOther(s, i, c);
      }
    }
    out.append('"');
  }

  private void appendOther(String s, int i, char c) {
    // U+2028/2029 are legal JSON but break JavaScript string literals; escaping them costs nothing.
    boolean unpaired = Character.isSurrogate(c) && !isPairedSurrogate(s, i);
    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpaired) {
      out.append(String.format("\\u%04x", (int) c));
    } else {
      out.append(c);
    }
  }

  private static boolean isPairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
