package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.applied;
import static io.raftq.chaos.checker.Hist.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConvergenceCheckerTest {
  private final ConvergenceChecker checker = new ConvergenceChecker(3);

  /** Probes partition {@code partition} on n1, n2 and n3, which answer with the given indices and digests. */
  private static HistoryBuilder probed(HistoryBuilder b, long partition, long i1, String d1, long i2, String d2,
      long i3, String d3) {
    return b.invoke("final", Fn.STATUS, status(partition, "n1")).ok("final", applied("n1", i1, d1))
        .invoke("final", Fn.STATUS, status(partition, "n2")).ok("final", applied("n2", i2, d2))
        .invoke("final", Fn.STATUS, status(partition, "n3")).ok("final", applied("n3", i3, d3));
  }

  @Test
  void everyReplicaAtTheSameIndexAndDigestIsValid() {
    var b = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 12, "aa");
    var h = probed(b, 1, 7, "cc", 7, "cc", 7, "cc").build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("partitions-checked", 2L).containsEntry("diverged-count", 0L)
        .containsEntry("lagging-count", 0L).containsEntry("unreachable-count", 0L).containsEntry("no-status-count", 0L);
  }

  @Test
  void sameIndexWithAnotherDigestIsDiverged() {
    var h = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 12, "bb").build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("diverged-count")).isEqualTo(1);
    assertThat(result.count("lagging-count")).isZero();
    assertThat(result.examples("diverged")).containsExactly("q/0: [n1:12:aa, n2:12:aa, n3:12:bb]");
  }

  @Test
  void replicaBehindIsLagging() {
    var h = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 10, "bb").build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("lagging-count")).isEqualTo(1);
    assertThat(result.count("diverged-count")).isZero();
    assertThat(result.examples("lagging")).containsExactly("q/0: [n1:12:aa, n2:12:aa, n3:10:bb]");
  }

  @Test
  void theLastProbeOfANodeDecides() {
    var b = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 10, "bb");
    var h = b.invoke("final", Fn.STATUS, status(0, "n3")).fail("final", "not ready")
        .invoke("final", Fn.STATUS, status(0, "n3")).ok("final", applied("n3", 12, "aa"))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void nodeWhoseLastProbeFailedOrNeverCompletedIsUnreachable() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("final", Fn.STATUS, status(0, "n1")).ok("final", applied("n1", 12, "aa"))
        .invoke("final", Fn.STATUS, status(0, "n2")).ok("final", applied("n2", 12, "aa"))
        .invoke("final", Fn.STATUS, status(0, "n3")).info("final", "timeout")
        .invoke("final-2", Fn.STATUS, status(1, "n1")).ok("final-2", applied("n1", 7, "cc"))
        .invoke("final-2", Fn.STATUS, status(1, "n2")).ok("final-2", applied("n2", 7, "cc"))
        .invoke("final-2", Fn.STATUS, status(1, "n3"))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("unreachable-count")).isEqualTo(2);
    assertThat(result.count("no-status-count")).isEqualTo(2);
    assertThat(result.examples("unreachable"))
        .containsExactly("q/0: last probe not ok on [n3]; reported [n1:12:aa, n2:12:aa]",
            "q/1: last probe not ok on [n3]; reported [n1:7:cc, n2:7:cc]");
  }

  @Test
  void singleReportIsNoStatusAndInvalidOnlyWhenMoreReplicasWereExpected() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("final", Fn.STATUS, status(0, "n1")).ok("final", applied("n1", 12, "aa"))
        .build();

    CheckResult single = new ConvergenceChecker(1).check(h);
    CheckResult three = checker.check(h);

    assertThat(single.valid()).isTrue();
    assertThat(single.count("no-status-count")).isEqualTo(1);
    assertThat(three.valid()).isFalse();
    assertThat(three.examples("no-status")).containsExactly("q/0: 1 of 3 replicas reported: [n1:12:aa]");
  }

  @Test
  void nonStatusOpsAreIgnored() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, Hist.send("a")).ok("0", Hist.sent(0, 0))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("partitions-checked")).isZero();
  }

  @Test
  void rejectsAnExpectedReplicaCountBelowOne() {
    assertThatThrownBy(() -> new ConvergenceChecker(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Probes {@code queue}'s partition {@code partition} on n1, n2 and n3, n3 answering {@code digest3}. */
  private static HistoryBuilder probedQueue(HistoryBuilder b, String queue, long partition, String digest3) {
    for (String node : java.util.List.of("n1", "n2", "n3")) {
      b.invoke("final", Fn.STATUS, java.util.Map.of("queue", queue, "partition", partition, "node", node))
          .ok("final", applied(node, 40, node.equals("n3") ? digest3 : "dd"));
    }
    return b;
  }

  @Test
  void everyQueueAndTheMetadataGroupAreJudged() {
    var b = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 12, "aa");
    b = probedQueue(b, "q-dlq", 0, "dd");
    var good = probedQueue(b, "(metadata)", 0, "dd").build();
    var b2 = probed(HistoryBuilder.withLogicalClock(), 0, 12, "aa", 12, "aa", 12, "aa");
    b2 = probedQueue(b2, "q-dlq", 1, "ee");
    var bad = probedQueue(b2, "(metadata)", 0, "ff").build();

    CheckResult ok = checker.check(good);
    CheckResult diverged = checker.check(bad);

    assertThat(ok.valid()).isTrue();
    assertThat(ok.count("partitions-checked")).isEqualTo(3);
    assertThat(ok.count("queues-checked")).isEqualTo(3);
    assertThat(diverged.valid()).isFalse();
    assertThat(diverged.count("diverged-count")).isEqualTo(2);
    assertThat(diverged.examples("diverged")).containsExactly(
        "(metadata)/0: [n1:40:dd, n2:40:dd, n3:40:ff]", "q-dlq/1: [n1:40:dd, n2:40:dd, n3:40:ee]");
  }
}
