package io.raftq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.raft.StarvedFollowerDetector.Sample;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StarvedFollowerDetectorTest {
  private final StarvedFollowerDetector detector =
      new StarvedFollowerDetector(TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(2));

  private static long s(long seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  private String sample(long applied, String leader, boolean steady, long second) {
    return detector.sample(new Sample(applied, leader, steady), s(second));
  }

  @Test
  void anEmptyReplicaThatKeepsHearingALeaderForTheWholeWindowLostItsLog() {
    assertThat(sample(-1, "n1", true, 0)).isNull();
    assertThat(sample(-1, null, true, 3)).isNull();
    assertThat(sample(-1, "n1", true, 4)).isNull();
    assertThat(sample(-1, null, true, 5)).isEqualTo("n1");
  }

  @Test
  void aReplicaMissingItsLogTailFlapsBetweenFollowerAndCandidateWhileHearingItsLeader() {
    // Chaos mix seed -3548381791648841469: the metadata replica lost entry 22 with its log tail, the leader
    // remembered it at 22 and kept offering 23; the replica stayed at 21 for good.
    for (int t = 0; t < 5; t++) {
      assertThat(sample(21, t % 2 == 0 ? "n3" : null, false, t)).isNull();
    }
    assertThat(sample(21, "n3", false, 5)).isEqualTo("n3");
  }

  @Test
  void aSteadyFollowerOfAnIdleGroupIsNeverStarved() {
    for (int t = 0; t < 60; t++) {
      assertThat(sample(21, "n3", t > 2, t)).isNull();
    }
  }

  @Test
  void aFollowerCutOffFromItsLeaderHearsNoLeaderAndIsNotStarved() {
    assertThat(sample(21, "n3", true, 0)).isNull();
    for (int t = 1; t < 60; t++) {
      assertThat(sample(21, null, false, t)).isNull();
    }
  }

  @Test
  void aReplicaThatAppliedSomethingAndStaysAFollowerIsNeverEmpty() {
    for (int t = 0; t < 60; t++) {
      assertThat(sample(0, "n1", true, t)).isNull();
    }
  }

  @Test
  void applyingRestartsTheWindowAndActingNeedsAFreshOne() {
    sample(-1, "n1", false, 0);
    assertThat(sample(-1, "n1", false, 5)).isEqualTo("n1");
    detector.acted(s(5));
    assertThat(sample(-1, "n1", false, 9)).isNull();
    assertThat(sample(-1, "n1", false, 10)).isEqualTo("n1");
    assertThat(sample(3, "n1", false, 11)).isNull();
    assertThat(sample(3, "n1", false, 15)).isNull();
    assertThat(sample(3, "n1", false, 16)).isEqualTo("n1");
  }
}
