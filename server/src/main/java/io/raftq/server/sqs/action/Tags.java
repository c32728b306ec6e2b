package io.raftq.server.sqs.action;

import io.raftq.server.sqs.SqsError;
import java.util.Map;
import java.util.TreeMap;

/** SQS queue tags, kept in the queue's attributes under {@code sqs-tag:}. Pure logic. */
public final class Tags {
  static final int MAX_TAGS = 50;

  private Tags() {}

  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 128 || key.toLowerCase(java.util.Locale.ROOT)
        .startsWith("aws:")) {
      throw SqsError.invalidParameter("Tag keys must be 1 to 128 characters and must not start with aws: ('" + key
          + "').");
    }
    return key;
  }

  static String checkValue(String key, String value) {
    if (value == null || value.length() > 256) {
      throw SqsError.invalidParameter("The value of tag '" + key + "' must be 0 to 256 characters.");
    }
    return value;
  }

  static void checkCount(Map<String, String> attributes) {
    long tags = attributes.keySet().stream().filter(k -> k.startsWith(QueueAttributes.TAG_PREFIX)).count();
    if (tags > MAX_TAGS) {
      throw SqsError.invalidParameter("Too many tags: a queue has at most " + MAX_TAGS + ", this would be " + tags
          + ".");
    }
  }

  /** The queue's tags. */
  public static Map<String, String> of(Map<String, String> attributes) {
    Map<String, String> out = new TreeMap<>();
    attributes.forEach((k, v) -> {
      if (k.startsWith(QueueAttributes.TAG_PREFIX)) {
        out.put(k.substring(QueueAttributes.TAG_PREFIX.length()), v);
      }
    });
    return out;
  }

  /** {@code attributes} with these tags added or replaced. */
  public static Map<String, String> with(Map<String, String> attributes, Map<String, String> tags) {
    Map<String, String> out = new TreeMap<>(attributes);
    tags.forEach((k, v) -> out.put(QueueAttributes.TAG_PREFIX + checkKey(k), checkValue(k, v)));
    checkCount(out);
    return out;
  }

  /** {@code attributes} without these tags. */
  public static Map<String, String> without(Map<String, String> attributes, Iterable<String> keys) {
    Map<String, String> out = new TreeMap<>(attributes);
    keys.forEach(k -> out.remove(QueueAttributes.TAG_PREFIX + k));
    return out;
  }
}
