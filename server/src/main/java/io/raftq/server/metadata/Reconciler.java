package io.raftq.server.metadata;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ratis.protocol.RaftPeer;
import io.raftq.statemachine.metadata.QueueDefinition;
import java.util.HashSet;
import java.util.Set;
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
 * Makes the partition groups this node hosts match the metadata: adds a replica of every partition whose replica
 * set names this node (a member joins with the set's peers; the node being added starts empty, with no peers, as
 * Ratis wants), and removes the replicas of partitions that no longer name it (moved away, or queue deleted).
 * Removal waits until a linearizable read of the metadata succeeded in the same pass: until then the local
 * metadata replica may still be replaying its log after a restart, and would not name groups it soon will.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final RaftNode raft;
  private final MetadataService metadata;
  private final ClusterDirectory directory;
  /** Forgets a replica removed for good and deletes its state (called after Ratis closed it). */
  private final Consumer<RaftGroupId> onRemoved;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("reconciler"));
  private final AtomicBoolean pending = new AtomicBoolean();
  private final java.util.function.Predicate<RaftGroupId> isEmptyReplica;
  private final java.util.concurrent.ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reconciler-timer"));
  private Set<RaftGroupId> lastDesired;

  /**
   * @param isEmptyReplica whether this node's replica of a group has applied nothing yet: such a replica is
   *     re-created when its division closed (nothing can be lost by deleting it); others are reopened
   */
  public Reconciler(RaftNode raft, MetadataService metadata, ClusterDirectory directory,
      Consumer<RaftGroupId> onRemoved, java.util.function.Predicate<RaftGroupId> isEmptyReplica) {
    this.raft = raft;
    this.metadata = metadata;
    this.directory = directory;
    this.onRemoved = onRemoved;
    this.isEmptyReplica = isEmptyReplica;
    // Passes also run on a timer: a replica can close without any metadata change (see recoverIfClosed).
    timer.scheduleWithFixedDelay(this::requestPass, 10, 10, TimeUnit.SECONDS);
  }

  /** Asks for a pass soon; passes coalesce. */
  public void requestPass() {
    if (pending.compareAndSet(false, true)) {
      worker.execute(() -> {
        pending.set(false);
        pass(); // a pass that throws is logged by DaemonThreads' handler; the timer's next request retries
      });
    }
  }

  private void pass() {
    boolean caughtUp = metadataCaughtUp();
    Map<RaftGroupId, ReplicaSet> desired = desiredGroups();
    Set<RaftGroupId> hosted = raft.groupIds();
    for (Map.Entry<RaftGroupId, ReplicaSet> e : desired.entrySet()) {
      RaftGroupId gid = e.getKey();
      if (hosted.contains(gid)) {
        recoverIfClosed(gid, e.getValue());
      } else if (raft.isStoredClosed(gid)) {
        // Quiescent here: it opens again from its stored data when a request wakes it (see Quiescer). The node
        // being added opens it now (the move needs it running); one that closes is recovered above.
        if (raft.nodeId().equals(e.getValue().adding())) {
          reopenQuietly(gid, e.getValue());
        }
        continue;
      } else {
        try {
          raft.addGroup(RaftGroup.valueOf(gid, initialPeers(e.getValue())));
          LOG.info("added partition group {} ({})", gid, e.getValue().key());
        } catch (Exception ex) {
          LOG.warn("adding group {} failed, will retry on the next pass: {}", gid, ex.toString());
          retryLater();
        }
      }
    }
    Set<RaftGroupId> gone = new HashSet<>();
    if (caughtUp) {
      gone.addAll(hosted);
      gone.addAll(raft.storedClosedGroups());
      gone.remove(GroupIds.METADATA);
    } else if (lastDesired != null) {
      gone.addAll(lastDesired);
    }
    gone.removeAll(desired.keySet());
    for (RaftGroupId gid : gone) {
      removeQuietly(gid, hosted);
    }
    lastDesired = desired.keySet();
  }

  private void reopenQuietly(RaftGroupId gid, ReplicaSet set) {
    try {
      raft.reopenGroup(RaftGroup.valueOf(gid, initialPeers(set)));
      LOG.info("opened quiescent partition group {} ({}): this node is being added to it", gid, set.key());
    } catch (Exception ex) {
      LOG.warn("opening quiescent group {} failed, will retry: {}", gid, ex.toString());
    }
  }

  /** A member starts with the set's members as peers; the node being added with none (it learns them). */
  private List<RaftPeer> initialPeers(ReplicaSet set) {
    return set.members().contains(raft.nodeId()) ? directory.peers(set.members()) : List.of();
  }

  /** Whether the local metadata replica holds everything committed before now (a ReadIndex read succeeded). */
  private boolean metadataCaughtUp() {
    try {
      metadata.listLinearizable().get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /**
   * Brings back a replica whose division shut down for good (CLOSED) while this node should host it. Ratis closes
   * a division by itself when its log worker fails (seen in the chaos suite: a stale append from a deposed leader
   * raced an install of a newer snapshot on a minority follower), and never opens it again.
   * <ul>
   *   <li>A replica that holds data is reopened from what it stored, as a restart would (Ratis recovers the
   *       snapshot and the log, then the leader fills in the rest): nothing is deleted.</li>
   *   <li>A replica that can lose nothing by deletion is re-created empty (with the members as peers, or none when
   *       being added) and catches up from the leader: one that applied nothing (re-created after its data was
   *       wiped and restarted before it received anything, it has no configuration in its log, so Ratis starts it
   *       with no peers and it closes at its first election; seen in the chaos mix), or a leftover of an earlier
   *       membership on the node being added (it closed itself on learning it is not in the configuration; the
   *       members hold everything committed; seen in MembershipEndToEndTest).</li>
   * </ul>
   */
  private void recoverIfClosed(RaftGroupId gid, ReplicaSet set) {
    if (!raft.isClosed(gid)) {
      return;
    }
    boolean leftover = raft.nodeId().equals(set.adding());
    if (!leftover && !isEmptyReplica.test(gid)) {
      reopenClosed(gid, set);
      return;
    }
    LOG.warn("group {} is closed here and {}: re-creating it", gid,
        leftover ? "is a leftover of an earlier membership" : "holds nothing (restarted before it caught up?)");
    try {
      raft.removeGroup(gid);
      onRemoved.accept(gid);
      raft.addGroup(RaftGroup.valueOf(gid, initialPeers(set)));
      LOG.info("re-created partition group {}", gid);
    } catch (Exception e) {
      LOG.warn("re-creating group {} failed, will retry: {}", gid, e.toString());
    }
  }

  private void reopenClosed(RaftGroupId gid, ReplicaSet set) {
    LOG.warn("group {} shut down here by itself (see the Ratis errors above): reopening it from its stored data", gid);
    try {
      raft.closeGroupKeepingData(gid);
      raft.reopenGroup(RaftGroup.valueOf(gid, initialPeers(set)));
      LOG.info("reopened partition group {} from its stored data", gid);
    } catch (Exception e) {
      LOG.warn("reopening group {} failed, will retry: {}", gid, e.toString());
    }
  }

  /** Removes a replica for good, open or quiescent, then its state (Ratis leaves the state to us). */
  private void removeQuietly(RaftGroupId gid, Set<RaftGroupId> hosted) {
    try {
      if (hosted.contains(gid)) {
        raft.removeGroup(gid);
        LOG.info("removed partition group {}: no longer placed here", gid);
      } else if (raft.isStoredClosed(gid)) {
        raft.deleteStoredGroup(gid);
        LOG.info("deleted quiescent partition group {}: no longer placed here", gid);
      }
      onRemoved.accept(gid);
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

  /** The partition groups whose replica set names this node, with that set. */
  private Map<RaftGroupId, ReplicaSet> desiredGroups() {
    Map<RaftGroupId, ReplicaSet> out = new TreeMap<>((a, b) -> a.getUuid().compareTo(b.getUuid()));
    String self = raft.nodeId();
    for (QueueDefinition q : metadata.localQueues()) {
      for (int p = 0; p < q.partitions(); p++) {
        ReplicaSet set = directory.replicaSet(q, p);
        if (set.names(self)) {
          out.put(GroupIds.partition(q.name(), q.createIndex(), p), set);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
  }
}
