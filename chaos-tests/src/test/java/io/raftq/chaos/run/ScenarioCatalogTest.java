package io.raftq.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.chaos.workload.WorkloadSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {
  @Test
  void everyRerunLineNamesExactlyOneReplayableScenario() {
    List<Scenario> all = ScenarioCatalog.replayable();
    assertThat(all.stream().map(Scenario::name).distinct().count()).isEqualTo(all.size());
    for (Scenario s : all) {
      String rerun = ChaosRun.reproduce(s, 42);
      String name = rerun.substring(rerun.indexOf("SCENARIOS=") + 10, rerun.indexOf(" SEED="));
      assertThat(ScenarioCatalog.select(all, name)).containsExactly(s);
    }
  }

  @Test
  void everyScenarioNamesKnownNemeses() {
    for (Scenario s : ScenarioCatalog.replayable()) {
      assertThat(s.nemesisInstances()).hasSize(s.nemeses().size());
    }
  }

  @Test
  void theMatrixCoversEveryThreeNodeNemesisAloneAndTheSmokeRunsIncludeNetworkFaults() {
    List<String> matrixNames = ScenarioCatalog.matrix().stream().map(Scenario::name).toList();
    assertThat(matrixNames).containsAll(ScenarioCatalog.THREE_NODE_NEMESES);
    assertThat(ScenarioCatalog.smoke()).anyMatch(Scenario::needsNetwork);
  }

  @Test
  void everyScenarioMustHaveDoneSomethingAndEachLoneNemesisMustHaveHit() {
    for (Scenario s : ScenarioCatalog.replayable()) {
      Minimums m = s.minimums();
      assertThat(m.sendsOk()).as(s.name()).isPositive();
      assertThat(m.acksOk()).as(s.name()).isPositive();
      if (s.nemeses().isEmpty()) {
        assertThat(m.faultsTotal()).as(s.name()).isZero();
      } else {
        assertThat(m.faultsTotal()).as(s.name()).isGreaterThanOrEqualTo(1);
      }
      if (s.nemeses().size() == 1) {
        assertThat(m.faults()).as(s.name()).containsEntry(s.nemeses().get(0),
            s.nemeses().get(0).equals("grow-shrink") ? 3 : 1);
      }
    }
  }

  @Test
  void theMatrixWipesInsideTheCatchUpWindowAndRunsAtFullRate() {
    List<String> names = ScenarioCatalog.matrix().stream().map(Scenario::name).toList();
    assertThat(names).contains("wipe-catching-up", "kill-leader-full-rate");
    Scenario full = ScenarioCatalog.select(ScenarioCatalog.matrix(), "kill-leader-full-rate").get(0);
    assertThat(full.workload().targetSendsPerSecond()).isZero();
    assertThat(full.workload().producers()).isGreaterThan(WorkloadSettings.standard().producers());
    assertThat(full.minimums().faults()).containsEntry("kill-leader", 1);
  }

  @Test
  void theSmokeRunsCanBeSelectedByName() {
    assertThat(ScenarioCatalog.select(ScenarioCatalog.smoke(), "smoke-leader-faults").get(0).name())
        .isEqualTo("smoke-leader-faults");
    assertThatThrownBy(() -> ScenarioCatalog.select(ScenarioCatalog.smoke(), "kill-leader"))
        .hasMessageContaining("unknown scenario 'kill-leader'");
  }

  @Test
  void onlyThePageCacheScenarioPutsDataOnLazyfsAndNoSmokeRunNeedsIt() {
    List<String> lazy = ScenarioCatalog.replayable().stream().filter(Scenario::needsLazyDataDirs)
        .map(Scenario::name).toList();
    assertThat(lazy).containsExactly("lose-page-cache");
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> ScenarioCatalog.select(ScenarioCatalog.replayable(), "kill-leader,nope"))
        .hasMessageContaining("unknown scenario 'nope'")
        .hasMessageContaining("regress-stuck-follower-oneway");
  }
}
