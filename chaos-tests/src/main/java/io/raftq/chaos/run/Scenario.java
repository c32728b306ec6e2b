package io.raftq.chaos.run;

import io.raftq.chaos.nemesis.Nemeses;
import io.raftq.chaos.nemesis.Nemesis;
import io.raftq.chaos.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;

/**
 * One chaos run's plan: node count, the nemeses drawn from (one at a time, seeded), nemeses drawn from at the same
 * time by a second, independent schedule ({@code alongside}: faults during the first ones' changes), how long
 * faults are injected ({@code main}), how long the workload continues after the final heal before the drain
 * ({@code recovery}), and what the run must have done to count ({@code minimums}; by default {@link
 * Minimums#expected}).
 */
public record Scenario(String name, int nodes, int seeds, List<String> nemeses, List<String> alongside,
    Duration main, Duration recovery, WorkloadSettings workload, Minimums minimums) {
  public Scenario {
    nemeses = List.copyOf(nemeses);
    alongside = List.copyOf(alongside);
  }

  /** A scenario with the default minimums. */
  public Scenario(String name, int nodes, int seeds, List<String> nemeses, List<String> alongside,
      Duration main, Duration recovery, WorkloadSettings workload) {
    this(name, nodes, seeds, nemeses, alongside, main, recovery, workload,
        Minimums.expected(main, workload, nemeses, alongside));
  }

  /** This scenario with other minimums. */
  public Scenario withMinimums(Minimums other) {
    return new Scenario(name, nodes, seeds, nemeses, alongside, main, recovery, workload, other);
  }

  /** A scenario with one fault schedule. */
  public Scenario(String name, int nodes, int seeds, List<String> nemeses, Duration main, Duration recovery,
      WorkloadSettings workload) {
    this(name, nodes, seeds, nemeses, List.of(), main, recovery, workload);
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

  public List<Nemesis> alongsideInstances() {
    return Nemeses.named(alongside);
  }

  /** Whether a nemesis drops unsynced writes, so that the nodes' data directories must be on lazyfs. */
  public boolean needsLazyDataDirs() {
    return java.util.stream.Stream.concat(nemesisInstances().stream(), alongsideInstances().stream())
        .anyMatch(Nemesis::needsLazyDataDirs);
  }

  public boolean needsNetwork() {
    return java.util.stream.Stream.concat(nemesisInstances().stream(), alongsideInstances().stream())
        .anyMatch(Nemesis::needsNetwork);
  }
}
