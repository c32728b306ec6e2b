package io.raftq.chaos;

import io.raftq.chaos.run.Scenario;
import io.raftq.chaos.run.ScenarioCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole chaos matrix ({@code make chaos}, under an hour here): every nemesis for minutes, the 5-node splits and
 * a mix. {@code -Dchaos.scenarios=a,b} selects scenarios and {@code -Dchaos.seed=N} replays a seed.
 */
@Tag("chaos-long")
class ChaosMatrixTest {
  static List<Scenario> scenarios() {
    return ScenarioCatalog.select(ScenarioCatalog.matrix(), System.getProperty("chaos.scenarios"));
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
