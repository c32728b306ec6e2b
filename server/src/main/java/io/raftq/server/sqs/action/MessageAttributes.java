package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raftq.protocol.Header;
import io.raftq.server.sqs.SqsError;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SQS message attributes: their rules, their MD5 exactly as SQS computes it (SDKs compare it with their own), and
 * how they ride in raftq headers: {@code sqs:NAME} = {@code DataType \n value} (binary values in base64), so a
 * raftq consumer sees them too. Pure logic.
 */
public final class MessageAttributes {
  /** Header names of SQS's user attributes start with this. */
  public static final String HEADER_PREFIX = "sqs:";
  public static final int MAX_ATTRIBUTES = 10;
  private static final int MAX_NAME_CHARS = 256;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\.[^\\n]*)?");

  /** One attribute; exactly one of the values is set, as its data type says. */
  public record Attribute(String name, String dataType, String stringValue, byte[] binaryValue) {
    boolean binary() {
      return dataType.startsWith("Binary");
    }

    /** Bytes SQS counts toward the message size: name, type and value. */
    int size() {
      return name.getBytes(StandardCharsets.UTF_8).length + dataType.getBytes(StandardCharsets.UTF_8).length
          + (binary() ? binaryValue.length : stringValue.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private MessageAttributes() {}

  /**
   * Reads and checks the attributes of a send: {@code node} is the JSON protocol's map from name to {@code
   * {DataType, StringValue | BinaryValue}}. {@code what} names them in errors ("message" or "message system").
   */
  public static List<Attribute> parse(JsonNode node, String what) {
    List<Attribute> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw SqsError.invalidParameter("The " + what + " attributes must be a map.");
    }
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      out.add(parseOne(e.getKey(), e.getValue(), what));
    }
    if (out.size() > MAX_ATTRIBUTES) {
      throw SqsError.invalidParameter("Number of " + what + " attributes [" + out.size()
          + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private static Attribute parseOne(String name, JsonNode value, String what) {
    checkName(name, what);
    String type = value == null ? null : text(value.get("DataType"));
    if (type == null || type.isEmpty()) {
      throw SqsError.invalidParameter("The " + what + " attribute '" + name + "' must contain a non-empty "
          + "attribute type.");
    }
    if (!DATA_TYPE.matcher(type).matches() || type.length() > MAX_NAME_CHARS) {
      throw SqsError.invalidParameter("The type of " + what + " attribute '" + name + "' is invalid. You must "
          + "use only the following supported type prefixes: Binary, Number, String.");
    }
    if (type.startsWith("Binary")) {
      String base64 = text(value.get("BinaryValue"));
      byte[] bytes = decodeBase64(base64, name);
      if (bytes == null || bytes.length == 0) {
        throw SqsError.invalidParameter("The " + what + " attribute '" + name + "' must contain a non-empty "
            + "value of type '" + type + "'.");
      }
      return new Attribute(name, type, null, bytes);
    }
    String s = text(value.get("StringValue"));
    if (s == null || s.isEmpty()) {
      throw SqsError.invalidParameter("The " + what + " attribute '" + name + "' must contain a non-empty "
          + "value of type '" + type + "'.");
    }
    if (type.startsWith("Number")) {
      checkNumber(name, s);
    }
    MessageBodies.checkCharacters(s, "The " + what + " attribute '" + name + "'");
    return new Attribute(name, type, s, null);
  }

  private static void checkName(String name, String what) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.length() > MAX_NAME_CHARS || !NAME.matcher(name).matches() || name.startsWith(".")
        || name.endsWith(".") || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
      throw SqsError.invalidParameter("The " + what + " attribute name '" + name + "' is invalid: use up to "
          + MAX_NAME_CHARS + " letters, digits, '-', '_' and '.', not starting with 'AWS.' or 'Amazon.', no '..'"
          + " and no '.' at either end.");
    }
    if (HEADER_PREFIX.length() + name.getBytes(StandardCharsets.UTF_8).length
        > io.raftq.protocol.Limits.MAX_HEADER_NAME_BYTES) {
      throw SqsError.invalidParameter("The " + what + " attribute name '" + name.substring(0, 20) + "...' is "
          + "longer than raftq's " + (io.raftq.protocol.Limits.MAX_HEADER_NAME_BYTES - HEADER_PREFIX.length())
          + " characters.");
    }
  }

  private static void checkNumber(String name, String s) {
    try {
      if (s.length() > 200) {
        throw new NumberFormatException(); // before parsing: BigDecimal takes superlinear time on huge inputs
      }
      BigDecimal n = new BigDecimal(s.trim());
      if (n.precision() > 38 || (n.signum() != 0 && (n.abs().compareTo(BigDecimal.TEN.pow(126)) > 0
          || n.abs().compareTo(BigDecimal.ONE.movePointLeft(128)) < 0))) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw SqsError.invalidParameter("Can't cast the value of message (user) attribute '" + name + "' to a "
          + "number: up to 38 digits, between 10^-128 and 10^+126.");
    }
  }

  private static byte[] decodeBase64(String base64, String name) {
    if (base64 == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw SqsError.invalidParameter("The binary value of message attribute '" + name + "' is not base64.");
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** Bytes the attributes add to a message's size, as SQS counts them. */
  public static int size(List<Attribute> attributes) {
    return attributes.stream().mapToInt(Attribute::size).sum();
  }

  /**
   * MD5 of the attributes, as SQS computes it: for each attribute in name order, the length-prefixed (4 bytes, big
   * endian) name, data type, a transport byte (1 for text, 2 for binary) and the length-prefixed value. Null when
   * there are none (SQS then leaves the field out).
   */
  public static String md5(List<Attribute> attributes) {
    if (attributes.isEmpty()) {
      return null;
    }
    MessageDigest md5 = Digests.md5();
    List<Attribute> sorted = new ArrayList<>(attributes);
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    for (Attribute a : sorted) {
      updateLengthPrefixed(md5, a.name().getBytes(StandardCharsets.UTF_8));
      updateLengthPrefixed(md5, a.dataType().getBytes(StandardCharsets.UTF_8));
      if (a.binary()) {
        md5.update((byte) 2);
        updateLengthPrefixed(md5, a.binaryValue());
      } else {
        md5.update((byte) 1);
        updateLengthPrefixed(md5, a.stringValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void updateLengthPrefixed(MessageDigest md5, byte[] bytes) {
    md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md5.update(bytes);
  }

  /** The headers that carry {@code attributes} under {@code prefix}. */
  public static List<Header> toHeaders(String prefix, List<Attribute> attributes) {
    List<Header> out = new ArrayList<>(attributes.size());
    for (Attribute a : attributes) {
      String value = a.binary() ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue();
      out.add(new Header(prefix + a.name(), a.dataType() + "\n" + value));
    }
    return out;
  }

  /**
   * The attributes a message's headers carry under {@code prefix}, in name order. With {@code plainAsStrings},
   * a header that is neither SQS's nor raftq's own (a raftq producer's) shows as a String attribute when its name
   * is a valid attribute name.
   */
  public static List<Attribute> fromHeaders(String prefix, List<Header> headers, boolean plainAsStrings) {
    Map<String, Attribute> out = new TreeMap<>();
    for (Header h : headers) {
      if (h.name().startsWith(prefix)) {
        String name = h.name().substring(prefix.length());
        int nl = h.value().indexOf('\n');
        if (nl < 0) {
          continue;
        }
        String type = h.value().substring(0, nl);
        String value = h.value().substring(nl + 1);
        if (!type.startsWith("Binary")) {
          if (isSqsText(value)) {
            out.put(name, new Attribute(name, type, value, null));
          }
          continue;
        }
        try {
          out.put(name, new Attribute(name, type, null, Base64.getDecoder().decode(value)));
        } catch (IllegalArgumentException e) {
          // A raftq producer's header that only looks like ours: not an attribute, and no reason to fail a receive.
        }
      } else if (plainAsStrings && !h.name().startsWith("sqs") && !h.name().startsWith("raftq-")
          && NAME.matcher(h.name()).matches() && !h.value().isEmpty() && isSqsText(h.value())) {
        out.putIfAbsent(h.name(), new Attribute(h.name(), "String", h.value(), null));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Text an SQS answer can carry (XML 1.0's characters): a raftq producer's header may hold any. */
  private static boolean isSqsText(String s) {
    return MessageBodies.allowed(s);
  }

  /** The attributes a receive asked for by name: "All", ".*", "prefix.*" or exact names. */
  public static List<Attribute> select(List<Attribute> attributes, List<String> names) {
    List<Attribute> out = new ArrayList<>();
    for (Attribute a : attributes) {
      for (String n : names) {
        if (n.equals("All") || n.equals(".*") || n.equals(a.name())
            || (n.endsWith(".*") && a.name().startsWith(n.substring(0, n.length() - 1)))) {
          out.add(a);
          break;
        }
      }
    }
    return out;
  }

  /** The JSON protocol's map of attributes. */
  public static ObjectNode toJson(List<Attribute> attributes) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Attribute a : attributes) {
      ObjectNode v = out.putObject(a.name());
      if (a.binary()) {
        v.put("BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
      } else {
        v.put("StringValue", a.stringValue());
      }
      v.put("DataType", a.dataType());
    }
    return out;
  }
}
