package io.raftq.chaos;

import io.raftq.chaos.run.Scenario;
import io.raftq.chaos.run.ScenarioCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short chaos runs of every build ({@code make test}): a few nemeses, network faults included.
 * {@code -Dchaos.scenarios=a,b} runs only the named smoke scenarios and {@code -Dchaos.seed=N} replays a seed.
 */
class ChaosSmokeTest {
  static List<Scenario> scenarios() {
    return ScenarioCatalog.select(ScenarioCatalog.smoke(), System.getProperty("chaos.scenarios"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void noCheckerFindsAViolation(Scenario scenario) throws Exception {
    ChaosScenarios.runAndCheck(scenario);
  }

  @AfterAll
  static void index() throws Exception {
    ChaosScenarios.writeIndex();
  }
}
