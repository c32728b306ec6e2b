package io.raftq.chaos.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code history.jsonl} format: one JSON object per op and per line, in history order, for example
 * <pre>{"index":812,"time":41234567890,"process":"7","type":"ok","f":"send","node":"n2","value":{...}}</pre>
 * {@code node}, {@code value} and {@code error} are omitted when null.
 */
public final class HistoryJsonl {
  private HistoryJsonl() {}

  /** One op as one line of JSON, without the line terminator. */
  public static String toLine(Op op) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("index", op.index());
    map.put("time", op.timeNanos());
    map.put("process", op.process());
    map.put("type", op.type().jsonName());
    map.put("f", op.f());
    putIfPresent(map, "node", op.node());
    putIfPresent(map, "value", op.value());
    putIfPresent(map, "error", op.error());
    return Json.write(map);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Parses {@link #toLine(Op)}; throws {@link IllegalArgumentException} when a required field is missing. */
  public static Op fromLine(String line) {
    if (!(Json.parse(line) instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("history line is not a JSON object: " + line);
    }
    return new Op(
        requiredNumber(map, "index"),
        requiredNumber(map, "time"),
        requiredString(map, "process"),
        OpType.fromJsonName(requiredString(map, "type")),
        requiredString(map, "f"),
        map.get("value"),
        Values.string(map, "node"),
        Values.string(map, "error"));
  }

  private static long requiredNumber(Map<?, ?> map, String key) {
    Long value = Values.number(map, key);
    if (value == null) {
      throw new IllegalArgumentException("history line lacks number '" + key + "'");
    }
    return value;
  }

  private static String requiredString(Map<?, ?> map, String key) {
    String value = Values.string(map, key);
    if (value == null) {
      throw new IllegalArgumentException("history line lacks '" + key + "'");
    }
    return value;
  }

  /** Writes every op of {@code history} to {@code file}, replacing it. */
  public static void write(History history, Path file) {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Op op : history.ops()) {
        out.write(toLine(op));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /** Reads and validates a history written by {@link #write}; blank lines are skipped. */
  public static History read(Path file) {
    List<Op> ops = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          ops.add(fromLine(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return History.of(ops);
  }
}
