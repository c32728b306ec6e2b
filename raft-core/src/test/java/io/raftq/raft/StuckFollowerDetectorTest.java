package io.raftq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StuckFollowerDetectorTest {
  private static final long WINDOW = TimeUnit.SECONDS.toNanos(5);

  private static long s(long seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  @Test
  void followerWhoseLeaderComesAndGoesWithoutProgressIsStuck() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, 5870, 0);
    assertThat(d.sample(5870, "n3", s(1))).isNull();
    assertThat(d.sample(5870, null, s(2))).isNull();
    assertThat(d.sample(5870, "n3", s(3))).isNull();
    assertThat(d.sample(5870, null, s(4))).isNull();
    assertThat(d.sample(5870, "n3", s(5))).isEqualTo("n3");
  }

  @Test
  void healthyFollowerOfAnIdleGroupKeepsItsLeaderAndIsNeverStuck() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, 100, 0);
    for (int t = 1; t <= 120; t++) {
      assertThat(d.sample(100, "n1", s(t))).isNull();
    }
  }

  @Test
  void isolatedFollowerThatHearsNoLeaderIsNotStuck() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, 100, 0);
    assertThat(d.sample(100, "n1", s(1))).isNull();
    for (int t = 2; t <= 60; t++) {
      assertThat(d.sample(100, null, s(t))).isNull();
    }
  }

  @Test
  void progressRestartsTheWindow() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, 10, 0);
    d.sample(10, "n2", s(1));
    d.sample(10, null, s(2));
    d.sample(10, "n2", s(3));
    d.sample(10, null, s(4));
    assertThat(d.sample(11, "n2", s(5))).isNull();
    assertThat(d.sample(11, null, s(6))).isNull();
    assertThat(d.sample(11, "n2", s(9))).isNull();
  }

  @Test
  void emptyReplicaThatFollowsALeaderWithoutApplyingAnythingIsStuckWithoutFlapping() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, -1, 0);
    assertThat(d.sample(-1, "n1", s(4))).isNull();
    assertThat(d.sample(-1, "n1", s(5))).isEqualTo("n1");
  }

  @Test
  void emptyReplicaThatNeverHeardALeaderIsNotStuck() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, -1, 0);
    assertThat(d.sample(-1, null, s(30))).isNull();
  }

  @Test
  void afterActingTheNextVerdictNeedsFreshEvidence() {
    StuckFollowerDetector d = new StuckFollowerDetector(WINDOW, 7, 0);
    d.sample(7, "n1", s(1));
    d.sample(7, null, s(2));
    d.sample(7, "n1", s(3));
    d.sample(7, null, s(4));
    assertThat(d.sample(7, "n1", s(6))).isEqualTo("n1");
    d.acted(s(6));
    assertThat(d.sample(7, "n1", s(12))).isNull();
    d.sample(7, null, s(13));
    d.sample(7, "n1", s(14));
    d.sample(7, null, s(15));
    assertThat(d.sample(7, "n1", s(16))).isEqualTo("n1");
  }
}
