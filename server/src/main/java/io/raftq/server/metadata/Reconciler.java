package io.raftq.server.metadata;

import io.raftq.raft.ClusterMembers;
import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.statemachine.metadata.QueueDefinition;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the partition groups this node hosts match the metadata: adds a replica for every partition of every
 * queue, and removes the replicas of queues whose deletion it has seen applied. Groups on disk that the metadata
 * does not (yet) name are left alone at start, because the metadata replica may still be replaying its log.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final RaftNode raft;
  private final MetadataService metadata;
  private final ClusterMembers members;
  private final Consumer<RaftGroupId> onRemoved;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("reconciler"));
  private final AtomicBoolean pending = new AtomicBoolean();
  private final java.util.function.Predicate<RaftGroupId> isEmptyReplica;
  private final java.util.concurrent.ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reconciler-timer"));
  private Set<RaftGroupId> lastDesired;

  /**
   * @param isEmptyReplica whether this node's replica of a group has applied nothing yet: only such a replica is
   *     re-created when its division closed, since nothing can be lost by deleting it
   */
  public Reconciler(RaftNode raft, MetadataService metadata, ClusterMembers members, Consumer<RaftGroupId> onRemoved,
      java.util.function.Predicate<RaftGroupId> isEmptyReplica) {
    this.raft = raft;
    this.metadata = metadata;
    this.members = members;
    this.onRemoved = onRemoved;
    this.isEmptyReplica = isEmptyReplica;
    // Passes also run on a timer: a replica can close without any metadata change (see recreateIfClosedEmpty).
    timer.scheduleWithFixedDelay(this::requestPass, 10, 10, TimeUnit.SECONDS);
  }

  /** Asks for a pass soon; passes coalesce. */
  public void requestPass() {
    if (pending.compareAndSet(false, true)) {
      worker.execute(() -> {
        pending.set(false);
        pass();
      });
    }
  }

  private void pass() {
    Set<RaftGroupId> desired = desiredGroups();
    Set<RaftGroupId> hosted = raft.groupIds();
    for (RaftGroupId gid : desired) {
      if (hosted.contains(gid)) {
        recreateIfClosedEmpty(gid);
      } else {
        try {
          raft.addGroup(RaftGroup.valueOf(gid, members.raftPeers()));
          LOG.info("added partition group {}", gid);
        } catch (Exception e) {
          LOG.warn("adding group {} failed, will retry on the next pass: {}", gid, e.toString());
          retryLater();
        }
      }
    }
    if (lastDesired != null) {
      Set<RaftGroupId> gone = new HashSet<>(lastDesired);
      gone.removeAll(desired);
      for (RaftGroupId gid : gone) {
        removeQuietly(gid, hosted);
      }
    }
    lastDesired = desired;
  }

  /**
   * A replica re-created empty (after its data was wiped) and restarted before it received anything has no
   * configuration in its log: Ratis starts it with no peers, and it shuts itself down for good (CLOSED) at its
   * first election. Seen in the chaos mix (wipe, then a restart inside the catch-up window). Such a replica holds
   * nothing, so it is removed and added again with the cluster's peers, and catches up by snapshot. A closed
   * replica that has applied entries is left alone: deleting it could lose data.
   */
  private void recreateIfClosedEmpty(RaftGroupId gid) {
    if (!raft.isClosed(gid) || !isEmptyReplica.test(gid)) {
      return;
    }
    LOG.warn("group {} is closed here and holds nothing (restarted before it caught up?): re-creating it", gid);
    try {
      onRemoved.accept(gid);
      raft.removeGroup(gid);
      raft.addGroup(RaftGroup.valueOf(gid, members.raftPeers()));
      LOG.info("re-created partition group {}", gid);
    } catch (Exception e) {
      LOG.warn("re-creating group {} failed, will retry: {}", gid, e.toString());
    }
  }

  private void removeQuietly(RaftGroupId gid, Set<RaftGroupId> hosted) {
    onRemoved.accept(gid);
    if (!hosted.contains(gid)) {
      return;
    }
    try {
      raft.removeGroup(gid);
      LOG.info("removed partition group {} of a deleted queue", gid);
    } catch (Exception e) {
      LOG.warn("removing group {} failed: {}", gid, e.toString());
    }
  }

  private void retryLater() {
    worker.execute(() -> sleepThen(this::requestPass));
  }

  private static void sleepThen(Runnable r) {
    try {
      TimeUnit.MILLISECONDS.sleep(500);
      r.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Set<RaftGroupId> desiredGroups() {
    Set<RaftGroupId> ids = new TreeSet<>((a, b) -> a.getUuid().compareTo(b.getUuid()));
    for (QueueDefinition q : metadata.localQueues()) {
      for (int p = 0; p < q.partitions(); p++) {
        ids.add(GroupIds.partition(q.name(), q.createIndex(), p));
      }
    }
    return ids;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
  }
}
