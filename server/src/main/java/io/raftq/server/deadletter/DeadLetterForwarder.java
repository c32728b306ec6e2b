package io.raftq.server.deadletter;

import io.raftq.client.Producer;
import io.raftq.client.SendResult;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.LedPartitions;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.partition.DeadLetter;
import io.raftq.statemachine.partition.ForwardedDeadLetters;
import io.raftq.statemachine.partition.PartitionLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On every partition this node leads, moves dead letters from the outbox into the queue's dead-letter queue:
 * reads the oldest ones from the committed store, sends them through the client library (to whichever node leads
 * the dead-letter partition), and once every send is acknowledged, commits {@link ForwardedDeadLetters} in the
 * source partition. A crash or leader change between the two only means the next leader sends them again; their
 * dedup ids make the dead-letter queue store each once (within its dedup window). Failures (the dead-letter queue
 * was deleted, a partition has no leader) are retried with backoff up to 30 s and logged at most once a minute
 * per partition; the messages wait in the outbox meanwhile, counted as pending dead letters.
 */
public final class DeadLetterForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterForwarder.class);
  static final int BATCH = 100;
  static final long MAX_BATCH_BYTES = 2 << 20;
  private static final long PASS_EVERY_MS = 200;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long WARN_EVERY_MS = 60_000;

  private final LedOutboxes outboxes;
  private final Producer producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dead-letter-forwarder"));
  private final Set<RaftGroupId> busy = ConcurrentHashMap.newKeySet();
  private final Map<RaftGroupId, Retry> retries = new ConcurrentHashMap<>();

  /** Backoff state of one partition after a failed attempt. */
  private record Retry(long notBeforeNanos, long backoffMs, long lastWarnNanos) {}

  /** A led partition's outbox of dead letters, as the forwarder uses it. */
  interface Outbox {
    long pending();

    /** The oldest dead letters, at most {@code max}; may throw (the store may be closing). */
    List<DeadLetter> read(int max);

    /** Commits that every dead letter up to {@code seq} reached the dead-letter queue. */
    CompletableFuture<?> markForwarded(long seq);
  }

  /** The outboxes of the partitions this node leads now, of queues with a dead-letter queue. */
  interface LedOutboxes {
    void forEach(OutboxVisitor visitor);
  }

  interface OutboxVisitor {
    void visit(QueueDefinition queue, int partition, RaftGroupId groupId, Outbox outbox);
  }

  public DeadLetterForwarder(MetadataService metadata, RaftNode raft, PartitionReplicas replicas, Producer producer) {
    this(visitor -> LedPartitions.forEach(metadata, raft, replicas, QueueDefinition::hasDeadLetterQueue,
        (q, p, gid, replica) -> visitor.visit(q, p, gid, replicaOutbox(replica))), producer);
  }

  DeadLetterForwarder(LedOutboxes outboxes, Producer producer) {
    this.outboxes = outboxes;
    this.producer = producer;
  }

  private static Outbox replicaOutbox(PartitionReplica replica) {
    return new Outbox() {
      @Override
      public long pending() {
        return replica.logic().pendingDeadLetters();
      }

      @Override
      public List<DeadLetter> read(int max) {
        return PartitionLogic.readDeadLetters(replica.stateMachine().reader(), max);
      }

      @Override
      public CompletableFuture<?> markForwarded(long seq) {
        return replica.batcher().submit(new ForwardedDeadLetters(seq), 32);
      }
    };
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::passSafely, PASS_EVERY_MS, PASS_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  /** What the timer runs (package-private: tests run passes by hand). */
  void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      LOG.warn("dead-letter pass failed: {}", e.toString());
    }
  }

  private void pass() {
    outboxes.forEach((q, p, gid, outbox) -> {
      if (outbox.pending() > 0 && due(gid) && busy.add(gid)) {
        forwardUnmarkingOnThrow(q, p, gid, outbox);
      }
    });
  }

  /**
   * A partition stays marked busy only while its sends and commit are under way: whatever throws before they
   * start (reading a store that is closing, a send refused at once) unmarks it and backs off, so the next due
   * pass tries again instead of the partition's dead letters waiting for a restart.
   */
  private void forwardUnmarkingOnThrow(QueueDefinition q, int partition, RaftGroupId gid, Outbox outbox) {
    try {
      forward(q, partition, gid, outbox);
    } catch (RuntimeException e) {
      busy.remove(gid);
      failed(gid, q, partition, e);
    }
  }

  private boolean due(RaftGroupId gid) {
    Retry r = retries.get(gid);
    return r == null || System.nanoTime() - r.notBeforeNanos() >= 0;
  }

  private void forward(QueueDefinition q, int partition, RaftGroupId gid, Outbox outbox) {
    List<DeadLetter> batch = boundedBatch(outbox.read(BATCH));
    if (batch.isEmpty()) {
      busy.remove(gid);
      return;
    }
    List<CompletableFuture<SendResult>> sends = new ArrayList<>(batch.size());
    for (DeadLetter d : batch) {
      sends.add(producer.send(q.deadLetterQueue(), DeadLetterEnvelope.of(q, partition, d)));
    }
    long upTo = batch.get(batch.size() - 1).seq();
    CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0]))
        .thenCompose(v -> outbox.markForwarded(upTo))
        .whenComplete((result, error) -> {
          busy.remove(gid);
          if (error == null) {
            retries.remove(gid);
            LOG.debug("moved dead letters up to {} of {}/{} to {}", upTo, q.name(), partition, q.deadLetterQueue());
          } else {
            failed(gid, q, partition, error);
          }
        });
  }

  /** The first dead letters of {@code all} whose payloads fit {@link #MAX_BATCH_BYTES} (at least one). */
  private static List<DeadLetter> boundedBatch(List<DeadLetter> all) {
    List<DeadLetter> out = new ArrayList<>();
    long bytes = 0;
    for (DeadLetter d : all) {
      bytes += d.message().payload().length;
      if (!out.isEmpty() && bytes > MAX_BATCH_BYTES) {
        break;
      }
      out.add(d);
    }
    return out;
  }

  private void failed(RaftGroupId gid, QueueDefinition q, int partition, Throwable error) {
    long now = System.nanoTime();
    Retry previous = retries.get(gid);
    long backoff = previous == null ? 500 : Math.min(MAX_BACKOFF_MS, previous.backoffMs() * 2);
    boolean warn = previous == null || now - previous.lastWarnNanos() >= TimeUnit.MILLISECONDS.toNanos(WARN_EVERY_MS);
    if (warn) {
      Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      LOG.warn("cannot move dead letters of {}/{} to '{}' yet (retrying, they wait in the outbox): {}",
          q.name(), partition, q.deadLetterQueue(), cause.toString());
    }
    retries.put(gid, new Retry(now + TimeUnit.MILLISECONDS.toNanos(backoff), backoff,
        warn ? now : previous.lastWarnNanos()));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
