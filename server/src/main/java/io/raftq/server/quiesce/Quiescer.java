package io.raftq.server.quiesce;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.PartitionReplica;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds, closes the partition groups that {@link QuiescePolicy} finds idle, and on the groups this
 * node leads, re-opens followers that have been silent for long (they may have closed themselves while the group
 * was leaderless, and would otherwise stay out of it until it next wakes).
 */
public final class Quiescer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Quiescer.class);
  /**
   * Groups closed per pass at most, {@value #CLOSERS} at a time: closing one takes a Ratis division shutdown here
   * and admin calls to every follower (most of a second on the 2-core machine).
   */
  static final int MAX_CLOSES_PER_PASS = 64;
  static final int CLOSERS = 4;
  /** A follower silent this long is asked to open its replica (at most once a minute). */
  static final long SILENT_FOLLOWER_MS = 10_000;

  private final RaftNode raft;
  private final MetadataService metadata;
  private final ClusterDirectory directory;
  private final PartitionReplicas replicas;
  private final PartitionWaker waker;
  private final QuiescePolicy policy;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("quiescer"));
  private final Map<String, Long> lastFollowerWake = new java.util.HashMap<>();
  private final java.util.concurrent.ExecutorService closers =
      Executors.newFixedThreadPool(CLOSERS, DaemonThreads.named("quiesce-close"));

  public Quiescer(RaftNode raft, MetadataService metadata, ClusterDirectory directory, PartitionReplicas replicas,
      PartitionWaker waker, QuiescePolicy policy) {
    this.raft = raft;
    this.metadata = metadata;
    this.directory = directory;
    this.replicas = replicas;
    this.waker = waker;
    this.policy = policy;
  }

  public void start(long everyMs) {
    timer.scheduleWithFixedDelay(this::passSafely, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  private void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      LOG.warn("quiesce pass failed: {}", e.toString());
    }
  }

  private void pass() {
    List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
    long now = System.nanoTime();
    for (Map.Entry<RaftGroupId, ReplicaSet> e : partitionsHere().entrySet()) {
      RaftGroupId gid = e.getKey();
      ReplicaSet set = e.getValue();
      PartitionReplica replica = replicas.get(gid).orElse(null);
      if (replica == null) {
        continue;
      }
      RaftNode.LeaderView view = raft.leaderOf(gid);
      QuiescePolicy.Decision decision = policy.decide(new QuiescePolicy.View(
          replica.idleMs(now), view.isLeader() && view.isLeaderReady(), view.leaderId() != null,
          !replica.waiters().isEmpty(), replica.logic().stats().deadLettersPending() > 0, moving(gid, set),
          view.isLeader() && raft.followersHoldWholeLog(gid)));
      if (decision != QuiescePolicy.Decision.STAY_OPEN && closing.size() < MAX_CLOSES_PER_PASS) {
        boolean wholeGroup = decision == QuiescePolicy.Decision.CLOSE_GROUP;
        closing.add(closers.submit(() -> close(gid, set, replica, wholeGroup)));
      } else if (view.isLeader()) {
        reopenSilentFollowers(gid, set);
      }
    }
    for (java.util.concurrent.Future<?> f : closing) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("closing a quiescent partition failed: {}", e.getCause().toString());
      }
    }
  }

  /** A move (a node being added, or voters that differ from the set) needs the group open until it is done. */
  private boolean moving(RaftGroupId gid, ReplicaSet set) {
    if (set.adding() != null) {
      return true;
    }
    List<String> voters = raft.voters(gid).stream().map(p -> p.getId().toString()).sorted().toList();
    return !voters.equals(set.members().stream().sorted().toList());
  }

  private void close(RaftGroupId gid, ReplicaSet set, PartitionReplica replica, boolean wholeGroup) {
    if (wholeGroup) {
      for (String node : set.members()) {
        if (node.equals(raft.nodeId())) {
          continue;
        }
        List<RaftPeer> peer = directory.peers(List.of(node));
        try {
          if (!peer.isEmpty()) {
            raft.closeRemoteKeepingData(gid, peer.get(0));
          }
        } catch (Exception ex) {
          // A follower that is down closes itself when it comes back and finds no leader.
          LOG.debug("closing {} on {} failed: {}", set.key(), node, ex.toString());
        }
      }
    }
    try {
      if (!raft.groupIds().contains(gid)) {
        replicas.forget(gid, replica); // closed meanwhile by its leader's pass
        return;
      }
      raft.closeGroupKeepingData(gid);
      replicas.forget(gid, replica);
      LOG.info("partition {} is quiescent {} (idle {} s)", set.key(), wholeGroup ? "on all replicas" : "here",
          replica.idleMs(System.nanoTime()) / 1000);
    } catch (Exception ex) {
      LOG.warn("closing quiescent partition {} failed: {}", set.key(), ex.toString());
    }
  }

  private void reopenSilentFollowers(RaftGroupId gid, ReplicaSet set) {
    List<String> silent = new ArrayList<>();
    raft.followerSilenceMs(gid).forEach((node, ms) -> {
      if (ms > SILENT_FOLLOWER_MS && set.members().contains(node)) {
        silent.add(node);
      }
    });
    long now = System.currentTimeMillis();
    for (String node : silent) {
      String key = gid + "/" + node;
      Long last = lastFollowerWake.get(key);
      if (last == null || now - last > 60_000) {
        lastFollowerWake.put(key, now);
        waker.wake(gid, set, List.of(node), "silent follower");
      }
    }
  }

  /** The partitions whose replica set names this node, with the set, in group id order. */
  private Map<RaftGroupId, ReplicaSet> partitionsHere() {
    Map<RaftGroupId, ReplicaSet> out = new TreeMap<>((a, b) -> a.getUuid().compareTo(b.getUuid()));
    String self = raft.nodeId();
    for (QueueDefinition q : metadata.localQueues()) {
      for (int p = 0; p < q.partitions(); p++) {
        ReplicaSet set = directory.replicaSet(q, p);
        if (set.members().contains(self)) {
          out.put(GroupIds.partition(q.name(), q.createIndex(), p), set);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    closers.shutdownNow();
  }
}
