package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.leased;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.nackDelayed;
import static io.raftq.chaos.checker.Hist.nemesis;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PrematureRedeliveryCheckerTest {
  private static final long V = 5_000;
  private final PrematureRedeliveryChecker checker = new PrematureRedeliveryChecker();

  /** "a" leased as epoch 1 by a receive invoked at 0 ms for {@link #V}; the caller continues from {@code ms}. */
  private static TimedHistory leasedAtZero() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V)).ok("1", msgs(leased("a", 0, 7, 1, 1)));
    return t;
  }

  /** Appends a redelivery of "a" as epoch {@code epoch}, invoked 1 ms before {@code ms} and completing at it. */
  private static History redeliveredAt(TimedHistory t, long ms, long epoch) {
    t.at(ms - 1).invoke("2", Fn.RECEIVE, receive("g", V));
    t.at(ms).ok("2", msgs(leased("a", 0, 7, epoch, epoch)));
    return t.build();
  }

  @Test
  void redeliveryAfterTheLeaseOrWithinTheClockBoundIsValid() {
    CheckResult late = checker.check(redeliveredAt(leasedAtZero(), 5_000, 2));
    // 10% of 5 s plus 250 ms early is still within the bound.
    CheckResult withinBound = checker.check(redeliveredAt(leasedAtZero(), 4_251, 2));

    assertThat(late.valid()).isTrue();
    assertThat(late.count("redeliveries-checked")).isEqualTo(1);
    assertThat(withinBound.valid()).isTrue();
  }

  @Test
  void redeliveryWhileTheLeaseHoldsIsPremature() {
    CheckResult beforeBound = checker.check(redeliveredAt(leasedAtZero(), 4_249, 2));
    CheckResult early = checker.check(redeliveredAt(leasedAtZero(), 1_000, 2));

    assertThat(beforeBound.valid()).isFalse();
    assertThat(early.valid()).isFalse();
    assertThat(early.count("premature-count")).isEqualTo(1);
    assertThat(early.examples("premature")).singleElement().asString()
        .contains("q/g/0@7 (a)").contains("epoch 1").contains("epoch 2").contains("1000 ms later");
  }

  @Test
  void aNackThatMayHaveAppliedAllowsTheRedelivery() {
    TimedHistory ok = leasedAtZero();
    ok.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 1)).ok("1", outcome("OK"));
    TimedHistory info = leasedAtZero();
    info.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 1)).info("1", "timeout");
    TimedHistory unfinished = leasedAtZero();
    unfinished.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 1));
    // Chaos mix seed -3548381791648841469: a retried nack answered INVALID because its first attempt had released
    // the message and it was delivered again before the retry; the workload records that INVALID as info.
    TimedHistory retried = leasedAtZero();
    retried.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 1)).info("1", "INVALID");

    assertThat(checker.check(redeliveredAt(ok, 200, 2)).valid()).isTrue();
    assertThat(checker.check(redeliveredAt(info, 200, 2)).valid()).isTrue();
    assertThat(checker.check(redeliveredAt(unfinished, 200, 2)).valid()).isTrue();
    assertThat(checker.check(redeliveredAt(retried, 200, 2)).valid()).isTrue();
  }

  @Test
  void aFailedStaleOrLaterNackOrAnAckDoesNotAllowIt() {
    TimedHistory failed = leasedAtZero();
    failed.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 1)).fail("1", "INVALID");
    TimedHistory stale = leasedAtZero();
    stale.at(100).invoke("1", Fn.NACK, release("g", "a", 0, 7, 0)).info("1", "timeout");
    TimedHistory acked = leasedAtZero();
    acked.at(100).invoke("1", Fn.ACK, release("g", "a", 0, 7, 1)).ok("1", outcome("OK"));
    TimedHistory nackedAfter = leasedAtZero();
    History late = redeliveredAt(nackedAfter, 200, 2);

    assertThat(checker.check(redeliveredAt(failed, 200, 2)).valid()).isFalse();
    assertThat(checker.check(redeliveredAt(stale, 200, 2)).valid()).isFalse();
    assertThat(checker.check(redeliveredAt(acked, 200, 2)).valid()).isFalse();
    assertThat(checker.check(late).valid()).isFalse();
  }

  @Test
  void aNackDelayKeepsTheMessageAwayThatLong() {
    TimedHistory early = leasedAtZero();
    early.at(100).invoke("1", Fn.NACK, nackDelayed("g", "a", 0, 7, 1, 3_000)).ok("1", outcome("OK"));
    TimedHistory late = leasedAtZero();
    late.at(100).invoke("1", Fn.NACK, nackDelayed("g", "a", 0, 7, 1, 3_000)).ok("1", outcome("OK"));

    // The nack's delay of 3 s ends no earlier than 100 + 2700 - 250 ms.
    assertThat(checker.check(redeliveredAt(early, 1_000, 2)).valid()).isFalse();
    assertThat(checker.check(redeliveredAt(late, 2_600, 2)).valid()).isTrue();
  }

  @Test
  void aMissedDeliveryInBetweenStillBoundsTheNextOne() {
    // Epoch 2 was leased by a receive whose answer was lost: epoch 3 still needs epoch 1's lease to end.
    assertThat(checker.check(redeliveredAt(leasedAtZero(), 1_000, 3)).valid()).isFalse();
    assertThat(checker.check(redeliveredAt(leasedAtZero(), 6_000, 3)).valid()).isTrue();
  }

  @Test
  void oneMessageTwiceInOneReceiveIsPremature() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V)).ok("1", msgs(leased("a", 0, 7, 1, 1), leased("a", 0, 7, 2, 2)));

    assertThat(checker.check(t.build()).count("premature-count")).isEqualTo(1);
  }

  @Test
  void otherGroupsAndOtherPositionsAreIndependent() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V)).ok("1", msgs(leased("a", 0, 7, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("other", V)).ok("2", msgs(leased("a", 0, 7, 2, 1)))
        .invoke("3", Fn.RECEIVE, receive("g", V)).ok("3", msgs(leased("a", 1, 7, 3, 1), leased("a", 0, 8, 4, 1)));

    CheckResult result = checker.check(t.build());

    assertThat(result.valid()).isTrue();
    assertThat(result.count("redeliveries-checked")).isZero();
  }

  @Test
  void redeliveriesNearAClockFaultAreNotJudged() {
    TimedHistory during = leasedAtZero();
    during.at(500).nemesis(Fn.FAULT, nemesis("clock-jump", "clock"));
    during.at(800).nemesis(Fn.HEAL, nemesis("clock-jump", "clock"));
    // Healed 10 s before the lease began: the clock has slewed back since, so the bound holds again.
    TimedHistory longBefore = new TimedHistory();
    longBefore.at(0).nemesis(Fn.FAULT, nemesis("clock-jump", "clock"));
    longBefore.at(2_000).nemesis(Fn.HEAL, nemesis("clock-jump", "clock"));
    longBefore.at(12_000).invoke("1", Fn.RECEIVE, receive("g", V)).ok("1", msgs(leased("a", 0, 7, 1, 1)));
    // A clock fault never healed suspends the check to the end.
    TimedHistory unhealed = leasedAtZero();
    unhealed.at(500).nemesis(Fn.FAULT, nemesis("clock-jump", "clock"));

    CheckResult excluded = checker.check(redeliveredAt(during, 1_000, 2));
    CheckResult judged = checker.check(redeliveredAt(longBefore, 13_000, 2));

    assertThat(excluded.valid()).isTrue();
    assertThat(excluded.count("clock-excluded-count")).isEqualTo(1);
    assertThat(judged.valid()).isFalse();
    assertThat(checker.check(redeliveredAt(unhealed, 9_000, 2)).count("clock-excluded-count")).isEqualTo(1);
  }

  @Test
  void aClockFaultThatChangedNothingExcludesNothing() {
    TimedHistory t = leasedAtZero();
    t.at(500).nemesisStart(Fn.FAULT, nemesis("clock-jump", "clock"))
        .nemesisEnd(Fn.FAULT, java.util.Map.of("nemesis", "clock-jump", "kind", "clock", "effective", false), null);

    assertThat(checker.check(redeliveredAt(t, 1_000, 2)).valid()).isFalse();
  }

  @Test
  void otherFaultsDoNotExcludeAnything() {
    TimedHistory t = leasedAtZero();
    t.at(500).nemesis(Fn.FAULT, nemesis("kill-leader", "kill"));
    t.at(600).nemesis(Fn.HEAL, nemesis("kill-leader", "kill"));

    assertThat(checker.check(redeliveredAt(t, 1_000, 2)).valid()).isFalse();
  }

  @Test
  void aReceiveWithoutVisibilityIsNotChecked() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 7, 1, 1)));

    CheckResult result = checker.check(redeliveredAt(t, 100, 2));

    assertThat(result.valid()).isTrue();
    assertThat(result.count("unchecked-count")).isEqualTo(1);
  }
}
