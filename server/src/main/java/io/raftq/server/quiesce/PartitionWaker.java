package io.raftq.server.quiesce;

import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.membership.ClusterDirectory;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a quiescent partition again on every replica of its set: this node's from its stored data, the others'
 * through Ratis' group management (add without format: they recover what they stored). Runs off the caller's
 * thread (the calls block) and at most once per {@value #MIN_GAP_MS} ms per partition, so a burst of requests
 * for a waking partition costs one wake.
 */
public final class PartitionWaker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionWaker.class);
  static final long MIN_GAP_MS = 2_000;

  private final RaftNode raft;
  private final ClusterDirectory directory;
  /**
   * Wakes run {@value #WAKERS} at a time: a burst of traffic after a quiet spell wakes many partitions at once, and
   * each wake waits on several nodes.
   */
  static final int WAKERS = 8;
  private final ExecutorService worker = Executors.newFixedThreadPool(WAKERS, DaemonThreads.named("partition-waker"));
  private final Map<String, Long> lastWakeNanos = new ConcurrentHashMap<>();
  private final java.util.Set<String> inProgress = ConcurrentHashMap.newKeySet();

  public PartitionWaker(RaftNode raft, ClusterDirectory directory) {
    this.raft = raft;
    this.directory = directory;
  }

  /** Opens every replica of the partition (soon, in the background). */
  public void wake(RaftGroupId gid, ReplicaSet set) {
    wake(gid, set, set.members(), "requested");
  }

  /** Opens the replicas of {@code nodes} only (a follower that closed itself while its group stayed open). */
  public void wake(RaftGroupId gid, ReplicaSet set, List<String> nodes, String why) {
    long now = System.nanoTime();
    String key = gid + "/" + nodes;
    Long last = lastWakeNanos.get(key);
    if (last != null && now - last < TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MS)) {
      return;
    }
    if (!inProgress.add(key)) {
      return;
    }
    lastWakeNanos.put(key, now);
    worker.execute(() -> {
      try {
        wakeNow(gid, set, nodes, why);
      } finally {
        inProgress.remove(key);
      }
    });
  }

  private void wakeNow(RaftGroupId gid, ReplicaSet set, List<String> nodes, String why) {
    long t0 = System.nanoTime();
    RaftGroup group = RaftGroup.valueOf(gid, directory.peers(set.members()));
    for (String node : nodes) {
      try {
        if (node.equals(raft.nodeId())) {
          if (raft.isStoredClosed(gid)) {
            raft.reopenGroup(group);
          }
        } else {
          List<RaftPeer> peer = directory.peers(List.of(node));
          if (!peer.isEmpty()) {
            raft.reopenRemote(group, peer.get(0));
          }
        }
      } catch (Exception e) {
        LOG.debug("waking {} on {} failed: {}", set.key(), node, e.toString());
      }
    }
    LOG.info("woke partition {} on {} ({}) in {} ms", set.key(), nodes, why,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
