package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.leased;
import static io.raftq.chaos.checker.Hist.msgAt;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FencingCheckerTest {
  private final FencingChecker checker = new FencingChecker();

  @Test
  void nackThenRedeliveryWithHigherEpochThenAckIsValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("1", Fn.NACK, release("g", "a", 0, 5, 1)).ok("1", outcome("OK"))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .invoke("2", Fn.ACK, release("g", "a", 0, 5, 2)).ok("2", outcome("OK"))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("positions-checked", 1L).containsEntry("duplicate-epoch-count", 0L)
        .containsEntry("nonmonotonic-epoch-count", 0L).containsEntry("stale-ack-accepted-count", 0L)
        .containsEntry("stale-nack-accepted-count", 0L);
  }

  @Test
  void staleAckAcceptedAfterANewerLeaseIsCaught() {
    // Consumer 1's lease expired and consumer 2 holds epoch 2; consumer 1's ack with epoch 1 must be rejected.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .invoke("1", Fn.ACK, release("g", "a", 0, 5, 1)).ok("1", outcome("OK"))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("stale-ack-accepted-count")).isEqualTo(1);
    assertThat(result.examples("stale-ack-accepted")).containsExactly(
        "q/g/0@5: ack with epoch 1 invoked at index 4 completed ok, after epoch 2 was delivered at index 3");
  }

  @Test
  void staleAckRejectedAsInvalidIsTheFenceWorking() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .invoke("1", Fn.ACK, release("g", "a", 0, 5, 1)).fail("1", "INVALID")
        .invoke("1", Fn.NACK, release("g", "a", 0, 5, 1)).fail("1", "INVALID")
        .invoke("1", Fn.NACK, release("g", "a", 0, 5, 1)).info("1", "INVALID")
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("stale-ack-rejected-count")).isEqualTo(1);
    assertThat(result.count("stale-nack-rejected-count")).as("recorded as fail or, for nacks, as info").isEqualTo(2);
    assertThat(result.examples()).isEmpty();
  }

  @Test
  void staleAckOfAMessageAlreadyAckedIsHarmless() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .invoke("2", Fn.ACK, release("g", "a", 0, 5, 2)).ok("2", outcome("OK"))
        .invoke("1", Fn.ACK, release("g", "a", 0, 5, 1)).ok("1", outcome("ALREADY_ACKED"))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void staleNackAcceptedIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .invoke("1", Fn.NACK, release("g", "a", 0, 5, 1)).ok("1", outcome("OK"))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("stale-nack-accepted-count")).isEqualTo(1);
    assertThat(result.examples("stale-nack-accepted")).singleElement().asString()
        .startsWith("q/g/0@5: nack with epoch 1 invoked at index 4");
  }

  @Test
  void ackInvokedBeforeTheNewerDeliveryCompletedMayBeAccepted() {
    // The ack and the newer receive overlap, so the ack may have been applied first.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("g"))
        .invoke("1", Fn.ACK, release("g", "a", 0, 5, 1))
        .ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .ok("1", outcome("OK"))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void twoDeliveriesWithTheSameEpochAreCaughtOnceAsDuplicate() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 3, 1)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(leased("a", 0, 5, 3, 2)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("duplicate-epoch-count")).isEqualTo(1);
    assertThat(result.count("nonmonotonic-epoch-count")).isZero();
    assertThat(result.examples("duplicate-epoch")).containsExactly("q/g/0@5: epoch 3 delivered by index 1 and index 3");
  }

  @Test
  void laterDeliveryWithLowerEpochIsNonmonotonic() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 4, 1)))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("nonmonotonic-epoch-count")).isEqualTo(1);
    assertThat(result.examples("nonmonotonic-epoch"))
        .containsExactly("q/g/0@5: epoch 4 delivered at index 1, then epoch 2 by drain invoked at index 2");
  }

  @Test
  void overlappingDeliveriesMayCompleteWithEpochsInEitherOrder() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g"))
        .invoke("2", Fn.RECEIVE, receive("g"))
        .ok("2", msgs(leased("a", 0, 5, 2, 2)))
        .ok("1", msgs(leased("a", 0, 5, 1, 1)))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void sameEpochInAnotherGroupOrPartitionIsIndependent() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 5, 1, 1), leased("b", 1, 5, 1, 1)))
        .invoke("2", Fn.RECEIVE, receive("h")).ok("2", msgs(leased("a", 0, 5, 1, 1)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("positions-checked")).isEqualTo(3);
  }

  @Test
  void deliveriesAndAcksWithoutEpochAreNotChecked() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msgAt("a", 0, 5)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msgAt("a", 0, 5)))
        .invoke("1", Fn.ACK, Hist.ack("g", "a")).ok("1", outcome("OK"))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("positions-checked")).isZero();
  }
}
