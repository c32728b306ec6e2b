package io.raftq.statemachine.metadata;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A queue as the metadata group holds it. {@code createIndex} (the log index that created it) tells incarnations
 * apart: a queue deleted and created again under the same name gets new partition groups. {@code defaultDelayMs}
 * holds back messages sent without their own delay; with {@code maxReceives > 0} a message delivered that often
 * without an ack moves to {@code deadLetterQueue}. A {@code fifo} queue orders delivery per key. Each group
 * remembers the ids it acked for {@code consumerDedupWindowMs} (0: off). With {@code backoffBaseMs > 0}, a
 * message whose delivery failed stays invisible for an exponential backoff up to {@code backoffMaxMs}. A
 * {@code topic} keeps its messages, whatever its groups did, until they are older than {@code retentionMs} or
 * beyond {@code retentionBytes} (0: no limit of that kind). {@code attributes} are labels stored for
 * applications (the SQS gateway's attributes and tags); {@code modifiedIndex} is the log index of the creation or
 * last alteration, which an alteration names to be refused after a concurrent one. {@code replicationFactor}:
 * replicas per partition (0: {@link ClusterLayout#DEFAULT_REPLICATION}).
 */
public record QueueDefinition(
    String name,
    int partitions,
    long visibilityTimeoutMs,
    long dedupWindowMs,
    long createdAtMs,
    long createIndex,
    long defaultDelayMs,
    int maxReceives,
    String deadLetterQueue,
    boolean fifo,
    long consumerDedupWindowMs,
    long backoffBaseMs,
    long backoffMaxMs,
    boolean topic,
    long retentionMs,
    long retentionBytes,
    SortedMap<String, String> attributes,
    long modifiedIndex,
    long modifiedAtMs,
    int replicationFactor) {

  public QueueDefinition {
    attributes = Collections.unmodifiableSortedMap(attributes == null ? new TreeMap<>() : new TreeMap<>(attributes));
  }

  public QueueDefinition(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
      long createdAtMs, long createIndex, long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo,
      long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs,
      long retentionBytes, SortedMap<String, String> attributes, long modifiedIndex, long modifiedAtMs) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, createIndex, defaultDelayMs, maxReceives,
        deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs, backoffMaxMs, topic, retentionMs, retentionBytes,
        attributes, modifiedIndex, modifiedAtMs, 0);
  }

  public QueueDefinition(String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs,
      long createdAtMs, long createIndex, long defaultDelayMs, int maxReceives, String deadLetterQueue, boolean fifo,
      long consumerDedupWindowMs, long backoffBaseMs, long backoffMaxMs, boolean topic, long retentionMs,
      long retentionBytes) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, createIndex, defaultDelayMs,
        maxReceives, deadLetterQueue, fifo, consumerDedupWindowMs, backoffBaseMs, backoffMaxMs, topic, retentionMs,
        retentionBytes, null, createIndex, createdAtMs);
  }

  public QueueDefinition(
      String name, int partitions, long visibilityTimeoutMs, long dedupWindowMs, long createdAtMs, long createIndex) {
    this(name, partitions, visibilityTimeoutMs, dedupWindowMs, createdAtMs, createIndex, 0, 0, null, false, 0, 0, 0, false, 0, 0);
  }

  /** Replicas each partition should have with {@code activeNodes} nodes to hold them. */
  public int replicasWith(int activeNodes) {
    return Math.min(replicationFactor == 0 ? ClusterLayout.DEFAULT_REPLICATION : replicationFactor, activeNodes);
  }

  public boolean hasDeadLetterQueue() {
    return deadLetterQueue != null;
  }
}
