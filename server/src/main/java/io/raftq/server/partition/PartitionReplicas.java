package io.raftq.server.partition;

import io.raftq.server.DaemonThreads;
import io.raftq.statemachine.partition.PartitionReplicatedLogic;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartitionReplicas.class);
  static final long TICK_MS = 50;
  /**
   * Raft entries replicating at once per partition. One is enough: everything that arrives meanwhile goes into the
   * next entry, so entries get fat exactly when load is high (W1: 8.9k msgs/s at ~320 messages per entry, versus
   * 8.2-8.6k at ~140 with four in flight, measured on the 2-core machine; see OPERATIONS.md).
   */
  static final int ENTRIES_IN_FLIGHT = Integer.getInteger("raftq.entries-in-flight", 1);

  /**
   * Threads shared by every partition's lane. Forming and answering entries is CPU work between blocking submits
   * that last as long as an append to the local log, so a few threads serve many partitions.
   */
  static final int LANE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final int MAX_EARLY_CANCELS = 1024;
  private final Map<RaftGroupId, PartitionReplica> replicas = new ConcurrentHashMap<>();
  private final Map<Object, Set<Integer>> earlyCancels = new ConcurrentHashMap<>();
  private final Path stateDir;
  private final LongSupplier clockMs;
  private final BiFunction<RaftGroupId, ByteString, CompletableFuture<RaftClientReply>> submitter;
  private final int maxEntryBytes;
  private final BatchStats stats = new BatchStats();
  /** Where the partitions' entries are formed, submitted and answered (see {@link CommandBatcher}). */
  private final ExecutorService lanes =
      Executors.newFixedThreadPool(LANE_THREADS, DaemonThreads.named("partition-lanes"));
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("receive-waiters"));

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
    checker.scheduleWithFixedDelay(this::logBatching, 30, 30, TimeUnit.SECONDS);
  }

  private long loggedEntries;

  /** How well group commit batches, as led from this node (the figure the closing notes quote). */
  private void logBatching() {
    long entries = stats.entries();
    var queued = stats.takeQueuedMicros();
    var replicated = stats.takeReplicatedMicros();
    if (entries != loggedEntries) {
      loggedEntries = entries;
      LOG.info("group commit so far: {} entries led from here carrying {} commands and {} messages"
          + " ({} messages per entry); last 30 s: {} entries, queued p50/p99 {}/{} us, submit to applied reply"
          + " p50/p99 {}/{} us", entries, stats.commands(), stats.messages(),
          String.format("%.1f", stats.messages() / (double) Math.max(1, entries)), replicated.getTotalCount(),
          queued.getValueAtPercentile(50), queued.getValueAtPercentile(99), replicated.getValueAtPercentile(50),
          replicated.getValueAtPercentile(99));
    }
  }

  /** The Ratis state machine registry entry for a partition group. */
  public RocksStateMachine newStateMachine(RaftGroupId groupId) {
    PartitionReplicatedLogic logic = new PartitionReplicatedLogic();
    RocksStateMachine sm = new RocksStateMachine(logic, stateDir.resolve(groupId.getUuid().toString()), clockMs);
    CommandBatcher batcher = new CommandBatcher(body -> submitter.apply(groupId, body), ENTRIES_IN_FLIGHT,
        maxEntryBytes - 64 * 1024, 30_000, stats, new SerialLane(lanes));
    PartitionReplica replica = new PartitionReplica(groupId, sm, logic.logic(), batcher);
    batcher.ridersFrom(replica.waiters()::takeRiders);
    batcher.resultsFrom(logic::takeLeaderResults);
    sm.setApplyListener(index -> {
      replica.touch();
      scheduleCheck(replica);
    });
    replicas.put(groupId, replica);
    return sm;
  }

  public Optional<PartitionReplica> get(RaftGroupId groupId) {
    return Optional.ofNullable(replicas.get(groupId));
  }

  /** Forgets {@code replica} if it is still the one registered (a reopened group registers a new one). */
  public void forget(RaftGroupId groupId, PartitionReplica replica) {
    if (replicas.remove(groupId, replica)) {
      replica.waiters().releaseAll();
    }
  }

  public void forget(RaftGroupId groupId) {
    PartitionReplica r = replicas.remove(groupId);
    if (r != null) {
      r.waiters().releaseAll();
    }
  }

  /** Deletes the state of a partition removed from this node for good (after Ratis closed it). */
  public void deleteState(RaftGroupId groupId) {
    try {
      RocksStateMachine.deleteState(stateDir.resolve(groupId.getUuid().toString()));
    } catch (java.io.IOException e) {
      LOG.warn("could not delete the state of {}: {}", groupId, e.toString());
    }
  }

  public BatchStats stats() {
    return stats;
  }

  /**
   * Ends a parked receive early (it answers with no messages). A cancel can overtake its receive (still being
   * routed or leased), so an unmatched cancel is remembered and {@link #consumeEarlyCancel} stops the receive from
   * parking later.
   */
  public void cancelWait(Object owner, int requestId) {
    for (PartitionReplica r : replicas.values()) {
      if (r.waiters().cancel(owner, requestId)) {
        return;
      }
    }
    Set<Integer> ids = earlyCancels.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet());
    if (ids.size() < MAX_EARLY_CANCELS) {
      ids.add(requestId);
    }
  }

  /** True (once) if the receive {@code requestId} of {@code owner} was cancelled before it could park. */
  public boolean consumeEarlyCancel(Object owner, int requestId) {
    Set<Integer> ids = earlyCancels.get(owner);
    return ids != null && ids.remove(requestId);
  }

  /** Drops a closed connection's parked receives everywhere. */
  public void dropOwner(Object owner) {
    earlyCancels.remove(owner);
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
    lanes.shutdownNow();
    replicas.values().forEach(r -> r.waiters().releaseAll());
  }
}
