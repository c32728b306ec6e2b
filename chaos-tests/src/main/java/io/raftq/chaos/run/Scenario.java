package io.raftq.chaos.run;

import io.raftq.chaos.nemesis.Nemeses;
import io.raftq.chaos.nemesis.Nemesis;
import io.raftq.chaos.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;

/**
 * One chaos run's plan: node count, the nemeses drawn from (one at a time, seeded), how long faults are injected
 * ({@code main}), and how long the workload continues after the final heal before the drain ({@code recovery}).
 */
public record Scenario(String name, int nodes, int seeds, List<String> nemeses, Duration main, Duration recovery,
    WorkloadSettings workload) {
  public Scenario {
    nemeses = List.copyOf(nemeses);
  }

  /** A scenario whose nodes all start the cluster. */
  public Scenario(String name, int nodes, List<String> nemeses, Duration main, Duration recovery,
      WorkloadSettings workload) {
    this(name, nodes, nodes, nemeses, main, recovery, workload);
  }

  public static Scenario of(String name, int nodes, List<String> nemeses, Duration main) {
    return new Scenario(name, nodes, nemeses, main, Duration.ofSeconds(20), WorkloadSettings.standard());
  }

  /** Replicas of each partition: the default replication factor, or fewer with fewer nodes. */
  public int replicas() {
    return Math.min(3, seeds);
  }

  @Override
  public String toString() {
    return name;
  }

  public List<Nemesis> nemesisInstances() {
    return Nemeses.named(nemeses);
  }

  public boolean needsNetwork() {
    return nemesisInstances().stream().anyMatch(Nemesis::needsNetwork);
  }
}
