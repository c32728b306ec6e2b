package io.raftq.chaos.report;

import io.raftq.chaos.checker.CheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a report says about a run besides its history: enough to identify it, reproduce it and judge it.
 *
 * @param scenario the scenario name, e.g. {@code partition-leader}
 * @param seed the seed that drove the generators and the nemesis schedule
 * @param gitSha the commit the run was built from
 * @param nodes the cluster size
 * @param started wall-clock start, ISO-8601
 * @param ended wall-clock end, ISO-8601
 * @param reproduce the command line that reruns this scenario with this seed
 * @param mainPhase how long the workload and nemesis ran
 * @param results every checker's verdict
 */
public record RunSummary(
    String scenario,
    long seed,
    String gitSha,
    int nodes,
    String started,
    String ended,
    String reproduce,
    Duration mainPhase,
    List<CheckResult> results) {

  public RunSummary {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(gitSha, "gitSha");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(ended, "ended");
    Objects.requireNonNull(reproduce, "reproduce");
    Objects.requireNonNull(mainPhase, "mainPhase");
    results = List.copyOf(results);
  }

  /** Whether every checker's property held (vacuously true without checkers). */
  public boolean valid() {
    return results.stream().allMatch(CheckResult::valid);
  }
}
