package io.raftq.server.retention;

import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.LedPartitions;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.ApplyRetention;
import io.raftq.statemachine.partition.PartitionLogic;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.RaftGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On every topic partition this node leads, commits an {@link ApplyRetention} when the oldest message is past the
 * retention time or the partition holds more than the retention bytes. Retention runs through the log so every
 * replica deletes the same messages at the same log time; the deletes are RocksDB range deletes, and the Raft log
 * is trimmed by the next snapshot, so retention never waits on the log itself.
 */
public final class RetentionTicker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionTicker.class);
  private static final long EVERY_MS = 1_000;

  private final MetadataService metadata;
  private final RaftNode raft;
  private final PartitionReplicas replicas;
  private final LongSupplier clockMs;
  private final Set<RaftGroupId> busy = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("retention"));

  public RetentionTicker(MetadataService metadata, RaftNode raft, PartitionReplicas replicas, LongSupplier clockMs) {
    this.metadata = metadata;
    this.raft = raft;
    this.replicas = replicas;
    this.clockMs = clockMs;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::passSafely, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
  }

  private void passSafely() {
    try {
      LedPartitions.forEach(metadata, raft, replicas, QueueDefinition::topic, (q, p, gid, replica) -> {
        if (isDue(q, replica.logic(), replica) && busy.add(gid)) {
          replica.batcher().submit(new ApplyRetention(q.retentionMs(), q.retentionBytes()), 32)
              .whenComplete((r, e) -> busy.remove(gid));
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("retention pass failed: {}", e.toString());
    }
  }

  private boolean isDue(QueueDefinition q, PartitionLogic logic, PartitionReplica replica) {
    if (q.retentionBytes() > 0 && logic.retainedBytes() > q.retentionBytes()) {
      return true;
    }
    long oldest = logic.oldestEnqueuedAtMs(replica.stateMachine().reader());
    return q.retentionMs() > 0 && oldest >= 0 && oldest < clockMs.getAsLong() - q.retentionMs();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
