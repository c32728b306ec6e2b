package io.raftq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.raft.StuckFollowerDetector.Follower;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StuckFollowerDetectorTest {
  private final StuckFollowerDetector detector = new StuckFollowerDetector(TimeUnit.SECONDS.toNanos(5), 1_000);

  private static long s(long seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  private static Follower answering(String id, long match) {
    return new Follower(id, match, match + 1, 50);
  }

  @Test
  void aFollowerThatAnswersButWhoseMatchIndexStandsBelowTheCommitIndexIsStuck() {
    // The one-way partition case: the leader believes n2 holds 5927, n2 answers "inconsistent" to every append.
    for (int t = 0; t < 5; t++) {
      assertThat(detector.sample(List.of(answering("n1", 8000 + t), answering("n2", 5927)), 8000 + t, 5754, s(t)))
          .isNull();
    }
    assertThat(detector.sample(List.of(answering("n1", 8005), answering("n2", 5927)), 8005, 5754, s(5)))
        .isEqualTo("n2");
  }

  @Test
  void aFollowerOfAnIdleGroupIsCaughtUpAndNeverStuck() {
    for (int t = 0; t < 120; t++) {
      assertThat(detector.sample(List.of(answering("n2", 42)), 42, 0, s(t))).isNull();
    }
  }

  @Test
  void aFollowerThatDoesNotAnswerIsCutOffNotStuck() {
    for (int t = 0; t < 60; t++) {
      assertThat(detector.sample(List.of(new Follower("n2", 10, 11, 30_000)), 500, 0, s(t))).isNull();
    }
  }

  @Test
  void aSlowFollowerWhoseMatchIndexMovesIsNotStuck() {
    for (int t = 0; t < 60; t++) {
      assertThat(detector.sample(List.of(answering("n2", 100 + t)), 1_000 + t, 0, s(t))).isNull();
    }
  }

  @Test
  void aFollowerBeingSentASnapshotIsNotStuck() {
    for (int t = 0; t < 60; t++) {
      assertThat(detector.sample(List.of(new Follower("n2", -1, 0, 50)), 9_000, 5_000, s(t))).isNull();
    }
  }

  @Test
  void aFollowerThatWasDownGetsAWholeWindowOnceItAnswersAgain() {
    for (int t = 0; t < 30; t++) {
      assertThat(detector.sample(List.of(new Follower("n1", 131, 132, 1_000L * t + 2_000)), 1371, 0, s(t)))
          .isNull();
    }
    // Restarted: it answers, still loading its log.
    for (int t = 30; t < 35; t++) {
      assertThat(detector.sample(List.of(answering("n1", 131)), 1371, 0, s(t))).isNull();
    }
    assertThat(detector.sample(List.of(answering("n1", 140)), 1371, 0, s(35))).isNull();
  }

  @Test
  void aFollowerANewLeaderIsStillProbingIsNotStuck() {
    // A new leader knows no match index yet (-1) and walks its next index down from its own log's end, while a
    // restarted follower may take seconds to load its log before it accepts anything.
    for (int t = 0; t < 60; t++) {
      assertThat(detector.sample(List.of(new Follower("n1", -1, 1372, 50)), 1371, 0, s(t))).isNull();
    }
  }

  @Test
  void afterActingTheNextVerdictNeedsAFullNewWindow() {
    List<Follower> stuck = List.of(answering("n2", 10));
    detector.sample(stuck, 100, 0, s(0));
    assertThat(detector.sample(stuck, 100, 0, s(5))).isEqualTo("n2");
    detector.acted();
    assertThat(detector.sample(stuck, 100, 0, s(6))).isNull();
    assertThat(detector.sample(stuck, 100, 0, s(10))).isNull();
    assertThat(detector.sample(stuck, 100, 0, s(11))).isEqualTo("n2");
  }
}
