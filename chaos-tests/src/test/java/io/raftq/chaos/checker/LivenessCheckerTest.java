package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.msgAt;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.nemesis;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.send;
import static io.raftq.chaos.checker.Hist.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LivenessCheckerTest {
  private final LivenessChecker checker = new LivenessChecker();

  /** Logical clock: op i is at i microseconds. Partition q/0 recovers 6 µs after the heal completes at op 3. */
  private static History recoveredAfterHeal() {
    return HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("kill-leader", "kill")) // ops 0, 1
        .nemesis(Fn.HEAL, nemesis("kill-leader", "kill")) // ops 2, 3
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0)) // ops 4, 5
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs()) // ops 6, 7
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msgAt("a", 0, 0))) // ops 8, 9
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs()) // ops 10, 11
        .build();
  }

  @Test
  void partitionWithOkSendAndDeliveryAfterTheHealIsValid() {
    CheckResult result = checker.check(recoveredAfterHeal());

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("partitions-checked", 1L).containsEntry("max-recovery-ms", 0L)
        .containsEntry("not-recovered-count", 0L).containsEntry("no-drain-count", 0L)
        .containsEntry("drain-failed-count", 0L);
  }

  @Test
  void recoverySlowerThanTheLimitIsNotRecovered() {
    CheckResult result = new LivenessChecker(Duration.ofNanos(5_000)).check(recoveredAfterHeal());

    assertThat(result.valid()).isFalse();
    assertThat(result.count("not-recovered-count")).isEqualTo(1);
    assertThat(result.examples("not-recovered"))
        .containsExactly("q/0: recovered 0.006 ms after the heal, limit 0.005 ms");
  }

  @Test
  void partitionWithoutDeliveryAfterTheHealIsNotRecovered() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(1, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 0, 0)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("partitions-checked")).isEqualTo(2);
    assertThat(result.examples("not-recovered"))
        .containsExactly("q/1: no ok receive or drain completed after the heal at 0.000 ms");
  }

  @Test
  void okOpsDuringTheFaultDoNotShowRecovery() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("partition-leader", "partition"))
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msgAt("a", 0, 0)))
        .nemesis(Fn.HEAL, nemesis("partition-leader", "partition")) // completes at op 7
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.examples("not-recovered"))
        .containsExactly("q/0: no ok send completed after the heal at 0.007 ms");
  }

  @Test
  void faultNeverHealedLeavesNothingRecovered() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("pause-leader", "pause"))
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 0, 0)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("not-recovered-count")).isEqualTo(1);
  }

  @Test
  void withoutNemesisRecoveryIsMeasuredFromTheFirstOp() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 0, 0)))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void missingDrainIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msgAt("a", 0, 0)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("no-drain-count")).isEqualTo(1);
    assertThat(result.examples("no-drain")).containsExactly("no drain completed ok");
  }

  @Test
  void drainThatTimedOutFailsEvenIfARetrySucceeded() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).info("1", "timeout")
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(msgAt("a", 0, 0)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("drain-failed-count")).isEqualTo(1);
    assertThat(result.count("no-drain-count")).isZero();
    assertThat(result.examples("drain-failed")).containsExactly("drain at index 3 completed info: timeout");
  }

  @Test
  void availabilityClassifiesClientOpsByInvocationTime() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis(Fn.FAULT, nemesis("kill-random", "kill"))
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0)) // in the fault, ok
        .invoke("1", Fn.SEND, send("b")) // in the fault, completes info after the heal
        .nemesis(Fn.HEAL, nemesis("kill-random", "kill"))
        .info("1", "timeout")
        .invoke("0", Fn.SEND, send("c")).ok("0", sent(0, 1)) // outside, ok
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msgAt("c", 0, 1))) // outside, ok
        .invoke("0", Fn.SEND, send("d")).fail("0", "rejected") // outside, fail
        .invoke("0", Fn.SEND, send("e")) // never completes: not counted
        .invoke("3", Fn.STATUS, Hist.status(0, "n1")).fail("3", "down") // status: not counted
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(msgAt("a", 0, 0))) // drain: not counted
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("ops-in-faults", 2L).containsEntry("ok-permille-in-faults", 500L)
        .containsEntry("ops-outside-faults", 3L).containsEntry("ok-permille-outside-faults", 666L);
  }

  @Test
  void noClientOpsGiveZeroPermille() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("ops-in-faults", 0L).containsEntry("ok-permille-in-faults", 0L)
        .containsEntry("ops-outside-faults", 0L).containsEntry("ok-permille-outside-faults", 0L);
  }

  @Test
  void rejectsANegativeLimit() {
    assertThatThrownBy(() -> new LivenessChecker(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
