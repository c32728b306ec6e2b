package io.raftq.server.sqs.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.server.sqs.SqsError;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The query protocol, as older SDKs and CLIs speak it: form parameters ({@code Action=SendMessage&QueueUrl=...
 * &MessageAttribute.1.Name=...}) in, XML out. Parameters are turned into the JSON protocol's input shape so one
 * set of actions serves both; answers are written back in the query protocol's flattened XML. Pure logic.
 */
public final class QueryWire implements SqsWire {
  private static final int MAX_NAME_DEPTH = 8;
  private static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
  private static final Set<String> NO_RESULT = Set.of("DeleteQueue", "PurgeQueue", "SetQueueAttributes",
      "DeleteMessage", "ChangeMessageVisibility", "TagQueue", "UntagQueue");
  /** Indexed parameters whose input member has another name (lists of strings, and maps). */
  private static final Map<String, String> LIST_NAMES = Map.of(
      "AttributeName", "AttributeNames",
      "MessageAttributeName", "MessageAttributeNames",
      "MessageSystemAttributeName", "MessageSystemAttributeNames",
      "TagKey", "TagKeys");

  /** The JSON-shaped input of an action's form parameters ({@code Action} and {@code Version} left out). */
  public static ObjectNode input(String action, Map<String, List<String>> parameters) {
    TreeMap<String, Object> tree = new TreeMap<>();
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      if (p.getKey().equals("Action") || p.getKey().equals("Version") || p.getValue().isEmpty()) {
        continue;
      }
      String[] path = p.getKey().split("\\.", -1);
      if (path.length > MAX_NAME_DEPTH) {
        // The deepest SQS parameter (an attribute of a batch entry) has 6 parts; recursion must stay shallow.
        throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Parameter name '"
            + p.getKey().substring(0, Math.min(80, p.getKey().length())) + "...' has too many parts.");
      }
      put(tree, path, 0, p.getValue().get(0), p.getKey());
    }
    return (ObjectNode) convert(action, tree);
  }

  @SuppressWarnings("unchecked")
  private static void put(TreeMap<String, Object> node, String[] path, int at, String value, String whole) {
    String segment = path[at];
    if (segment.isEmpty()) {
      throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Malformed parameter name '" + whole + "'.");
    }
    if (at == path.length - 1) {
      node.put(segment, value);
      return;
    }
    Object child = node.computeIfAbsent(segment, k -> new TreeMap<String, Object>());
    if (!(child instanceof TreeMap)) {
      throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Parameter '" + whole + "' clashes with another.");
    }
    put((TreeMap<String, Object>) child, path, at + 1, value, whole);
  }

  @SuppressWarnings("unchecked")
  private static JsonNode convert(String action, TreeMap<String, Object> tree) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      if (!(v instanceof TreeMap)) {
        out.put(name, (String) v);
        continue;
      }
      TreeMap<String, Object> sub = (TreeMap<String, Object>) v;
      List<Object> items = indexed(sub, name);
      switch (name) {
        case "Attribute" -> out.set("Attributes", pairs(items, "Name", "Value", action));
        case "MessageAttribute" -> out.set("MessageAttributes", pairs(items, "Name", "Value", action));
        case "MessageSystemAttribute" -> out.set("MessageSystemAttributes", pairs(items, "Name", "Value", action));
        case "Tag" -> out.set(action.equals("CreateQueue") ? "tags" : "Tags", pairs(items, "Key", "Value", action));
        default -> {
          ArrayNode list = JsonNodeFactory.instance.arrayNode();
          for (Object item : items) {
            if (item instanceof TreeMap) {
              list.add(convert(action, (TreeMap<String, Object>) item));
            } else {
              list.add((String) item);
            }
          }
          out.set(name.endsWith("RequestEntry") ? "Entries" : LIST_NAMES.getOrDefault(name, name), list);
        }
      }
    }
    return out;
  }

  /** The members {@code .1}, {@code .2}, ... of an indexed parameter, in index order. */
  private static List<Object> indexed(TreeMap<String, Object> sub, String name) {
    TreeMap<Integer, Object> byIndex = new TreeMap<>();
    for (Map.Entry<String, Object> e : sub.entrySet()) {
      try {
        int i = Integer.parseInt(e.getKey());
        if (i < 1) {
          throw new NumberFormatException();
        }
        byIndex.put(i, e.getValue());
      } catch (NumberFormatException ex) {
        throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Parameter " + name + "." + e.getKey()
            + " needs an index from 1.");
      }
    }
    return List.copyOf(byIndex.values());
  }

  @SuppressWarnings("unchecked")
  private static ObjectNode pairs(List<Object> items, String keyName, String valueName, String action) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Object item : items) {
      if (!(item instanceof TreeMap)) {
        throw new SqsError(SqsError.Code.MALFORMED_QUERY_STRING, "Expected ." + keyName + " and ." + valueName);
      }
      TreeMap<String, Object> pair = (TreeMap<String, Object>) item;
      Object key = pair.get(keyName);
      Object value = pair.get(valueName);
      if (!(key instanceof String)) {
        throw SqsError.missing(keyName);
      }
      if (value instanceof TreeMap) {
        out.set((String) key, convert(action, (TreeMap<String, Object>) value));
      } else {
        out.put((String) key, value == null ? "" : (String) value);
      }
    }
    return out;
  }

  @Override
  public WireResponse answer(String action, ObjectNode output, String requestId) {
    Xml xml = new Xml();
    xml.open(action + "Response", NAMESPACE);
    if (!NO_RESULT.contains(action)) {
      xml.open(action + "Result", null);
      members(xml, action, output);
      xml.close(action + "Result");
    }
    xml.open("ResponseMetadata", null).element("RequestId", requestId).close("ResponseMetadata");
    xml.close(action + "Response");
    return new WireResponse(200, "text/xml", Map.of("x-amzn-RequestId", requestId), xml.bytes());
  }

  private static void members(Xml xml, String action, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String name = f.getKey();
      JsonNode v = f.getValue();
      switch (name) {
        case "Attributes" -> mapOf(xml, "Attribute", "Name", "Value", v, action);
        case "MessageAttributes" -> mapOf(xml, "MessageAttribute", "Name", "Value", v, action);
        case "Tags" -> mapOf(xml, "Tag", "Key", "Value", v, action);
        default -> {
          if (v.isArray()) {
            String element = switch (name) {
              case "QueueUrls", "queueUrls" -> "QueueUrl";
              case "Messages" -> "Message";
              case "Successful" -> action + "ResultEntry";
              case "Failed" -> "BatchResultErrorEntry";
              case "Results" -> action + "ResultEntry";
              default -> name;
            };
            for (JsonNode item : v) {
              value(xml, element, item, action);
            }
          } else {
            value(xml, name, v, action);
          }
        }
      }
    }
  }

  private static void value(Xml xml, String element, JsonNode v, String action) {
    if (v.isObject()) {
      xml.open(element, null);
      members(xml, action, v);
      xml.close(element);
    } else {
      xml.element(element, v.asText());
    }
  }

  private static void mapOf(Xml xml, String entry, String key, String value, JsonNode map, String action) {
    Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      xml.open(entry, null).element(key, f.getKey());
      value(xml, value, f.getValue(), action);
      xml.close(entry);
    }
  }

  @Override
  public WireResponse error(SqsError error, String requestId) {
    Xml xml = new Xml();
    xml.open("ErrorResponse", NAMESPACE).open("Error", null)
        .element("Type", error.code().senderFault ? "Sender" : "Receiver")
        .element("Code", error.code().queryCode).element("Message", error.getMessage())
        .open("Detail", null).close("Detail").close("Error").element("RequestId", requestId).close("ErrorResponse");
    return new WireResponse(error.code().httpStatus, "text/xml", Map.of("x-amzn-RequestId", requestId),
        xml.bytes());
  }

  /** A minimal XML writer: elements and escaped text, nothing else. */
  private static final class Xml {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");

    Xml open(String name, String namespace) {
      out.append('<').append(name);
      if (namespace != null) {
        out.append(" xmlns=\"").append(namespace).append('"');
      }
      out.append('>');
      return this;
    }

    Xml close(String name) {
      out.append("</").append(name).append('>');
      return this;
    }

    Xml element(String name, String text) {
      open(name, null);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '&' -> out.append("&amp;");
          case '"' -> out.append("&quot;");
          case '\r' -> out.append("&#xD;");
          default -> out.append(c);
        }
      }
      return close(name);
    }

    byte[] bytes() {
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
