package io.raftq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmptyFollowerDetectorTest {
  private final EmptyFollowerDetector detector = new EmptyFollowerDetector(TimeUnit.SECONDS.toNanos(5));

  private static long s(long seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  @Test
  void anEmptyReplicaThatFollowsALeaderForTheWholeWindowLostItsLog() {
    assertThat(detector.sample(-1, "n1", s(0))).isNull();
    assertThat(detector.sample(-1, null, s(3))).isNull();
    assertThat(detector.sample(-1, null, s(5))).isEqualTo("n1");
  }

  @Test
  void aReplicaThatAppliedSomethingIsNeverEmpty() {
    for (int t = 0; t < 60; t++) {
      assertThat(detector.sample(0, "n1", s(t))).isNull();
    }
  }

  @Test
  void anEmptyReplicaThatNeverHeardALeaderIsNotAskedAbout() {
    assertThat(detector.sample(-1, null, s(0))).isNull();
    assertThat(detector.sample(-1, null, s(60))).isNull();
  }

  @Test
  void applyingRestartsTheWindowAndActingNeedsAFreshOne() {
    detector.sample(-1, "n1", s(0));
    assertThat(detector.sample(-1, "n1", s(5))).isEqualTo("n1");
    detector.acted(s(5));
    assertThat(detector.sample(-1, "n1", s(9))).isNull();
    assertThat(detector.sample(-1, "n1", s(10))).isEqualTo("n1");
    assertThat(detector.sample(3, "n1", s(11))).isNull();
    assertThat(detector.sample(-1, "n1", s(12))).isNull();
  }
}
