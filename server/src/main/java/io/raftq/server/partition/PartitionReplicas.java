package io.raftq.server.partition;

import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;

/**
 * Every partition replica on this node, created by Ratis through {@link #newStateMachine} when it opens a group.
 * Also runs the long-poll checks: after an apply and on a {@value #TICK_MS} ms tick.
 */
public final class PartitionReplicas implements AutoCloseable {
  static final long TICK_MS = 50;

  private final Map<RaftGroupId, PartitionReplica> replicas = new ConcurrentHashMap<>();
  private final Path stateDir;
  private final LongSupplier clockMs;
  private final BiFunction<RaftGroupId, ByteString, CompletableFuture<RaftClientReply>> submitter;
  private final int maxEntryBytes;
  private final BatchStats stats = new BatchStats();
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "receive-waiters");
    t.setDaemon(true);
    return t;
  });

  public PartitionReplicas(
      Path stateDir,
      LongSupplier clockMs,
      BiFunction<RaftGroupId, ByteString, CompletableFuture<RaftClientReply>> submitter,
      int maxEntryBytes) {
    this.stateDir = stateDir;
    this.clockMs = clockMs;
    this.submitter = submitter;
    this.maxEntryBytes = maxEntryBytes;
    checker.scheduleWithFixedDelay(this::checkAll, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** The Ratis state machine registry entry for a partition group. */
  public RocksStateMachine newStateMachine(RaftGroupId groupId) {
    PartitionReplicatedLogic logic = new PartitionReplicatedLogic();
    RocksStateMachine sm = new RocksStateMachine(logic, stateDir.resolve(groupId.getUuid().toString()), clockMs);
    CommandBatcher batcher = new CommandBatcher(
        body -> submitter.apply(groupId, body), 4, maxEntryBytes - 64 * 1024, 30_000, stats);
    PartitionReplica replica = new PartitionReplica(groupId, sm, logic.logic(), batcher);
    sm.setApplyListener(index -> scheduleCheck(replica));
    replicas.put(groupId, replica);
    return sm;
  }

  public Optional<PartitionReplica> get(RaftGroupId groupId) {
    return Optional.ofNullable(replicas.get(groupId));
  }

  public void forget(RaftGroupId groupId) {
    PartitionReplica r = replicas.remove(groupId);
    if (r != null) {
      r.waiters().releaseAll();
    }
  }

  public BatchStats stats() {
    return stats;
  }

  /** Ends a parked receive early (it answers with no messages). */
  public void cancelWait(Object owner, int requestId) {
    for (PartitionReplica r : replicas.values()) {
      if (r.waiters().cancel(owner, requestId)) {
        return;
      }
    }
  }

  /** Drops a closed connection's parked receives everywhere. */
  public void dropOwner(Object owner) {
    replicas.values().forEach(r -> r.waiters().dropOwner(owner));
  }

  private void scheduleCheck(PartitionReplica replica) {
    if (!replica.waiters().isEmpty() && replica.markCheckScheduled()) {
      checker.execute(() -> {
        replica.clearCheckScheduled();
        check(replica);
      });
    }
  }

  private void checkAll() {
    for (PartitionReplica r : replicas.values()) {
      if (!r.waiters().isEmpty()) {
        check(r);
      }
    }
  }

  private void check(PartitionReplica r) {
    try {
      long now = clockMs.getAsLong();
      r.waiters().check(group -> r.logic().hasVisibleMessage(group, now), System.nanoTime());
    } catch (RuntimeException e) {
      // The store may be closing (group removed); the waiters are released by forget().
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
    replicas.values().forEach(r -> r.waiters().releaseAll());
  }
}
