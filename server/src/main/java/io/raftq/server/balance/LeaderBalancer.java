package io.raftq.server.balance;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node, every {@value #PERIOD_S} s: hands at most one partition it leads to a less loaded replica
 * ({@link LeaderBalance}) with a Ratis leadership transfer, so that after a restart or a move the leaders spread
 * out again. No priorities are set: a transfer names its target, and the group keeps electing freely on failures.
 */
public final class LeaderBalancer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderBalancer.class);
  static final long PERIOD_S = 10;
  /** A follower that answered its leader within this is a fit target. */
  static final long RESPONSIVE_MS = 2_000;
  /** Entries a target may lack behind the commit index. */
  static final long CAUGHT_UP_LAG = 50;

  private final RaftNode raft;
  /** The queue a partition group belongs to, or null (not known here yet). */
  private final java.util.function.Function<RaftGroupId, String> queueOf;
  /** Whether a node may be handed leaderships (a draining node may not: it is about to lose its replicas). */
  private final java.util.function.Predicate<String> mayLead;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("leader-balancer"));

  public LeaderBalancer(RaftNode raft, java.util.function.Function<RaftGroupId, String> queueOf,
      java.util.function.Predicate<String> mayLead) {
    this.raft = raft;
    this.queueOf = queueOf;
    this.mayLead = mayLead;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::pass, PERIOD_S, PERIOD_S, TimeUnit.SECONDS);
  }

  private void pass() {
    try {
      List<LeaderBalance.Group> groups = new ArrayList<>();
      for (RaftGroupId gid : raft.groupIds()) {
        String queue = queueOf.apply(gid);
        if (gid.equals(GroupIds.METADATA) || queue == null) {
          continue;
        }
        RaftNode.LeaderView view = raft.leaderOf(gid);
        List<String> voters = raft.voters(gid).stream().map(p -> p.getId().toString()).toList();
        if (voters.isEmpty()) {
          continue;
        }
        Set<String> responsive = new HashSet<>();
        if (view.isLeader() && view.isLeaderReady()) {
          // Only a follower that holds (nearly) the whole log: handing leadership to one still catching up
          // stalls writes while Ratis waits for it, and the transfer may time out.
          for (String id : raft.caughtUpFollowers(gid, RESPONSIVE_MS, CAUGHT_UP_LAG)) {
            if (mayLead.test(id)) {
              responsive.add(id);
            }
          }
        }
        groups.add(new LeaderBalance.Group(gid.getUuid().toString(), queue, view.leaderId(), voters, responsive));
      }
      Optional<LeaderBalance.Transfer> t = LeaderBalance.next(raft.nodeId(), groups);
      if (t.isPresent()) {
        RaftGroupId gid = RaftGroupId.valueOf(java.util.UUID.fromString(t.get().groupId()));
        List<RaftPeer> peers = raft.voters(gid);
        LOG.info("leader balance: handing {} to {}", gid, t.get().to());
        raft.transferLeadership(gid, peers, t.get().to());
      }
    } catch (Exception e) {
      LOG.info("leader balance pass did not complete: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
