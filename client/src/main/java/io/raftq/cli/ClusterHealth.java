package io.raftq.cli;

import io.raftq.protocol.NodeInfo;
import io.raftq.protocol.PartitionInfo;
import io.raftq.protocol.QueueDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code raftq cluster status} concludes from what it probed: per node whether it answers and how many
 * replicas and leaders it has, and every partition without a leader or with a replica that does not answer.
 * Pure logic.
 */
final class ClusterHealth {
  /** What one node said of its replica of one partition. */
  enum Probe { ANSWERED, MISSING, UNREACHABLE, QUIESCENT }

  /** {@code state}: ACTIVE or DRAINING as the metadata has it ({@code ""}: not registered). */
  record NodeRow(String id, String address, boolean up, int replicas, int leaders, String state) {}

  record Problem(String queue, int partition, String leader, String what) {}

  final List<NodeRow> nodes = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  /** Replica moves under way (a node being added to a partition), which are not problems. */
  final List<String> moves = new ArrayList<>();
  int partitions;
  /** Partitions closed while idle (they open on the next request). */
  int quiescent;

  static ClusterHealth of(List<NodeInfo> members, Set<String> up, List<QueueDescription> queues,
      Map<String, Map<String, Probe>> probes) {
    return of(members, up, queues, probes, Map.of(), Map.of(), List.of());
  }

  /**
   * @param up which nodes answered at all
   * @param probes per queue and partition, what each node said of its replica ({@code queue/partition} ->
   *     node id -> probe)
   * @param leadersSeen per {@code queue/partition}, the leader its replicas follow, for partitions the node that
   *     described the queue does not host
   * @param states each registered node's state
   * @param moves replica moves under way, as text
   */
  static ClusterHealth of(List<NodeInfo> members, Set<String> up, List<QueueDescription> queues,
      Map<String, Map<String, Probe>> probes, Map<String, String> leadersSeen, Map<String, String> states,
      List<String> moves) {
    ClusterHealth h = new ClusterHealth();
    h.moves.addAll(moves);
    Map<String, int[]> counts = new LinkedHashMap<>();
    members.forEach(m -> counts.put(m.id(), new int[2]));
    for (QueueDescription q : queues) {
      for (PartitionInfo p : q.partitions()) {
        h.partitions++;
        String where = q.queue().name() + "/" + p.partition();
        Map<String, Probe> said = probes.getOrDefault(where, Map.of());
        String leader = p.leaderNodeId() != null ? p.leaderNodeId() : leadersSeen.get(where);
        List<String> expected = p.replicas().isEmpty() ? members.stream().map(NodeInfo::id).toList() : p.replicas();
        // Quiescent (idle, closed) on some replica and led nowhere: it opens on the next request; not a problem.
        boolean quiescent = leader == null && said.containsValue(Probe.QUIESCENT);
        if (quiescent) {
          h.quiescent++;
        } else if (leader == null) {
          h.problems.add(new Problem(q.queue().name(), p.partition(), null, "no leader"));
        } else if (counts.containsKey(leader)) {
          counts.get(leader)[1]++;
        }
        for (String node : expected) {
          Probe probe = said.getOrDefault(node, Probe.UNREACHABLE);
          if (probe == Probe.ANSWERED || probe == Probe.QUIESCENT) {
            counts.computeIfAbsent(node, n -> new int[2])[0]++;
          } else {
            h.problems.add(new Problem(q.queue().name(), p.partition(), leader,
                probe == Probe.MISSING ? "replica on " + node + " missing (the node answers but does not host it)"
                    : "replica on " + node + " not answering" + (up.contains(node) ? "" : " (node down)")));
          }
        }
      }
    }
    for (NodeInfo m : members) {
      int[] c = counts.get(m.id());
      h.nodes.add(new NodeRow(m.id(), m.clientAddress(), up.contains(m.id()), c[0], c[1],
          states.getOrDefault(m.id(), "")));
    }
    return h;
  }

  boolean healthy() {
    return problems.isEmpty() && nodes.stream().allMatch(NodeRow::up);
  }

  String summary() {
    long up = nodes.stream().filter(NodeRow::up).count();
    if (healthy()) {
      return "cluster healthy: " + up + " of " + nodes.size() + " nodes up; " + partitions
          + " partitions, each with a leader and every replica answering"
          + (quiescent == 0 ? "" : " (" + quiescent + " quiescent: idle, they open on the next request)")
          + (moves.isEmpty() ? "" : "; " + moves.size() + " replica move(s) under way");
    }
    return "cluster DEGRADED: " + up + " of " + nodes.size() + " nodes up; " + problems.size()
        + " problem(s) in " + partitions + " partitions";
  }
}
