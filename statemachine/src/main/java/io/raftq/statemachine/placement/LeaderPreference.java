package io.raftq.statemachine.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Which replica of a partition should lead it: the partitions of a queue take the nodes in turn, from a place that
 * depends on the queue's name, so every node leads its share of every queue and the queues do not all start on
 * the same node. Raft still elects whoever it can; a leader hands over to the preferred replica once that one is
 * up to date (Ratis priorities), which rebalances leaders after a node comes back. Pure logic.
 */
public final class LeaderPreference {
  private LeaderPreference() {}

  /** The preferred leader of {@code partition} of {@code queue} among {@code replicas} (node ids, any order). */
  public static String preferred(List<String> replicas, String queue, int partition) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("a partition needs replicas to prefer one");
    }
    List<String> sorted = new ArrayList<>(replicas);
    sorted.sort(null);
    int start = Math.floorMod(Placement.hash("leader\u0000" + queue), sorted.size());
    return sorted.get(Math.floorMod(start + partition, sorted.size()));
  }
}
