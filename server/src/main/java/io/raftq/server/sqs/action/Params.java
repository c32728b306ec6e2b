package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.server.sqs.SqsError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An action's input in the JSON protocol's shape (the query protocol's form parameters are turned into the same
 * shape), with typed getters that answer SQS's errors for missing or malformed parameters. Numbers and booleans
 * may come as JSON values or as text (the query protocol only has text).
 */
public final class Params {
  private final JsonNode node;

  public Params(JsonNode node) {
    this.node = node == null || !node.isObject() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode() : node;
  }

  public ObjectNode node() {
    return (ObjectNode) node;
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public String string(String name) {
    String v = optionalString(name);
    if (v == null) {
      throw SqsError.missing(name);
    }
    return v;
  }

  public String optionalString(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw SqsError.invalidParameter("Value for parameter " + name + " is invalid. Reason: must be a string.");
    }
    return v.asText();
  }

  /** An optional integer within {@code min..max}; {@code null} when absent. */
  public Integer optionalInt(String name, long min, long max) {
    String text = optionalString(name);
    if (text == null) {
      return null;
    }
    long v;
    try {
      v = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw SqsError.invalidParameter("Value " + text + " for parameter " + name + " is invalid. Reason: must be"
          + " an integer.");
    }
    if (v < min || v > max) {
      throw SqsError.invalidParameter("Value " + v + " for parameter " + name + " is invalid. Reason: must be "
          + "between " + min + " and " + max + ".");
    }
    return (int) v;
  }

  /** A list of strings (empty when absent). */
  public List<String> strings(String name) {
    JsonNode v = node.get(name);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw SqsError.invalidParameter("Value for parameter " + name + " is invalid. Reason: must be a list.");
    }
    v.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** A map of string to string (empty when absent), in the order given. */
  public Map<String, String> stringMap(String name) {
    JsonNode v = node.get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw SqsError.invalidParameter("Value for parameter " + name + " is invalid. Reason: must be a map.");
    }
    v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
        : e.getValue().toString()));
    return out;
  }

  /** A list of objects (empty when absent), such as a batch's entries. */
  public List<Params> objects(String name) {
    JsonNode v = node.get(name);
    List<Params> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw SqsError.invalidParameter("Value for parameter " + name + " is invalid. Reason: must be a list.");
    }
    v.forEach(e -> out.add(new Params(e)));
    return out;
  }

  public JsonNode get(String name) {
    return node.get(name);
  }
}
