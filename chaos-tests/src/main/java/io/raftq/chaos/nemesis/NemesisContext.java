package io.raftq.chaos.nemesis;

import io.raftq.chaos.cluster.ChaosCluster;
import io.raftq.chaos.workload.Workload;
import io.raftq.client.ClientConfig;
import io.raftq.client.RaftqClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What nemeses act on: the cluster, and a way to find partition leaders. */
public final class NemesisContext implements AutoCloseable {
  /** How long a restarted node may take to open its client port. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ChaosCluster cluster;
  private final String queue;
  private final RaftqClient admin;

  public NemesisContext(ChaosCluster cluster, String queue) {
    this.cluster = cluster;
    this.queue = queue;
    this.admin = RaftqClient.connect(ClientConfig.of(cluster.clientAddresses()));
  }

  public ChaosCluster cluster() {
    return cluster;
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

  int randomNode(SplittableRandom random) {
    return random.nextInt(cluster.size());
  }

  /** Starts node {@code n} again (if it is down) and waits until it listens. */
  void restart(int n) throws InterruptedException {
    cluster.start(n);
    cluster.awaitListening(n, START_TIMEOUT);
  }

  @Override
  public void close() {
    admin.close();
  }
}
