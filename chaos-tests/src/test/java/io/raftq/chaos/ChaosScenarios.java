package io.raftq.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raftq.chaos.checker.CheckResult;
import io.raftq.chaos.cluster.LazyFs;
import io.raftq.chaos.cluster.NetworkLab;
import io.raftq.chaos.report.IndexHtml;
import io.raftq.chaos.run.ChaosRun;
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

  /** Runs {@code scenario} and fails with every failed checker's verdict; skipped without network namespaces. */
  static void runAndCheck(Scenario scenario) throws Exception {
    assumeTrue(!scenario.needsNetwork() || NetworkLab.available(), NetworkLab::unavailableReason);
    if (scenario.needsLazyDataDirs() && !LazyFs.available()) {
      // A fault that cannot be injected must not pass as a run that found nothing.
      assumeTrue("1".equals(System.getenv("CHAOS_ALLOW_SKIP")), LazyFs::unavailableReason);
      fail(LazyFs.unavailableReason() + " (set CHAOS_ALLOW_SKIP=1 to skip)");
    }
    ChaosRun.Outcome outcome = ChaosRun.execute(scenario, seed(), OUT);
    assertTrue(outcome.valid(), () -> scenario.name() + " seed " + outcome.seed() + " failed; report "
        + outcome.report() + "\n" + outcome.results().stream().filter(r -> !r.valid()).map(CheckResult::toString)
        .collect(Collectors.joining("\n")));
  }

  static void writeIndex() throws Exception {
    if (Files.isDirectory(OUT)) {
      System.out.println("chaos: index of runs -> " + IndexHtml.write(OUT));
    }
  }
}
