package io.raftq.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.cluster.LazyFs;
import io.raftq.chaos.cluster.NetworkLab;
import io.raftq.chaos.report.IndexHtml;
import io.raftq.chaos.run.ChaosRun;
import io.raftq.chaos.run.FaultAvailability;
import io.raftq.chaos.run.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** Seeds, output location and the pass rule shared by the chaos test classes. */
final class ChaosScenarios {
  static final Path OUT = Path.of("target", "chaos").toAbsolutePath();

  private ChaosScenarios() {}

  /** {@code -Dchaos.seed=N} replays a run; otherwise a fresh seed, printed with the run. */
  static long seed() {
    String s = System.getProperty("chaos.seed");
    return s == null || s.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(s.trim());
  }

  /**
   * Runs {@code scenario} and fails with every failed checker's verdict. A scenario that cannot inject its faults
   * here (no network namespaces) fails too, or is skipped with the reason when CHAOS_ALLOW_SKIP=1.
   */
  static void runAndCheck(Scenario scenario) throws Exception {
    requireFaults(scenario);
    ChaosRun.Outcome outcome = ChaosRun.execute(scenario, seed(), OUT);
    assertTrue(outcome.valid(), () -> scenario.name() + " seed " + outcome.seed() + " failed; report "
        + outcome.report() + "\n" + outcome.results().stream().filter(r -> !r.valid()).map(CheckResult::toString)
        .collect(Collectors.joining("\n")));
  }

  private static void requireFaults(Scenario scenario) {
    boolean lab = !scenario.needsNetwork() || NetworkLab.available();
    boolean lazyFs = !scenario.needsLazyDataDirs() || LazyFs.available();
    FaultAvailability decision = FaultAvailability.decide(scenario.needsNetwork() || scenario.needsLazyDataDirs(),
        lab && lazyFs, System.getenv(FaultAvailability.ALLOW_SKIP));
    String reason = scenario.name() + " cannot inject its faults: " + (lab ? "" : NetworkLab.unavailableReason())
        + (lazyFs ? "" : " " + LazyFs.unavailableReason());
    assumeTrue(decision != FaultAvailability.SKIP, () -> reason + " (skipped: " + FaultAvailability.ALLOW_SKIP + "=1)");
    assertTrue(decision == FaultAvailability.RUN, () -> reason + "; run as root with iproute2, iptables and FUSE"
        + " (fuse3), or set " + FaultAvailability.ALLOW_SKIP + "=1 to skip such scenarios");
  }

  static void writeIndex() throws Exception {
    if (Files.isDirectory(OUT)) {
      System.out.println("chaos: index of runs -> " + IndexHtml.write(OUT));
    }
  }
}
