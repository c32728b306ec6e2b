package io.raftq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import io.raftq.protocol.QueueInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
  private static final List<NodeInfo> NODES = List.of(new NodeInfo("n1", "h:1"), new NodeInfo("n2", "h:2"),
      new NodeInfo("n3", "h:3"));
  private static final List<String> ALL = List.of("n1", "n2", "n3");

  private static QueueDescription queue(String name, String... leaders) {
    List<PartitionInfo> partitions = new java.util.ArrayList<>();
    for (int p = 0; p < leaders.length; p++) {
      partitions.add(new PartitionInfo(p, leaders[p], leaders[p] == null ? null : "h", ALL, 0, 0, 0, 0));
    }
    return new QueueDescription(new QueueInfo(name, leaders.length, 30_000, 0, 0), partitions);
  }

  private static Map<String, ClusterHealth.Probe> answered(String... nodes) {
    Map<String, ClusterHealth.Probe> out = new java.util.HashMap<>();
    for (String n : nodes) {
      out.put(n, ClusterHealth.Probe.ANSWERED);
    }
    return out;
  }

  @Test
  void everyReplicaAnsweringAndEveryPartitionLedIsHealthy() {
    ClusterHealth h = ClusterHealth.of(NODES, Set.of("n1", "n2", "n3"), List.of(queue("q", "n1", "n2")),
        Map.of("q/0", answered("n1", "n2", "n3"), "q/1", answered("n1", "n2", "n3")));
    assertThat(h.healthy()).isTrue();
    assertThat(h.nodes).extracting(ClusterHealth.NodeRow::replicas).containsExactly(2, 2, 2);
    assertThat(h.nodes).extracting(ClusterHealth.NodeRow::leaders).containsExactly(1, 1, 0);
    assertThat(h.summary()).isEqualTo("cluster healthy: 3 of 3 nodes up; 2 partitions, each with a leader and every"
        + " replica answering");
  }

  @Test
  void aDownNodeAMissingReplicaAndALeaderlessPartitionAreEachReported() {
    Map<String, ClusterHealth.Probe> missingOnN2 = answered("n1");
    missingOnN2.put("n2", ClusterHealth.Probe.MISSING);
    ClusterHealth h = ClusterHealth.of(NODES, Set.of("n1", "n2"), List.of(queue("q", "n1", null)),
        Map.of("q/0", missingOnN2, "q/1", answered("n1", "n2")));
    assertThat(h.healthy()).isFalse();
    assertThat(h.problems).extracting(ClusterHealth.Problem::what).containsExactly(
        "replica on n2 missing (the node answers but does not host it)",
        "replica on n3 not answering (node down)",
        "no leader",
        "replica on n3 not answering (node down)");
    assertThat(h.nodes.get(2).up()).isFalse();
    assertThat(h.summary()).startsWith("cluster DEGRADED: 2 of 3 nodes up; 4 problem(s) in 2 partitions");
  }

  @Test
  void aQuiescentPartitionIsNotAProblemButAQuiescentReplicaOfALedOneStillCountsAsPresent() {
    Map<String, ClusterHealth.Probe> quiet = new java.util.HashMap<>();
    ALL.forEach(n -> quiet.put(n, ClusterHealth.Probe.QUIESCENT));
    Map<String, ClusterHealth.Probe> oneStillClosed = answered("n1", "n2");
    oneStillClosed.put("n3", ClusterHealth.Probe.QUIESCENT);
    ClusterHealth h = ClusterHealth.of(NODES, Set.of("n1", "n2", "n3"), List.of(queue("q", null, "n1")),
        Map.of("q/0", quiet, "q/1", oneStillClosed));
    assertThat(h.healthy()).isTrue();
    assertThat(h.quiescent).isEqualTo(1);
    assertThat(h.nodes).extracting(ClusterHealth.NodeRow::replicas).containsExactly(2, 2, 2);
    assertThat(h.summary()).isEqualTo("cluster healthy: 3 of 3 nodes up; 2 partitions, each with a leader and every"
        + " replica answering (1 quiescent: idle, they open on the next request)");
  }

  @Test
  void aLeaderlessPartitionWithoutAnyQuiescentReplicaIsStillAProblem() {
    ClusterHealth h = ClusterHealth.of(NODES, Set.of("n1", "n2", "n3"), List.of(queue("q", (String) null)),
        Map.of("q/0", answered("n1", "n2", "n3")));
    assertThat(h.healthy()).isFalse();
    assertThat(h.quiescent).isZero();
    assertThat(h.problems).extracting(ClusterHealth.Problem::what).containsExactly("no leader");
  }
}
