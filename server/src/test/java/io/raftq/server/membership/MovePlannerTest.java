package io.raftq.server.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.server.membership.MovePlanner.Kind;
import io.raftq.server.membership.MovePlanner.Step;
import io.raftq.statemachine.metadata.ClusterLayout;
import io.raftq.statemachine.metadata.ClusterNode;
import io.raftq.statemachine.metadata.NodeState;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MovePlannerTest {
  private static final QueueDefinition Q = new QueueDefinition("q", 12, 30_000, 0, 0, 7);
  private static final List<String> SEEDS = List.of("n1", "n2", "n3");

  private static ClusterNode node(String id, NodeState state) {
    return new ClusterNode(id, "h:" + id, "c:" + id, "", state);
  }

  private static List<ReplicaSet> onSeeds() {
    List<ReplicaSet> sets = new ArrayList<>();
    for (int p = 0; p < Q.partitions(); p++) {
      sets.add(new ReplicaSet("q", 7, p, SEEDS, null));
    }
    return sets;
  }

  @Test
  void partitionsWithoutARecordAreRecordedOnTheSeedsFirst() {
    ClusterLayout layout = new ClusterLayout(List.of(node("n1", NodeState.ACTIVE)), List.of());
    List<Step> steps = MovePlanner.plan(layout, List.of(Q), SEEDS, Set.of(), 100);
    assertThat(steps).hasSize(12).allMatch(s -> s.kind() == Kind.RECORD && s.current().members().equals(SEEDS));
  }

  @Test
  void nothingMovesWhenEveryPartitionIsWherePlacementWantsIt() {
    List<ClusterNode> nodes = List.of(node("n1", NodeState.ACTIVE), node("n2", NodeState.ACTIVE),
        node("n3", NodeState.ACTIVE));
    assertThat(MovePlanner.plan(new ClusterLayout(nodes, onSeeds()), List.of(Q), SEEDS, Set.of(), 100)).isEmpty();
  }

  /** Runs the planner to a fixed point, applying each step as the mover would, and counts the changes. */
  @Test
  void aJoiningNodeGetsItsShareByAddingBeforeRemovingAndADrainedNodeEndsEmpty() {
    List<ClusterNode> nodes = new ArrayList<>(List.of(node("n1", NodeState.ACTIVE), node("n2", NodeState.ACTIVE),
        node("n3", NodeState.ACTIVE), node("n4", NodeState.ACTIVE)));
    Map<String, ReplicaSet> sets = new HashMap<>();
    onSeeds().forEach(s -> sets.put(s.key(), s));
    int adds = converge(nodes, sets);
    long onN4 = sets.values().stream().filter(s -> s.members().contains("n4")).count();
    assertThat(onN4).isBetween(8L, 12L); // 36 replicas over 4 nodes: 9 is the mean, the cap is ceil(1.25 * 9)
    assertThat(adds).isEqualTo((int) onN4); // only n4 gained replicas: each add is one needed move
    assertThat(sets.values()).allMatch(s -> s.members().size() == 3 && s.adding() == null);

    nodes.set(0, node("n1", NodeState.DRAINING));
    converge(nodes, sets);
    assertThat(sets.values()).noneMatch(s -> s.names("n1")).allMatch(s -> s.members().size() == 3);
  }

  @Test
  void busyPartitionsAreSkippedAndTheLimitHolds() {
    List<ClusterNode> nodes = List.of(node("n1", NodeState.ACTIVE), node("n2", NodeState.ACTIVE),
        node("n3", NodeState.ACTIVE), node("n4", NodeState.ACTIVE));
    List<Step> all = MovePlanner.plan(new ClusterLayout(nodes, onSeeds()), List.of(Q), SEEDS, Set.of(), 100);
    assertThat(all).isNotEmpty().allMatch(s -> s.kind() == Kind.ADD && s.node().equals("n4"));
    Set<String> busy = Set.of(all.get(0).current().key());
    List<Step> limited = MovePlanner.plan(new ClusterLayout(nodes, onSeeds()), List.of(Q), SEEDS, busy, 2);
    assertThat(limited).hasSize(2).noneMatch(s -> busy.contains(s.current().key()));
  }

  @Test
  void anAddNoLongerWantedIsCancelled() {
    List<ClusterNode> nodes = List.of(node("n1", NodeState.ACTIVE), node("n2", NodeState.ACTIVE),
        node("n3", NodeState.ACTIVE), node("n4", NodeState.DRAINING));
    List<ReplicaSet> sets = onSeeds();
    sets.set(0, new ReplicaSet("q", 7, 0, SEEDS, "n4"));
    List<Step> steps = MovePlanner.plan(new ClusterLayout(nodes, sets), List.of(Q), SEEDS, Set.of(), 100);
    assertThat(steps).containsExactly(new Step(Kind.CANCEL_ADD, sets.get(0), true, "n4"));
  }

  private static int converge(List<ClusterNode> nodes, Map<String, ReplicaSet> sets) {
    int adds = 0;
    for (int round = 0; round < 1000; round++) {
      List<Step> steps = MovePlanner.plan(new ClusterLayout(nodes, new ArrayList<>(sets.values())), List.of(Q),
          SEEDS, new HashSet<>(), 100);
      if (steps.isEmpty()) {
        return adds;
      }
      for (Step s : steps) {
        ReplicaSet c = s.current();
        List<String> members = new ArrayList<>(c.members());
        String adding = null;
        switch (s.kind()) {
          case ADD -> {
            if (s.node().equals(c.adding())) {
              members.add(s.node());
              adds++;
            } else {
              adding = s.node();
            }
          }
          case REMOVE -> members.remove(s.node());
          case CANCEL_ADD, RECORD -> { }
        }
        sets.put(c.key(), new ReplicaSet(c.queue(), c.createIndex(), c.partition(), members, adding));
      }
    }
    throw new AssertionError("the planner did not converge");
  }
}
