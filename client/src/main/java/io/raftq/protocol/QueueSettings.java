package io.raftq.protocol;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The optional settings of a queue. {@code defaultDelayMs} delays every message sent without its own delay;
 * with {@code maxReceives > 0}, a message delivered that many times to a group without an ack is moved to
 * {@code deadLetterQueue} (both or neither are set). A {@code fifo} queue delivers the messages of one key in
 * order, one at a time per consumer group; every message needs a key. Each group remembers the ids it acked for
 * {@code consumerDedupWindowMs} (0: not at all; -1 in a request: the cluster default) and is not handed a message
 * with such an id again. With {@code backoffBaseMs > 0}, a message whose delivery failed (nacked, or its lease
 * ran out) stays invisible for {@code min(backoffMaxMs, backoffBaseMs * 2^(deliveries-1))}, ±20% jitter. A
 * {@code topic} keeps messages until its retention removes them (by age, and by stored bytes when
 * {@code retentionBytes > 0}), whatever its groups did. {@code attributes} are labels raftq stores with the queue
 * and does not interpret (the SQS gateway keeps SQS's own attributes and tags there), in name order.
 * {@code replicationFactor}: nodes per partition, 1, 3 or 5 (0: the default, 3, capped by the active nodes).
 */
public record QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo,
    long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs,
    long retentionBytes, SortedMap<String, String> attributes, int replicationFactor) {
  /** The cluster's default consumer dedup window, in a request. */
  public static final long DEFAULT_WINDOW = -1;
  // Before NONE: static fields initialise in order and NONE's constructor reads this one.
  private static final SortedMap<String, String> EMPTY = Collections.unmodifiableSortedMap(new TreeMap<>());
  public static final QueueSettings NONE = new QueueSettings(0, 0, null, false, DEFAULT_WINDOW, 0, 0, false, 0, 0);

  public QueueSettings {
    attributes = attributes == null || attributes.isEmpty() ? EMPTY
        : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  public QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo,
      long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs,
      long retentionBytes, SortedMap<String, String> attributes) {
    this(defaultDelayMs, maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs, backoffMaxMs,
        topic, retentionMs, retentionBytes, attributes, 0);
  }

  public QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo,
      long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs,
      long retentionBytes) {
    this(defaultDelayMs, maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs, backoffMaxMs,
        topic, retentionMs, retentionBytes, null);
  }

  public QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue) {
    this(defaultDelayMs, maxReceives, deadLetterQueue, false, DEFAULT_WINDOW, 0, 0, false, 0, 0);
  }

  public QueueSettings(long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo) {
    this(defaultDelayMs, maxReceives, deadLetterQueue, fifo, DEFAULT_WINDOW, 0, 0, false, 0, 0);
  }

  /** A topic's settings: messages kept until older than {@code retentionMs} or beyond {@code retentionBytes}. */
  public static QueueSettings topic(long retentionMs, long retentionBytes) {
    return new QueueSettings(0, 0, null, false, 0, 0, 0, true, retentionMs, retentionBytes);
  }

  /** These settings with other attributes. */
  public QueueSettings withAttributes(java.util.Map<String, String> newAttributes) {
    return new QueueSettings(defaultDelayMs, maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, topic, retentionMs, retentionBytes, newAttributes == null ? null : new TreeMap<>(newAttributes),
        replicationFactor);
  }

  /** These settings with another default delay. */
  public QueueSettings withDefaultDelay(long ms) {
    return new QueueSettings(ms, maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, topic, retentionMs, retentionBytes, attributes, replicationFactor);
  }

  /** These settings with another dead-letter queue ({@code null} and 0: none). */
  public QueueSettings withDeadLetter(String queue, int max) {
    return new QueueSettings(defaultDelayMs, max, queue, fifo, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, topic, retentionMs, retentionBytes, attributes, replicationFactor);
  }

  /** These settings with another replication factor (0: the default). */
  public QueueSettings withReplicationFactor(int n) {
    return new QueueSettings(defaultDelayMs, maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs,
        backoffMaxMs, topic, retentionMs, retentionBytes, attributes, n);
  }

  public boolean hasDeadLetterQueue() {
    return deadLetterQueue != null;
  }
}
