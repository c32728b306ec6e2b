package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Results nobody takes (a submitter that gave up) do not pile up: the oldest go beyond the bound. */
class LeaderResultsBoundTest {
  @Test
  void theOldestUntakenResultsAreDroppedBeyondTheBound() {
    LeaderResults results = new LeaderResults();
    for (long index = 1; index <= LeaderResults.MAX_KEPT + 1; index++) {
      results.keep(index, List.of(new Removed(index)));
    }
    assertThat(results.take(1)).as("dropped").isNull();
    assertThat(results.take(2)).containsExactly(new Removed(2));
    assertThat(results.take(LeaderResults.MAX_KEPT + 1)).containsExactly(new Removed(LeaderResults.MAX_KEPT + 1));
    assertThat(results.take(5)).as("taken out of order").isNotNull();
  }
}
