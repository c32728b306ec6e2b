package io.raftq.cli;

import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import java.util.List;

/** JSON documents of {@code queue list --json} and {@code queue describe --json}. */
final class QueueJson {
  private QueueJson() {}

  static String list(List<QueueInfo> queues) {
    JsonWriter w = new JsonWriter().beginObject().name("queues").beginArray();
    for (QueueInfo q : queues) {
      queue(w, q);
    }
    return w.endArray().endObject().toString();
  }

  static String describe(QueueDescription description) {
    JsonWriter w = new JsonWriter().beginObject().name("queue");
    queue(w, description.queue());
    w.name("partitions").beginArray();
    for (PartitionInfo p : description.partitions()) {
      partition(w, p);
    }
    return w.endArray().endObject().toString();
  }

  private static void queue(JsonWriter w, QueueInfo q) {
    w.beginObject()
        .field("name", q.name())
        .field("partitions", q.partitions())
        .field("visibilityTimeoutMs", q.visibilityTimeoutMs())
        .field("dedupWindowMs", q.dedupWindowMs())
        .field("createdAtMs", q.createdAtMs())
        .field("defaultDelayMs", q.settings().defaultDelayMs())
        .field("maxReceives", q.settings().maxReceives())
        .field("deadLetterQueue", q.settings().deadLetterQueue())
        .field("fifo", q.settings().fifo())
        .field("replicationFactor", q.settings().replicationFactor() == 0 ? 3 : q.settings().replicationFactor())
        .field("topic", q.settings().topic())
        .field("retentionMs", q.settings().retentionMs())
        .field("retentionBytes", q.settings().retentionBytes())
        .field("consumerDedupWindowMs", q.settings().consumerDedupWindowMs())
        .field("retryBackoffMs", q.settings().backoffBaseMs())
        .field("retryBackoffMaxMs", q.settings().backoffMaxMs())
        .field("modifiedAtMs", q.modifiedAtMs())
        .name("attributes").beginObject();
    q.settings().attributes().forEach(w::field);
    w.endObject().endObject();
  }

  private static void partition(JsonWriter w, PartitionInfo p) {
    w.beginObject()
        .field("partition", p.partition())
        .field("leaderNodeId", p.leaderNodeId())
        .field("leaderAddress", p.leaderAddress())
        .name("replicas")
        .beginArray();
    for (String replica : p.replicas()) {
      w.value(replica);
    }
    w.endArray()
        .field("depth", p.depth())
        .field("delayed", p.delayed())
        .field("inFlight", p.inFlight())
        .field("deadLettersPending", p.deadLettersPending())
        .field("deadLettersTotal", p.deadLettersTotal())
        .field("nextOffset", p.nextOffset())
        .field("appliedIndex", p.appliedIndex())
        .endObject();
  }
}
