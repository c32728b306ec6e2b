package io.raftq.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raftq.chaos.cluster.NetworkLab;
import io.raftq.chaos.run.ChaosRun;
import io.raftq.chaos.run.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The short chaos runs of every build: a few nemeses, about a minute of faults each, network faults included. */
class ChaosSmokeTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kill-leader", "pause-leader", "partition-leader"})
  void noCheckerFindsAViolation(String nemesis) throws Exception {
    Scenario scenario = Scenario.of(nemesis, 3, List.of(nemesis), Duration.ofSeconds(40));
    assumeTrue(!scenario.needsNetwork() || NetworkLab.available(), NetworkLab::unavailableReason);

    ChaosRun.Outcome outcome = ChaosScenarios.run(scenario);

    assertThat(outcome.results()).allSatisfy(r -> assertThat(r.valid()).as(r.toString()).isTrue());
  }
}
