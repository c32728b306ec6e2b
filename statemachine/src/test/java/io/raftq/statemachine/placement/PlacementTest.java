package io.raftq.statemachine.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Measures the placement against the ideal: adding a node to N should move {@code replicas / (N+1)} replicas,
 * removing one only its own; loads should stay within the bound. The figures are printed for the record.
 */
class PlacementTest {
  private final Placement placement = new Placement();

  private static List<PlacementNode> nodes(int n) {
    List<PlacementNode> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new PlacementNode("n" + i, null));
    }
    return out;
  }

  private static List<Placement.Partition> partitions(int count, int rf) {
    List<Placement.Partition> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Placement.Partition("queue/q" + (i / 4) + "/7/" + (i % 4), rf));
    }
    return out;
  }

  @Test
  void addingANodeMovesCloseToItsIdealShare() {
    for (int n : new int[] {3, 5, 9}) {
      List<Placement.Partition> parts = partitions(300, 3);
      Map<String, List<String>> before = placement.place(nodes(n), parts);
      Map<String, List<String>> after = placement.place(nodes(n + 1), parts);
      int moved = Placement.moves(before, after);
      double ideal = 900.0 / (n + 1);
      System.out.printf("placement: %d -> %d nodes, 300 partitions x 3: moved %d replicas, ideal %.0f (%.2fx);"
          + " loads after %s%n", n, n + 1, moved, ideal, moved / ideal, Placement.loads(after));
      assertThat(moved).as("%d -> %d nodes", n, n + 1).isLessThanOrEqualTo((int) Math.ceil(ideal * 1.2));
      assertThat(Placement.loads(after).get("n" + (n + 1))).isGreaterThanOrEqualTo((int) (ideal * 0.8));
    }
  }

  @Test
  void removingANodeMovesOnlyAboutItsOwnReplicas() {
    List<Placement.Partition> parts = partitions(300, 3);
    Map<String, List<String>> before = placement.place(nodes(6), parts);
    List<PlacementNode> five = new ArrayList<>(nodes(6));
    five.removeIf(n -> n.id().equals("n3"));
    Map<String, List<String>> after = placement.place(five, parts);
    int own = Placement.loads(before).get("n3");
    int moved = Placement.moves(before, after);
    System.out.printf("placement: 6 -> 5 nodes (n3 removed, it held %d): moved %d replicas (%.2fx)%n", own, moved,
        (double) moved / own);
    assertThat(after.values()).allSatisfy(rs -> assertThat(rs).doesNotContain("n3"));
    assertThat(moved).isGreaterThanOrEqualTo(own).isLessThanOrEqualTo((int) Math.ceil(own * 1.2));
  }

  @Test
  void loadsStayWithinTheBoundAndEveryPartitionGetsDistinctReplicas() {
    for (int n : new int[] {3, 4, 5, 6, 7}) {
      Map<String, List<String>> p = placement.place(nodes(n), partitions(300, 3));
      Map<String, Integer> loads = Placement.loads(p);
      int cap = (int) Math.ceil(Placement.DEFAULT_LOAD_BOUND * 900 / n);
      assertThat(loads.values()).as("%d nodes: %s", n, loads).allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(cap));
      assertThat(loads).hasSize(n);
      assertThat(p.values()).allSatisfy(rs -> assertThat(new HashSet<>(rs)).hasSize(3));
      int min = Collections.min(loads.values());
      int max = Collections.max(loads.values());
      System.out.printf("placement: %d nodes, 300 partitions x 3: replicas per node %d..%d (mean %d)%n", n, min,
          max, 900 / n);
    }
  }

  @Test
  void replicasGoToDistinctZonesWhileThereAreEnough() {
    List<PlacementNode> zoned = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      zoned.add(new PlacementNode("n" + i, "zone-" + (i % 3)));
    }
    Map<String, String> zoneOf = new java.util.HashMap<>();
    zoned.forEach(n -> zoneOf.put(n.id(), n.zone()));
    Map<String, List<String>> p = placement.place(zoned, partitions(200, 3));
    assertThat(p.values()).allSatisfy(rs -> assertThat(rs.stream().map(zoneOf::get).distinct()).hasSize(3));
    Map<String, List<String>> five = placement.place(zoned, partitions(40, 5));
    assertThat(five.values()).as("5 replicas over 3 zones: no zone holds more than 2")
        .allSatisfy(rs -> assertThat(rs.stream().map(zoneOf::get).distinct()).hasSize(3));
  }

  @Test
  void theSameInputsInAnyOrderGiveTheSamePlacement() {
    List<PlacementNode> nodes = new ArrayList<>(nodes(5));
    List<Placement.Partition> parts = new ArrayList<>(partitions(120, 3));
    parts.add(new Placement.Partition("queue/single/1/0", 1));
    parts.add(new Placement.Partition("queue/wide/1/0", 5));
    Map<String, List<String>> first = placement.place(nodes, parts);
    Random random = new Random(42);
    Collections.shuffle(nodes, random);
    Collections.shuffle(parts, random);
    assertThat(placement.place(nodes, parts)).isEqualTo(first);
    assertThat(first.get("queue/single/1/0")).hasSize(1);
    assertThat(first.get("queue/wide/1/0")).containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5");
  }

  @Test
  void moreReplicasThanNodesAreRefused() {
    assertThatThrownBy(() -> placement.place(nodes(2), partitions(1, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 3 replicas but there are 2");
    Set<String> none = new HashSet<>(placement.place(nodes(3), List.of()).keySet());
    assertThat(none).isEmpty();
  }
}
