package io.raftq.server.balance;

import io.raftq.raft.ClusterMembers;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.metadata.MetadataService;
import io.raftq.server.partition.LedPartitions;
import io.raftq.server.partition.PartitionReplicas;
import io.raftq.statemachine.placement.LeaderPreference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds, hands each partition this node leads but does not prefer (see {@link LeaderPreference}) to its
 * preferred replica, when that replica answers heartbeats. Ratis would yield by itself to the higher-priority
 * replica, but only once it matches the leader's last entry exactly, which a partition under steady load never
 * allows; an explicit transfer makes the leader wait for it. A few transfers per pass, so a node that comes back
 * gets its share within a minute without a burst of elections.
 */
public final class LeaderBalancer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderBalancer.class);
  private static final int TRANSFERS_PER_PASS = 4;
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(3);
  /** A replica that answered a heartbeat this recently is taken to be up. */
  private static final long ALIVE_MS = 1_000;

  private final MetadataService metadata;
  private final RaftNode raft;
  private final PartitionReplicas replicas;
  private final ClusterMembers members;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("leader-balancer"));

  public LeaderBalancer(MetadataService metadata, RaftNode raft, PartitionReplicas replicas, ClusterMembers members) {
    this.metadata = metadata;
    this.raft = raft;
    this.replicas = replicas;
    this.members = members;
  }

  public void start(Duration every) {
    timer.scheduleWithFixedDelay(this::pass, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pass() {
    try {
      List<RaftGroupId> toMove = new ArrayList<>();
      List<String> targets = new ArrayList<>();
      LedPartitions.forEach(metadata, raft, replicas, q -> true, (q, p, gid, replica) -> {
        String preferred = LeaderPreference.preferred(members.ids(), q.name(), p);
        if (toMove.size() < TRANSFERS_PER_PASS && !preferred.equals(raft.nodeId()) && isAlive(gid, preferred)
            && prefersByPriority(gid, preferred)) {
          toMove.add(gid);
          targets.add(preferred);
        }
      });
      for (int i = 0; i < toMove.size(); i++) {
        try {
          raft.transferLeadership(toMove.get(i), targets.get(i), TRANSFER_TIMEOUT);
          LOG.info("handed leadership of {} to its preferred replica {}", toMove.get(i), targets.get(i));
        } catch (Exception e) {
          LOG.debug("handing {} to {} did not happen: {}", toMove.get(i), targets.get(i), e.toString());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("leader balance pass failed: {}", e.toString());
    }
  }

  private boolean isAlive(RaftGroupId gid, String peer) {
    return raft.followerAnsweredWithin(gid, peer, ALIVE_MS);
  }

  /** Only groups created with priorities (older ones have none, and Ratis refuses transfers to equal peers). */
  private boolean prefersByPriority(RaftGroupId gid, String peer) {
    return raft.division(gid).map(d -> d.getGroup().getPeers().stream()
        .anyMatch(p -> p.getId().toString().equals(peer) && p.getPriority() > 0)).orElse(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
