package io.raftq.chaos;

import io.raftq.chaos.run.ChaosRun;
import io.raftq.chaos.run.Scenario;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Seeds and output location shared by the chaos test classes. */
final class ChaosScenarios {
  static final Path OUT = Path.of("target", "chaos").toAbsolutePath();

  private ChaosScenarios() {}

  /** {@code -Dchaos.seed=N} replays a run; otherwise a fresh seed, printed with the run. */
  static long seed() {
    String s = System.getProperty("chaos.seed");
    return s == null || s.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(s.trim());
  }

  static ChaosRun.Outcome run(Scenario scenario) throws Exception {
    return ChaosRun.execute(scenario, seed(), OUT);
  }
}
