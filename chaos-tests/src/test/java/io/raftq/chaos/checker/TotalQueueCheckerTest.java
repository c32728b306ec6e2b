package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.ack;
import static io.raftq.chaos.checker.Hist.msg;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.send;
import static io.raftq.chaos.checker.Hist.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TotalQueueCheckerTest {
  private final TotalQueueChecker checker = new TotalQueueChecker();

  @Test
  void everyAcknowledgedSendReceivedIsValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.SEND, send("b")).ok("1", sent(1, 0))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msg("a")))
        .invoke("2", Fn.ACK, ack("g", "a")).ok("2", outcome("OK"))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(msg("b")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("attempt-count", 2L).containsEntry("acknowledged-count", 2L)
        .containsEntry("ok-count", 2L).containsEntry("lost-count", 0L).containsEntry("unexpected-count", 0L)
        .containsEntry("duplicated-count", 0L).containsEntry("recovered-count", 0L)
        .containsEntry("lost-after-delivery-count", 0L).containsEntry("ended-count", 2L);
  }

  @Test
  void acknowledgedSendNeverReceivedIsLost() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(0, 1))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("lost-count")).isEqualTo(1);
    assertThat(result.examples("lost")).containsExactly("b");
  }

  @Test
  void receivedButNeverAttemptedIsUnexpected() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a"), msg("ghost")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("unexpected-count")).isEqualTo(1);
    assertThat(result.examples("unexpected")).containsExactly("ghost");
    assertThat(result.count("lost-count")).isZero();
  }

  @Test
  void duplicateDeliveryIsReportedButNotFatal() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a"), msg("a")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("duplicated-count")).isEqualTo(2);
    assertThat(result.examples("duplicated")).containsExactly("a x2");
    assertThat(result.count("ok-count")).isEqualTo(1);
  }

  @Test
  void indeterminateSendThatWasReceivedIsRecoveredNotUnexpected() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).info("0", "timeout")
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("recovered-count")).isEqualTo(1);
    assertThat(result.examples("recovered")).containsExactly("a");
    assertThat(result.count("unexpected-count")).isZero();
    assertThat(result.count("acknowledged-count")).isZero();
  }

  @Test
  void timedOutSendNeverReceivedIsNotLost() {
    // A timeout is info: the send may or may not have happened, so its absence is not a loss.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).info("0", "timeout")
        .invoke("3", Fn.SEND, send("b")).fail("3", "rejected")
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("attempt-count")).isEqualTo(2);
    assertThat(result.count("lost-count")).isZero();
  }

  @Test
  void unfinishedSendThatWasReceivedIsRecovered() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a"))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a")))
        .build();

    assertThat(checker.check(h).count("recovered-count")).isEqualTo(1);
  }

  @Test
  void failedAndInfoReceivesAreNotDequeues() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).info("1", "timeout")
        .invoke("2", Fn.RECEIVE, receive("g")).fail("2", "not leader")
        .build();

    assertThat(checker.check(h).examples("lost")).containsExactly("a");
  }

  @Test
  void groupFilterCountsOnlyThatGroupsDeliveries() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("other")).ok("1", msgs(msg("a")))
        .build();

    assertThat(new TotalQueueChecker("g").check(h).examples("lost")).containsExactly("a");
    assertThat(new TotalQueueChecker("other").check(h).valid()).isTrue();
  }

  @Test
  void drainCompletingAsInfoMakesTheHistoryUnusable() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).info("1", "timeout")
        .build();

    assertThatThrownBy(() -> checker.check(h)).isInstanceOf(IllegalStateException.class).hasMessageContaining("drain");
  }

  @Test
  void nemesisOpsAreIgnored() {
    var h = HistoryBuilder.withLogicalClock()
        .nemesis("kill", Map.of("node", "n1"))
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a")))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void aValueResentUnderOneIdIsOneMessage() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "id-a")).info("0", "timeout")
        .invoke("4", Fn.SEND, send("a", "id-a")).ok("4", sent(0, 0))
        .invoke("4", Fn.SEND, send("a", "id-a")).ok("4", sent(0, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("attempt-count")).isEqualTo(1);
    assertThat(result.count("acknowledged-count")).isEqualTo(1);
    assertThat(result.count("duplicated-count")).isZero();
  }

  @Test
  void aResentValueStoredTwiceIsADuplicate() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "id-a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("a", "id-a")).ok("0", sent(1, 0))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a"), msg("a")))
        .build();

    assertThat(checker.check(h).examples("duplicated")).containsExactly("a");
  }

  @Test
  void aMessageOnlyNackedOrAbandonedAfterItsDeliveryIsLost() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(0, 1))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a"), msg("b")))
        .invoke("1", Fn.NACK, ack("g", "a")).ok("1", outcome("OK")) // b is abandoned to its lease
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("lost-count")).isZero();
    assertThat(result.count("lost-after-delivery-count")).isEqualTo(2);
    assertThat(result.examples("lost-after-delivery")).containsExactly("a", "b");
  }

  @Test
  void redeliveredThenAckedOrDrainedEndsTheMessage() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(0, 1))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a"), msg("b")))
        .invoke("1", Fn.NACK, ack("g", "a")).ok("1", outcome("OK"))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", outcome("ALREADY_ACKED"))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(msg("b")))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void anIndeterminateAckMayHaveEndedItButAFailedOneDidNot() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(0, 1))
        .invoke("0", Fn.SEND, send("c")).ok("0", sent(0, 2))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a"), msg("b"), msg("c")))
        .invoke("1", Fn.ACK, ack("g", "a")).info("1", "timeout")
        .invoke("2", Fn.ACK, ack("g", "b"))
        .invoke("3", Fn.ACK, ack("g", "c")).fail("3", "INVALID")
        .invoke("4", Fn.DRAIN, receive("g")).ok("4", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("maybe-acked-count")).isEqualTo(2);
    assertThat(result.examples("lost-after-delivery")).containsExactly("c");
  }

  @Test
  void anAckInAnotherGroupDoesNotEndTheMessageForThisOne() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("other", "a")).ok("1", outcome("OK"))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs())
        .build();

    assertThat(new TotalQueueChecker("g").check(h).examples("lost-after-delivery")).containsExactly("a");
  }

  @Test
  void aRecoveredMessageLostAfterDeliveryIsLostToo() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).info("0", "timeout")
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("recovered-count")).isEqualTo(1);
    assertThat(result.examples("lost-after-delivery")).containsExactly("a");
  }

  @Test
  void aDeadLetterEndsWhenTheDrainReadsItFromTheDeadLetterQueue() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.NACK, ack("g", "a")).ok("1", outcome("OK"))
        .invoke("2", Fn.DRAIN, Hist.receiveFrom("q-dlq", "dlq", 10_000)).ok("2", msgs(msg("a")))
        .build();

    assertThat(new TotalQueueChecker("g", "q-dlq").check(h).valid()).isTrue();
    assertThat(new TotalQueueChecker("g").check(h).examples("lost-after-delivery")).containsExactly("a");
  }

  @Test
  void oneValueStoredTwiceEndsWhenEitherCopyIsAcked() {
    // Without producer dedup a resend is a second copy; once one copy is acked, consumer dedup drops the other
    // without delivering or acking it.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "id-a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("a", "id-a")).ok("0", sent(0, 1))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(Hist.msgAt("a", 0, 0), Hist.msgAt("a", 0, 1)))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", outcome("OK"))
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs())
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void aMessageWhoseEverySendFailedMustNeverBeDelivered() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "id-a")).fail("0", "QUEUE_NOT_FOUND")
        .invoke("0", Fn.SEND, send("b", "id-b")).fail("0", "QUEUE_NOT_FOUND")
        .invoke("0", Fn.SEND, send("b", "id-b")).info("0", "timeout")
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msg("a"), msg("b")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.examples("failed-send-delivered")).containsExactly("a");
    assertThat(result.count("recovered-count")).isEqualTo(2);
  }
}
