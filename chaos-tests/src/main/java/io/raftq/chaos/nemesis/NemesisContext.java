package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import io.raftq.chaos.workload.Workload;
import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** What nemeses act on: the cluster, and a way to find partition leaders. */
public final class NemesisContext implements AutoCloseable {
  /** How long a restarted node may take to open its client port. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** Entries a replica may trail the most advanced one by and still count as caught up (writes go on). */
  static final long CAUGHT_UP_LAG = 200;

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
   * The node leading a random partition of the queue, as the cluster reports it; a random running node when no
   * leader is known (mid-election), so that the fault still happens.
   */
  int leaderOrRandom(SplittableRandom random) {
    List<String> leaders = new ArrayList<>(Workload.leaders(admin, queue));
    leaders.removeIf(l -> l == null);
    if (!leaders.isEmpty()) {
      return cluster.indexOf(leaders.get(random.nextInt(leaders.size())));
    }
    return randomNode(random);
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
    for (int p = 0; p < partitions; p++) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (String address : cluster.clientAddresses()) {
        try {
          long applied = admin.admin().partitionStatus(address, queue, p).get(5, TimeUnit.SECONDS).appliedIndex();
          min = Math.min(min, applied);
          max = Math.max(max, applied);
        } catch (Exception e) {
          return false;
        }
      }
      if (max - min > CAUGHT_UP_LAG) {
        return false;
      }
    }
    return true;
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
