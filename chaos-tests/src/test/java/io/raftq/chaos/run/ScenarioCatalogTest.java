package io.raftq.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
