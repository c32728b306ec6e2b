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
  enum Probe { ANSWERED, MISSING, UNREACHABLE }

  record NodeRow(String id, String address, boolean up, int replicas, int leaders) {}

  record Problem(String queue, int partition, String leader, String what) {}

  final List<NodeRow> nodes = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  int partitions;

  /**
   * @param up which nodes answered at all
   * @param probes per queue and partition, what each node said of its replica ({@code queue/partition} ->
   *     node id -> probe)
   */
  static ClusterHealth of(List<NodeInfo> members, Set<String> up, List<QueueDescription> queues,
      Map<String, Map<String, Probe>> probes) {
    ClusterHealth h = new ClusterHealth();
    Map<String, int[]> counts = new LinkedHashMap<>();
    members.forEach(m -> counts.put(m.id(), new int[2]));
    for (QueueDescription q : queues) {
      for (PartitionInfo p : q.partitions()) {
        h.partitions++;
        String where = q.queue().name() + "/" + p.partition();
        Map<String, Probe> said = probes.getOrDefault(where, Map.of());
        if (p.leaderNodeId() == null) {
          h.problems.add(new Problem(q.queue().name(), p.partition(), null, "no leader"));
        } else if (counts.containsKey(p.leaderNodeId())) {
          counts.get(p.leaderNodeId())[1]++;
        }
        List<String> expected = p.replicas().isEmpty() ? members.stream().map(NodeInfo::id).toList() : p.replicas();
        for (String node : expected) {
          Probe probe = said.getOrDefault(node, Probe.UNREACHABLE);
          if (probe == Probe.ANSWERED) {
            counts.computeIfAbsent(node, n -> new int[2])[0]++;
          } else {
            h.problems.add(new Problem(q.queue().name(), p.partition(), p.leaderNodeId(),
                probe == Probe.MISSING ? "replica on " + node + " missing (the node answers but does not host it)"
                    : "replica on " + node + " not answering" + (up.contains(node) ? "" : " (node down)")));
          }
        }
      }
    }
    for (NodeInfo m : members) {
      int[] c = counts.get(m.id());
      h.nodes.add(new NodeRow(m.id(), m.clientAddress(), up.contains(m.id()), c[0], c[1]));
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
          + " partitions, each with a leader and every replica answering";
    }
    return "cluster DEGRADED: " + up + " of " + nodes.size() + " nodes up; " + problems.size()
        + " problem(s) in " + partitions + " partitions";
  }
}
