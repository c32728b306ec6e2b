package io.raftq.server.membership;

import io.raftq.raft.GroupIds;
import io.raftq.raft.RaftNode;
import io.raftq.server.DaemonThreads;
import io.raftq.server.metadata.MetadataService;
import io.raftq.statemachine.metadata.ClusterLayout;
import io.raftq.statemachine.metadata.MetadataCommand;
import io.raftq.statemachine.metadata.MetadataLogic;
import io.raftq.statemachine.metadata.ReplicaSet;
import io.raftq.raft.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the metadata leader only: registers the seed nodes when none are registered, keeps the metadata group's
 * voters and listeners as {@link MetadataRoles} chooses them from the registered nodes, and carries out {@link MovePlanner}'s steps, a few groups at a time. Every
 * step is idempotent (it sets a configuration, then compare-and-sets the replica set), so a step cut short by a
 * crash or a change of metadata leader is simply planned and run again.
 */
public final class ReplicaMover implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaMover.class);
  /** Groups changing at once: each change may copy a snapshot to the new replica. */
  static final int MOVES_IN_FLIGHT = 2;

  private final RaftNode raft;
  private final MetadataService metadata;
  private final ClusterDirectory directory;
  /** A node silent this long (as the metadata leader sees it) has its replicas re-created elsewhere. */
  private final java.time.Duration replaceDownAfter;
  /** Opens a quiescent partition: a membership change needs its group running (the step retries meanwhile). */
  private final java.util.function.BiConsumer<RaftGroupId, ReplicaSet> wake;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("replica-mover"));
  private final ExecutorService moves = Executors.newFixedThreadPool(MOVES_IN_FLIGHT, DaemonThreads.named("replica-move"));

  public ReplicaMover(RaftNode raft, MetadataService metadata, ClusterDirectory directory,
      java.time.Duration replaceDownAfter, java.util.function.BiConsumer<RaftGroupId, ReplicaSet> wake) {
    this.wake = wake;
    this.raft = raft;
    this.metadata = metadata;
    this.directory = directory;
    this.replaceDownAfter = replaceDownAfter;
  }

  public void start(long periodMs) {
    loop.scheduleWithFixedDelay(this::pass, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private void pass() {
    try {
      RaftNode.LeaderView view = raft.leaderOf(GroupIds.METADATA);
      if (!view.isLeader() || !view.isLeaderReady()) {
        return;
      }
      ClusterLayout layout = directory.layout();
      if (layout.nodes().isEmpty()) {
        registerSeeds();
        return;
      }
      Set<String> down = downTooLong();
      if (!alignMetadataRoles(layout, down)) {
        return; // one membership change at a time; partition moves wait for the metadata group to settle
      }
      int free = MOVES_IN_FLIGHT - busy.size();
      if (free <= 0) {
        return;
      }
      for (MovePlanner.Step step :
          MovePlanner.plan(layout.without(down), metadata.localQueues(), directory.seedIds(), busy, free)) {
        busy.add(step.current().key());
        moves.execute(() -> {
          try {
            run(step);
          } catch (Exception e) {
            LOG.info("move step {} {} of {} did not complete (will retry): {}", step.kind(), step.node(),
                step.current().key(), e.toString());
          } finally {
            busy.remove(step.current().key());
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("replica mover pass failed: {}", e.toString());
    }
  }

  /**
   * Nodes that have not answered the metadata leader for {@link #replaceDownAfter}: placement leaves them out, so
   * their replicas are re-created on the others (and come back when they answer again). Logged when it changes.
   */
  private Set<String> downTooLong() {
    Set<String> down = new java.util.TreeSet<>();
    raft.followerSilenceMs(GroupIds.METADATA).forEach((node, ms) -> {
      if (ms >= replaceDownAfter.toMillis()) {
        down.add(node);
      }
    });
    if (!down.equals(lastDown)) {
      if (!down.isEmpty()) {
        LOG.warn("nodes {} have not answered for {}: re-creating their replicas elsewhere", down, replaceDownAfter);
      }
      lastDown = down;
    }
    return down;
  }

  private Set<String> lastDown = Set.of();

  /** One entry for all seeds; the others' zones are filled in as each registers itself (SelfRegistration). */
  private void registerSeeds() {
    List<MetadataCommand.RegisterNode> seeds = new ArrayList<>();
    for (Member m : directory.seeds().all()) {
      String zone = m.id().equals(raft.nodeId()) ? directory.ownZone() : "";
      seeds.add(new MetadataCommand.RegisterNode(m.id(), m.raftAddress().toString(), m.clientAddress().toString(), zone));
    }
    write(new MetadataCommand.RegisterSeeds(seeds));
    LOG.info("registered the seed nodes {}", directory.seedIds());
  }

  /**
   * Moves the metadata group's voters and listeners one step towards {@link MetadataRoles}' choice. Returns true
   * when they already match it.
   */
  private boolean alignMetadataRoles(ClusterLayout layout, Set<String> down) {
    List<RaftPeer> voters = raft.voters(GroupIds.METADATA);
    List<RaftPeer> listeners = raft.listeners(GroupIds.METADATA);
    MetadataRoles.Roles current = new MetadataRoles.Roles(ids(voters), ids(listeners));
    MetadataRoles.Roles next = MetadataRoles.next(current, layout.nodes(), down);
    if (next == null) {
      return true;
    }
    try {
      if (current.voters().contains(raft.nodeId()) && !next.voters().contains(raft.nodeId())) {
        // Ratis 3.3.0 deadlocks a leader that loses its vote while writes arrive: hand the group over first.
        String to = next.voters().stream().filter(current.voters()::contains).findFirst().orElseThrow();
        LOG.info("handing the metadata group to {} before this node stops voting in it", to);
        raft.transferLeadership(GroupIds.METADATA, voters, to);
        return false;
      }
      LOG.info("metadata group voters {} listeners {} -> voters {} listeners {}", current.voters(),
          current.listeners(), next.voters(), next.listeners());
      List<RaftPeer> known = new ArrayList<>(voters);
      known.addAll(listeners);
      known.addAll(directory.peers(next.voters()));
      known.addAll(directory.peers(next.listeners()));
      raft.setConfiguration(GroupIds.METADATA, directory.peers(next.voters()), directory.peers(next.listeners()),
          distinct(known));
    } catch (Exception e) {
      LOG.info("changing the metadata group to {} did not complete (will retry): {}", next, e.toString());
    }
    return false;
  }

  private static List<String> ids(List<RaftPeer> peers) {
    return peers.stream().map(p -> p.getId().toString()).toList();
  }

  private void run(MovePlanner.Step step) throws Exception {
    ReplicaSet cur = step.current();
    RaftGroupId gid = GroupIds.partition(cur.queue(), cur.createIndex(), cur.partition());
    List<String> members = cur.members();
    if (step.kind() != MovePlanner.Kind.RECORD) {
      wake.accept(gid, cur);
    }
    switch (step.kind()) {
      case RECORD -> setReplicas(cur, null, members, null);
      case ADD -> {
        if (!step.node().equals(cur.adding())) {
          setReplicas(cur, members, members, step.node()); // the new node creates its empty replica first
          return;
        }
        List<String> grown = new ArrayList<>(members);
        grown.add(step.node());
        LOG.info("adding {} to {} ({})", step.node(), cur.key(), members);
        raft.setConfiguration(gid, directory.peers(grown), directory.peers(grown));
        setReplicas(cur, members, grown, null);
        LOG.info("{} now on {}", cur.key(), grown);
      }
      case CANCEL_ADD -> {
        raft.setConfiguration(gid, directory.peers(members), directory.peers(cur.hosts()));
        setReplicas(cur, members, members, null);
      }
      case REMOVE -> {
        List<String> shrunk = new ArrayList<>(members);
        shrunk.remove(step.node());
        if (handOverFirst(gid, step.node(), members, shrunk.get(0))) {
          return; // the next pass removes it, as a follower
        }
        LOG.info("removing {} from {} ({})", step.node(), cur.key(), members);
        raft.setConfiguration(gid, directory.peers(shrunk), directory.peers(members));
        setReplicas(cur, members, shrunk, null);
        LOG.info("{} now on {}", cur.key(), shrunk);
      }
    }
  }

  /**
   * A leader must not be removed from its own group: Ratis 3.3.0 then closes the division while holding its lock,
   * waiting for the client executor whose write is waiting for that lock, and the division (with the caller's
   * thread) hangs for good (seen in MembershipEndToEndTest). So a leaving leader first hands leadership over.
   * Returns true when it did.
   */
  private boolean handOverFirst(RaftGroupId gid, String leaving, List<String> members, String to) throws Exception {
    List<RaftPeer> peer = directory.peers(List.of(leaving));
    if (peer.isEmpty() || !raft.leadsGroup(gid, peer.get(0))) {
      return false;
    }
    LOG.info("{} leads {}: handing it to {} before removing it", leaving, gid, to);
    raft.transferLeadership(gid, directory.peers(members), to);
    return true;
  }

  private void setReplicas(ReplicaSet cur, List<String> expected, List<String> members, String adding) {
    write(new MetadataCommand.SetReplicas(cur.queue(), cur.createIndex(), cur.partition(), expected, members, adding));
  }

  private void write(MetadataCommand command) {
    MetadataLogic.Outcome outcome = metadata.write(command).join().outcome();
    if (outcome != MetadataLogic.Outcome.OK) {
      throw new IllegalStateException(command.getClass().getSimpleName() + " answered " + outcome);
    }
  }

  private static List<RaftPeer> distinct(List<RaftPeer> peers) {
    List<RaftPeer> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (RaftPeer p : peers) {
      if (seen.add(p.getId().toString())) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void close() {
    loop.shutdownNow();
    moves.shutdownNow();
  }
}
