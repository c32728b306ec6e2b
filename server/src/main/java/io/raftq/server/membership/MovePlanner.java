package io.raftq.server.membership;

import io.raftq.statemachine.metadata.ClusterLayout;
import io.raftq.statemachine.metadata.QueueDefinition;
import io.raftq.statemachine.metadata.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the next change to each partition's replica set, so that the replicas converge to the placement over the
 * active nodes one change at a time per group: add a replica first (it catches up before it counts), remove one
 * only when the group has more than it needs. Pure logic; {@link ReplicaMover} carries the steps out.
 */
public final class MovePlanner {
  private MovePlanner() {}

  public enum Kind {
    /** A partition of a queue created before any node registered: record that every seed node hosts it. */
    RECORD,
    /** Bring {@code node} in: mark it as being added, then extend the group's configuration to it. */
    ADD,
    /** The node being added is no longer wanted there: set the configuration back to the members. */
    CANCEL_ADD,
    /** Take {@code node} out of the group's configuration, then out of the replica set. */
    REMOVE
  }

  /** One change to one partition; {@code current} is its replica set now ({@code recorded} false: implied). */
  public record Step(Kind kind, ReplicaSet current, boolean recorded, String node) {}

  /**
   * The next step for each partition that is not where placement wants it, in partition-key order, skipping the
   * keys in {@code busy} (a step of theirs is still running) and stopping after {@code limit} steps.
   */
  public static List<Step> plan(ClusterLayout layout, List<QueueDefinition> queues, List<String> seeds,
      Set<String> busy, int limit) {
    Map<String, ReplicaSet> recorded = new HashMap<>();
    layout.replicaSets().forEach(r -> recorded.put(r.key(), r));
    List<ReplicaSet> all = new ArrayList<>();
    for (QueueDefinition q : queues) {
      for (int p = 0; p < q.partitions(); p++) {
        String key = ReplicaSet.key(q.name(), q.createIndex(), p);
        all.add(recorded.getOrDefault(key, new ReplicaSet(q.name(), q.createIndex(), p, seeds, null)));
      }
    }
    all.sort((a, b) -> a.key().compareTo(b.key()));
    Map<String, List<String>> target = ClusterLayout.target(layout.activeNodes(), queues);
    List<Step> steps = new ArrayList<>();
    for (ReplicaSet current : all) {
      if (steps.size() >= limit) {
        break;
      }
      if (busy.contains(current.key())) {
        continue;
      }
      boolean isRecorded = recorded.containsKey(current.key());
      if (!isRecorded) {
        steps.add(new Step(Kind.RECORD, current, false, null));
        continue;
      }
      List<String> want = target.get(current.key());
      if (want == null) {
        continue; // no active node: nothing to move towards
      }
      Step step = next(current, want);
      if (step != null) {
        steps.add(step);
      }
    }
    return steps;
  }

  private static Step next(ReplicaSet current, List<String> want) {
    if (current.adding() != null) {
      return want.contains(current.adding())
          ? new Step(Kind.ADD, current, true, current.adding())
          : new Step(Kind.CANCEL_ADD, current, true, current.adding());
    }
    for (String n : want) {
      if (!current.members().contains(n)) {
        return new Step(Kind.ADD, current, true, n);
      }
    }
    for (String n : current.members()) {
      if (!want.contains(n)) {
        return new Step(Kind.REMOVE, current, true, n);
      }
    }
    return null;
  }
}
