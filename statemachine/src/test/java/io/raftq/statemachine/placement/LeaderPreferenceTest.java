package io.raftq.statemachine.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LeaderPreferenceTest {
  @Test
  void thePartitionsOfAQueueTakeTheReplicasInTurn() {
    Map<String, Integer> led = new TreeMap<>();
    for (int p = 0; p < 6; p++) {
      led.merge(LeaderPreference.preferred(List.of("n3", "n1", "n2"), "orders", p), 1, Integer::sum);
    }
    assertThat(led).containsExactlyInAnyOrderEntriesOf(Map.of("n1", 2, "n2", 2, "n3", 2));
    assertThat(LeaderPreference.preferred(List.of("n2", "n1"), "orders", 1))
        .as("independent of the order replicas are given in")
        .isEqualTo(LeaderPreference.preferred(List.of("n1", "n2"), "orders", 1));
  }

  @Test
  void singlePartitionQueuesDoNotAllPreferTheSameNode() {
    Map<String, Integer> led = new TreeMap<>();
    for (int q = 0; q < 300; q++) {
      led.merge(LeaderPreference.preferred(List.of("n1", "n2", "n3"), "queue-" + q, 0), 1, Integer::sum);
    }
    assertThat(led).hasSize(3);
    assertThat(led.values()).allSatisfy(c -> assertThat(c).isBetween(70, 130));
  }
}
