package io.raftq.chaos;

import io.raftq.chaos.run.Scenario;
import io.raftq.chaos.run.ScenarioCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole chaos matrix ({@code make chaos}, about 95 minutes here): every nemesis for minutes, the 5-node splits and
 * a mix. {@code -Dchaos.scenarios=a,b} selects scenarios (of the matrix or the smoke runs) and {@code -Dchaos.seed=N} replays a seed.
 */
@Tag("chaos-long")
class ChaosMatrixTest {
  static List<Scenario> scenarios() {
    String selection = System.getProperty("chaos.scenarios");
    // Named scenarios may be smoke runs too, so that every printed rerun line works.
    return selection == null || selection.isBlank()
        ? ScenarioCatalog.matrix()
        : ScenarioCatalog.select(ScenarioCatalog.replayable(), selection);
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
