package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import io.raftq.chaos.workload.Workload;
import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** What nemeses act on: the cluster, and a way to find partition leaders. */
public final class NemesisContext implements AutoCloseable {
  /** How long a restarted node may take to open its client port. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** Entries a replica may trail the most advanced one by and still count as caught up (writes go on). */
  static final long CAUGHT_UP_LAG = 200;
  /** How long a fault aimed at a leader waits for one to be known. */
  static final Duration LEADER_SEARCH = Duration.ofSeconds(10);
  /** The reason of a leader fault that found no leader to hit. */
  static final String NO_LEADER = "no running partition leader known within " + LEADER_SEARCH.toSeconds() + " s";

  private final ChaosCluster cluster;
  private final String queue;
  private final int partitions;
  private final RaftqClient admin;

  public NemesisContext(ChaosCluster cluster, String queue, int partitions) {
    this.cluster = cluster;
    this.queue = queue;
    this.partitions = partitions;
    this.admin = RaftqClient.connect(ClientConfig.of(cluster.clientAddresses()));
  }

  public ChaosCluster cluster() {
    return cluster;
  }

  /** A client of the whole cluster, for nemeses that administer it. */
  RaftqClient admin() {
    return admin;
  }

  /**
   * A running, unpaused node leading a random partition of the queue, as the cluster reports it; asked again for
   * up to {@link #LEADER_SEARCH} while none is known (mid-election). Empty when none was found: a fault aimed at a
   * leader then does nothing rather than hit some other node.
   */
  OptionalInt leader(SplittableRandom random) throws InterruptedException {
    long deadline = System.nanoTime() + LEADER_SEARCH.toNanos();
    while (true) {
      List<Integer> leaders = new ArrayList<>();
      for (String id : Workload.leaders(admin, queue)) {
        if (id != null && isRunning(cluster.indexOf(id))) {
          leaders.add(cluster.indexOf(id));
        }
      }
      if (!leaders.isEmpty()) {
        return OptionalInt.of(leaders.get(random.nextInt(leaders.size())));
      }
      if (System.nanoTime() > deadline) {
        return OptionalInt.empty();
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /** A random member that runs and is not paused, or empty when none does (a kill or pause would change nothing). */
  OptionalInt runningNode(SplittableRandom random) {
    List<Integer> running = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      if (isRunning(n)) {
        running.add(n);
      }
    }
    return running.isEmpty() ? OptionalInt.empty() : OptionalInt.of(running.get(random.nextInt(running.size())));
  }

  private boolean isRunning(int n) {
    return n >= 0 && n < cluster.size() && cluster.isMember(n) && cluster.isAlive(n) && !cluster.isPaused(n);
  }

  /**
   * A random member: never a spare that has not joined (healing would start it, joining it early) nor a node a
   * membership change retired.
   */
  int randomNode(SplittableRandom random) {
    List<Integer> members = new ArrayList<>();
    for (int n = 0; n < cluster.size(); n++) {
      if (cluster.isMember(n)) {
        members.add(n);
      }
    }
    return members.isEmpty() ? random.nextInt(cluster.size()) : members.get(random.nextInt(members.size()));
  }

  /**
   * Whether every node serves every partition of the queue within {@link #CAUGHT_UP_LAG} entries of the most
   * advanced replica (so it knows the queue, hosts the group and holds nearly all of it), waiting up to {@code
   * limit}. Destroying one replica's data is survivable only while the others hold everything: a wipe while an
   * earlier wiped node is still catching up destroys a majority's copy, which no Raft survives.
   */
  boolean awaitAllReplicasCaughtUp(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!allReplicasCaughtUp()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    return true;
  }

  private boolean allReplicasCaughtUp() {
    return laggards().isEmpty();
  }

  /**
   * The members whose replica of some partition of the queue trails the most advanced replica by more than {@link
   * #CAUGHT_UP_LAG} entries, or does not answer (down, paused, or not hosting the partition yet): the nodes still
   * catching up, whose data is not all theirs yet.
   */
  Set<Integer> laggards() {
    Set<Integer> behind = new TreeSet<>();
    for (int p = 0; p < partitions; p++) {
      Map<Integer, Long> applied = new HashMap<>();
      for (int n = 0; n < cluster.size(); n++) {
        if (cluster.isMember(n)) {
          applied.put(n, appliedIndex(n, p));
        }
      }
      long max = applied.values().stream().mapToLong(Long::longValue).max().orElse(-1);
      applied.forEach((n, index) -> {
        if (index < 0 || max - index > CAUGHT_UP_LAG) {
          behind.add(n);
        }
      });
    }
    return behind;
  }

  /** Node {@code n}'s applied index of partition {@code p}, or -1 when it does not answer. */
  private long appliedIndex(int n, int p) {
    try {
      return admin.admin().partitionStatus(cluster.clientAddress(n), queue, p).get(5, TimeUnit.SECONDS)
          .appliedIndex();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  /** Starts node {@code n} again (if it is down) and waits until it listens. */
  void restart(int n) throws InterruptedException {
    if (cluster.isRetired(n)) {
      return;
    }
    cluster.start(n);
    cluster.awaitListening(n, START_TIMEOUT);
  }

  @Override
  public void close() {
    admin.close();
  }
}
