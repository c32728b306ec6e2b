package io.raftq.chaos.checker;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.Op;
import io.raftq.chaos.history.OpType;
import io.raftq.chaos.history.Values;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replica convergence, no split brain (CHAOS-PLAN §6.4 S12), from the final {@code status} probes. A probe's
 * partition is the {@code (queue, partition)} of its invocation and its node the invocation's {@code node}: every
 * Raft group probed is judged, whatever queue it belongs to (the workload's queue, its dead-letter queue, and the
 * metadata group, probed as queue {@code (metadata)} partition 0). Per partition and node, the last probe (in invocation order) decides: ok reports its {@code appliedIndex} and
 * {@code digest}; fail, info or unfinished makes the node unreachable. Per partition:
 * <ul>
 *   <li>{@code diverged}: two reporting nodes with the same appliedIndex and different digests (split brain);</li>
 *   <li>{@code lagging}: reporting nodes with different appliedIndex values;</li>
 *   <li>{@code unreachable}: some node's last probe was not ok;</li>
 *   <li>{@code no-status}: fewer nodes reported than 2 or than the expected replica count.</li>
 * </ul>
 * The history is invalid iff some partition is diverged, lagging or unreachable, or fewer of its nodes reported
 * than the expected replica count. Examples list {@code node:appliedIndex:digest} per reporting node.
 */
public final class ConvergenceChecker implements Checker {
  private final int expectedReplicas;

  /** @param expectedReplicas how many nodes must report each partition, at least 1 */
  public ConvergenceChecker(int expectedReplicas) {
    if (expectedReplicas < 1) {
      throw new IllegalArgumentException("expectedReplicas must be >= 1: " + expectedReplicas);
    }
    this.expectedReplicas = expectedReplicas;
  }

  @Override
  public String name() {
    return "convergence";
  }

  @Override
  public CheckResult check(History history) {
    Map<String, Map<String, Optional<Op>>> lastProbe = lastProbes(history);
    CheckResult.Builder result = new CheckResult.Builder(name());
    long diverged = 0;
    long lagging = 0;
    long unreachable = 0;
    long noStatus = 0;
    boolean underReported = false;
    for (Map.Entry<String, Map<String, Optional<Op>>> e : lastProbe.entrySet()) {
      String partition = e.getKey();
      Map<String, Op> reports = new TreeMap<>();
      Set<String> silent = new TreeSet<>();
      e.getValue().forEach((node, ok) -> ok.ifPresentOrElse(op -> reports.put(node, op), () -> silent.add(node)));
      String states = describe(reports);
      if (!silent.isEmpty()) {
        unreachable++;
        result.example("unreachable", partition + ": last probe not ok on " + silent + "; reported " + states);
      }
      if (reports.size() < Math.max(2, expectedReplicas)) {
        noStatus++;
        underReported |= reports.size() < expectedReplicas;
        result.example("no-status", String.format(
            "%s: %d of %d replicas reported: %s", partition, reports.size(), expectedReplicas, states));
      }
      Map<Long, Set<String>> digestsByIndex = new HashMap<>();
      reports.values().forEach(op -> digestsByIndex.computeIfAbsent(
          Values.number(op.value(), "appliedIndex"), k -> new HashSet<>()).add(Values.string(op.value(), "digest")));
      if (digestsByIndex.size() > 1) {
        lagging++;
        result.example("lagging", partition + ": " + states);
      }
      if (digestsByIndex.values().stream().anyMatch(digests -> digests.size() > 1)) {
        diverged++;
        result.example("diverged", partition + ": " + states);
      }
    }
    return result
        .count("partitions-checked", lastProbe.size())
        .count("queues-checked", lastProbe.keySet().stream().map(p -> p.substring(0, p.lastIndexOf('/'))).distinct()
            .count())
        .count("diverged-count", diverged)
        .count("lagging-count", lagging)
        .count("unreachable-count", unreachable)
        .count("no-status-count", noStatus)
        .build(diverged + lagging + unreachable == 0 && !underReported);
  }

  /** Per {@code queue/partition} and node, the ok completion of the node's last probe, or empty if it was not ok. */
  private static Map<String, Map<String, Optional<Op>>> lastProbes(History history) {
    Map<String, Map<String, Optional<Op>>> lastProbe = new TreeMap<>();
    for (Op invocation : history.invocations(Fn.STATUS)) {
      Object v = invocation.value();
      String partition = Values.string(v, "queue") + "/" + Values.string(v, "partition");
      lastProbe.computeIfAbsent(partition, k -> new TreeMap<>())
          .put(Values.string(v, "node"), history.completionOf(invocation).filter(c -> c.type() == OpType.OK));
    }
    return lastProbe;
  }

  /** {@code node:appliedIndex:digest} of each report, by node. */
  private static String describe(Map<String, Op> reports) {
    StringJoiner states = new StringJoiner(", ", "[", "]");
    reports.forEach((node, op) -> states.add(
        node + ":" + Values.number(op.value(), "appliedIndex") + ":" + Values.string(op.value(), "digest")));
    return states.toString();
  }
}
