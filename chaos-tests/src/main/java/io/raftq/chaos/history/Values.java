package io.raftq.chaos.history;

import java.util.List;
import java.util.Map;

/** Typed reads from an op's {@code value}; absent or mistyped fields read as null or empty. */
public final class Values {
  private Values() {}

  public static String string(Object value, String key) {
    Object field = field(value, key);
    return field == null ? null : field.toString();
  }

  public static Long number(Object value, String key) {
    Object field = field(value, key);
    return field instanceof Number n ? n.longValue() : null;
  }

  public static List<?> list(Object value, String key) {
    Object field = field(value, key);
    return field instanceof List<?> l ? l : List.of();
  }

  private static Object field(Object value, String key) {
    return value instanceof Map<?, ?> map ? map.get(key) : null;
  }
}
