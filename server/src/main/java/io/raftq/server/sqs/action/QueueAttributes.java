package io.raftq.server.sqs.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import io.raftq.protocol.QueueSettings;
import io.raftq.server.sqs.SqsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQS queue attributes mapped onto a raftq queue. VisibilityTimeout, DelaySeconds and RedrivePolicy are raftq
 * settings (the partitions apply them); the attributes only the gateway reads (MaximumMessageSize,
 * ReceiveMessageWaitTimeSeconds, ContentBasedDeduplication...) and tags are stored in the queue's attributes under
 * {@code sqs:} and {@code sqs-tag:}. Raftq's own: RaftqPartitions (at creation), RaftqVisibilityTimeout and
 * RaftqDelaySeconds (beyond SQS's 12 hours and 15 minutes). Pure logic.
 */
public final class QueueAttributes {
  static final String PREFIX = "sqs:";
  public static final String TAG_PREFIX = "sqs-tag:";
  public static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 262_144;
  public static final int MAX_MAXIMUM_MESSAGE_SIZE = 1_048_576;
  static final int DEFAULT_RETENTION_SECONDS = 345_600;
  static final int DEFAULT_STANDARD_PARTITIONS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Attributes kept as they are given, with the check of their value. */
  private static final Map<String, Check> STORED = new LinkedHashMap<>();

  private interface Check {
    String normalize(String name, String value, boolean fifo);
  }

  static {
    STORED.put("MaximumMessageSize", (n, v, f) -> integer(n, v, 1024, MAX_MAXIMUM_MESSAGE_SIZE));
    STORED.put("MessageRetentionPeriod", (n, v, f) -> integer(n, v, 60, 1_209_600));
    STORED.put("ReceiveMessageWaitTimeSeconds", (n, v, f) -> integer(n, v, 0, 20));
    STORED.put("Policy", (n, v, f) -> json(n, v));
    STORED.put("RedriveAllowPolicy", (n, v, f) -> json(n, v));
    STORED.put("KmsMasterKeyId", (n, v, f) -> v);
    STORED.put("KmsDataKeyReusePeriodSeconds", (n, v, f) -> integer(n, v, 60, 86_400));
    STORED.put("SqsManagedSseEnabled", (n, v, f) -> bool(n, v));
    STORED.put("ContentBasedDeduplication", (n, v, f) -> fifoOnly(n, f, bool(n, v)));
    STORED.put("DeduplicationScope", (n, v, f) -> fifoOnly(n, f, oneOf(n, v, "messageGroup", "queue")));
    STORED.put("FifoThroughputLimit", (n, v, f) -> fifoOnly(n, f, oneOf(n, v, "perQueue", "perMessageGroupId")));
  }

  /** What CreateQueue asks raftq for. */
  public record Creation(int partitions, long visibilityTimeoutMs, QueueSettings settings) {}

  private QueueAttributes() {}

  /** The raftq queue CreateQueue with these attributes makes; the dead-letter queue's existence is checked apart. */
  public static Creation forCreate(String name, Map<String, String> requested, Map<String, String> tags) {
    boolean fifo = bool("FifoQueue", requested.getOrDefault("FifoQueue", "false")).equals("true");
    if (fifo != name.endsWith(".fifo")) {
      throw new SqsError(SqsError.Code.INVALID_PARAMETER_VALUE, fifo
          ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end "
              + "with .fifo suffix and be 1 to 80 in length."
          : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (a name ending "
              + "in .fifo needs the attribute FifoQueue=true).");
    }
    int partitions = requested.containsKey("RaftqPartitions")
        ? Integer.parseInt(integer("RaftqPartitions", requested.get("RaftqPartitions"), 1, 1024))
        : fifo ? 1 : DEFAULT_STANDARD_PARTITIONS;
    QueueInfo blank = new QueueInfo(name, partitions, 30_000, 300_000, 0,
        new QueueSettings(0, 0, null, fifo, QueueSettings.DEFAULT_WINDOW, 0, 0, false, 0, 0));
    Map<String, String> rest = new LinkedHashMap<>(requested);
    rest.remove("FifoQueue");
    rest.remove("RaftqPartitions");
    QueueInfo q = apply(blank, rest);
    Map<String, String> attributes = new TreeMap<>(q.settings().attributes());
    tags.forEach((k, v) -> attributes.put(TAG_PREFIX + Tags.checkKey(k), Tags.checkValue(k, v)));
    Tags.checkCount(attributes);
    return new Creation(partitions, q.visibilityTimeoutMs(), q.settings().withAttributes(attributes));
  }

  /** {@code current} with the attributes of a SetQueueAttributes applied (the rest unchanged). */
  public static QueueInfo apply(QueueInfo current, Map<String, String> requested) {
    QueueSettings s = current.settings();
    long visibility = current.visibilityTimeoutMs();
    Map<String, String> attributes = new TreeMap<>(s.attributes());
    for (Map.Entry<String, String> e : requested.entrySet()) {
      String name = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue().trim();
      switch (name) {
        case "VisibilityTimeout" -> visibility = 1000L * Long.parseLong(integer(name, value, 0, 43_200));
        case "RaftqVisibilityTimeout" -> visibility = 1000L * Long.parseLong(integer(name, value, 0, 604_800));
        case "DelaySeconds" -> s = s.withDefaultDelay(1000L * Long.parseLong(integer(name, value, 0, 900)));
        case "RaftqDelaySeconds" -> s = s.withDefaultDelay(1000L * Long.parseLong(integer(name, value, 0,
            365L * 86_400)));
        case "RedrivePolicy" -> s = redrive(s, value);
        case "FifoQueue", "RaftqPartitions" -> throw new SqsError(SqsError.Code.INVALID_ATTRIBUTE_NAME,
            name + " is set when the queue is created and cannot change.");
        default -> {
          Check check = STORED.get(name);
          if (check == null) {
            throw new SqsError(SqsError.Code.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
          }
          String normalized = check.normalize(name, value, s.fifo());
          if (name.equals("DeduplicationScope") && normalized.equals("queue") && current.partitions() > 1) {
            throw new SqsError(SqsError.Code.INVALID_ATTRIBUTE_VALUE, "DeduplicationScope queue needs a queue of "
                + "one partition: with " + current.partitions() + " (RaftqPartitions), a message group's "
                + "partition deduplicates it, so the scope is messageGroup.");
          }
          attributes.put(PREFIX + name, normalized);
        }
      }
    }
    return current.with(visibility, s.withAttributes(attributes));
  }

  private static QueueSettings redrive(QueueSettings s, String value) {
    if (value.isEmpty()) {
      return s.withDeadLetter(null, 0);
    }
    JsonNode policy;
    try {
      policy = JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw invalidValue("RedrivePolicy", "not JSON");
    }
    if (policy == null || !policy.isObject() || !policy.hasNonNull("deadLetterTargetArn")
        || !policy.hasNonNull("maxReceiveCount")) {
      throw invalidValue("RedrivePolicy", "needs deadLetterTargetArn and maxReceiveCount");
    }
    String dlq = QueueAddress.queueOfArn(policy.get("deadLetterTargetArn").asText(), "deadLetterTargetArn");
    int max = Integer.parseInt(integer("maxReceiveCount", policy.get("maxReceiveCount").asText(), 1, 1000));
    return s.withDeadLetter(dlq, max);
  }

  /**
   * The attributes GetQueueAttributes answers for {@code names} ("All" for every one), from the queue's
   * definition and its partitions' approximate counts.
   */
  public static Map<String, String> render(QueueDescription d, QueueAddress address, List<String> names) {
    QueueInfo q = d.queue();
    QueueSettings s = q.settings();
    Map<String, String> all = new LinkedHashMap<>();
    long ready = 0;
    long inFlight = 0;
    long delayed = 0;
    for (PartitionInfo p : d.partitions()) {
      ready += Math.max(0, p.depth() - p.inFlight() - p.delayed());
      inFlight += p.inFlight();
      delayed += p.delayed();
    }
    all.put("QueueArn", address.arn(q.name()));
    all.put("ApproximateNumberOfMessages", Long.toString(ready));
    all.put("ApproximateNumberOfMessagesNotVisible", Long.toString(inFlight));
    all.put("ApproximateNumberOfMessagesDelayed", Long.toString(delayed));
    all.put("CreatedTimestamp", Long.toString(q.createdAtMs() / 1000));
    all.put("LastModifiedTimestamp", Long.toString(q.modifiedAtMs() / 1000));
    all.put("VisibilityTimeout", Long.toString(q.visibilityTimeoutMs() / 1000));
    all.put("MaximumMessageSize", stored(s, "MaximumMessageSize", Integer.toString(DEFAULT_MAXIMUM_MESSAGE_SIZE)));
    all.put("MessageRetentionPeriod", stored(s, "MessageRetentionPeriod",
        Integer.toString(DEFAULT_RETENTION_SECONDS)));
    all.put("DelaySeconds", Long.toString(s.defaultDelayMs() / 1000));
    all.put("ReceiveMessageWaitTimeSeconds", stored(s, "ReceiveMessageWaitTimeSeconds", "0"));
    all.put("SqsManagedSseEnabled", stored(s, "SqsManagedSseEnabled", "false"));
    if (s.hasDeadLetterQueue()) {
      all.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + address.arn(s.deadLetterQueue())
          + "\",\"maxReceiveCount\":" + s.maxReceives() + "}");
    }
    for (String name : List.of("Policy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds")) {
      String v = s.attributes().get(PREFIX + name);
      if (v != null) {
        all.put(name, v);
      }
    }
    if (s.fifo()) {
      all.put("FifoQueue", "true");
      all.put("ContentBasedDeduplication", stored(s, "ContentBasedDeduplication", "false"));
      all.put("DeduplicationScope", stored(s, "DeduplicationScope", q.partitions() == 1 ? "queue" : "messageGroup"));
      all.put("FifoThroughputLimit", stored(s, "FifoThroughputLimit", "perQueue"));
    }
    all.put("RaftqPartitions", Integer.toString(q.partitions()));
    if (names.contains("All")) {
      return all;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : names) {
      if (all.containsKey(n)) {
        out.put(n, all.get(n));
      } else if (!STORED.containsKey(n) && !n.equals("RedrivePolicy") && !n.equals("FifoQueue")) {
        throw new SqsError(SqsError.Code.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + n + ".");
      }
    }
    return out;
  }

  /** A gateway-only attribute's value, or its default. */
  public static String stored(QueueSettings s, String name, String otherwise) {
    return s.attributes().getOrDefault(PREFIX + name, otherwise);
  }

  public static int maximumMessageSize(QueueSettings s) {
    return Integer.parseInt(stored(s, "MaximumMessageSize", Integer.toString(DEFAULT_MAXIMUM_MESSAGE_SIZE)));
  }

  private static String fifoOnly(String name, boolean fifo, String value) {
    if (!fifo) {
      throw new SqsError(SqsError.Code.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + " (FIFO queues only).");
    }
    return value;
  }

  static String integer(String name, String value, long min, long max) {
    try {
      long v = Long.parseLong(value.trim());
      if (v >= min && v <= max) {
        return Long.toString(v);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalidValue(name, "must be an integer from " + min + " to " + max);
  }

  private static String bool(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw invalidValue(name, "must be true or false");
    }
    return v;
  }

  private static String oneOf(String name, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    throw invalidValue(name, "must be one of " + String.join(", ", allowed));
  }

  private static String json(String name, String value) {
    try {
      JSON.readTree(value);
      return value;
    } catch (java.io.IOException e) {
      throw invalidValue(name, "not JSON");
    }
  }

  private static SqsError invalidValue(String name, String why) {
    return new SqsError(SqsError.Code.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter " + name
        + ": " + why + ".");
  }
}
