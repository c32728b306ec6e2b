package io.raftq.server.quiesce;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.server.quiesce.QuiescePolicy.Decision;
import io.raftq.server.quiesce.QuiescePolicy.View;
import org.junit.jupiter.api.Test;

class QuiescePolicyTest {
  private static final QuiescePolicy AFTER_MINUTE = new QuiescePolicy(60_000);

  /** An idle leader that owes nothing, varied one property at a time. */
  private static View leader(long idleMs) {
    return new View(idleMs, true, true, false, false, false, true);
  }

  @Test
  void anIdleLeaderThatOwesNothingClosesTheWholeGroup() {
    assertThat(AFTER_MINUTE.decide(leader(60_000))).isEqualTo(Decision.CLOSE_GROUP);
    assertThat(AFTER_MINUTE.decide(leader(59_999))).isEqualTo(Decision.STAY_OPEN);
  }

  @Test
  void aLeaderOwingSomethingStaysOpen() {
    assertThat(AFTER_MINUTE.decide(new View(90_000, true, true, true, false, false, true)))
        .as("a receive parked on it").isEqualTo(Decision.STAY_OPEN);
    assertThat(AFTER_MINUTE.decide(new View(90_000, true, true, false, true, false, true)))
        .as("dead letters to forward").isEqualTo(Decision.STAY_OPEN);
    assertThat(AFTER_MINUTE.decide(new View(90_000, true, true, false, false, true, true)))
        .as("a replica move under way").isEqualTo(Decision.STAY_OPEN);
    assertThat(AFTER_MINUTE.decide(new View(90_000, true, true, false, false, false, false)))
        .as("a follower still catching up").isEqualTo(Decision.STAY_OPEN);
  }

  @Test
  void aFollowerOfALiveLeaderLeavesTheChoiceToIt() {
    assertThat(AFTER_MINUTE.decide(new View(90_000, false, true, false, false, false, false)))
        .isEqualTo(Decision.STAY_OPEN);
  }

  @Test
  void aReplicaThatSeesNoLeaderForAsLongClosesOnlyItself() {
    assertThat(AFTER_MINUTE.decide(new View(90_000, false, false, false, false, false, false)))
        .isEqualTo(Decision.CLOSE_HERE);
    assertThat(AFTER_MINUTE.decide(new View(30_000, false, false, false, false, false, false)))
        .isEqualTo(Decision.STAY_OPEN);
  }

  @Test
  void zeroMeansNever() {
    QuiescePolicy never = new QuiescePolicy(0);
    assertThat(never.enabled()).isFalse();
    assertThat(never.decide(leader(Long.MAX_VALUE))).isEqualTo(Decision.STAY_OPEN);
    assertThat(never.decide(new View(Long.MAX_VALUE, false, false, false, false, false, false)))
        .isEqualTo(Decision.STAY_OPEN);
  }
}
