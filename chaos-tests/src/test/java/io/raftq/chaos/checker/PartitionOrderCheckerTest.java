package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.leased;
import static io.raftq.chaos.checker.Hist.msgAt;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.send;
import static io.raftq.chaos.checker.Hist.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PartitionOrderCheckerTest {
  private final PartitionOrderChecker checker = new PartitionOrderChecker();

  /** A first delivery (epoch 1, deliveries 1). */
  private static Map<String, Object> first(String msg, long partition, long offset) {
    return leased(msg, partition, offset, 1, 1);
  }

  @Test
  void sendsAndFirstDeliveriesInOffsetOrderAreValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b")).ok("0", sent(0, 1))
        .invoke("0", Fn.SEND, send("c")).ok("0", sent(0, 2))
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(first("a", 0, 0), first("b", 0, 1)))
        // A redelivery of a lower offset is not a first delivery.
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("a", 0, 0, 2, 2), first("c", 0, 2)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.counts()).containsEntry("first-delivery-ops", 2L).containsEntry("int-nonmonotonic-count", 0L)
        .containsEntry("nonmonotonic-first-delivery-count", 0L).containsEntry("nonmonotonic-send-count", 0L)
        .containsEntry("inconsistent-offset-count", 0L);
  }

  @Test
  void firstDeliveriesOutOfOrderWithinOneOpAreCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(first("d", 0, 3), first("b", 0, 1), first("e", 0, 4)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("int-nonmonotonic-count")).isEqualTo(1);
    assertThat(result.examples("int-nonmonotonic"))
        .containsExactly("q/g/0: receive at index 1 first-delivered offset 1 after 3");
  }

  @Test
  void laterOpFirstDeliveringALowerOffsetIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(first("f", 0, 5)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(first("d", 0, 3)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("nonmonotonic-first-delivery-count")).isEqualTo(1);
    assertThat(result.examples("nonmonotonic-first-delivery")).containsExactly(
        "q/g/0: receive invoked at index 2 first-delivered offset 3, but receive completed at index 1 had offset 5");
  }

  @Test
  void comparesWithTheHighestOffsetOfAllOpsCompletedBefore() {
    // Receives 1 and 2 overlap, so 3 after 7 is legal between them; the drain comes after both and must exceed 7.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g"))
        .invoke("2", Fn.RECEIVE, receive("g"))
        .ok("1", msgs(first("h", 0, 7)))
        .ok("2", msgs(first("d", 0, 3)))
        .invoke("3", Fn.DRAIN, receive("g")).ok("3", msgs(first("f", 0, 5), first("i", 0, 8)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("nonmonotonic-first-delivery-count")).isEqualTo(1);
    assertThat(result.examples("nonmonotonic-first-delivery")).singleElement().asString()
        .contains("drain invoked at index 4 first-delivered offset 5").contains("completed at index 2 had offset 7");
  }

  @Test
  void overlappingOpsMayFirstDeliverInEitherOrder() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g"))
        .invoke("2", Fn.RECEIVE, receive("g"))
        .ok("2", msgs(first("f", 0, 5)))
        .ok("1", msgs(first("d", 0, 3)))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void messagesWithoutADeliveryCountAreSkipped() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msgAt("f", 0, 5)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msgAt("d", 0, 3)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("first-delivery-ops")).isZero();
  }

  @Test
  void partitionsAndGroupsAreOrderedIndependently() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(first("f", 0, 5), first("x", 1, 9)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(first("y", 1, 10), first("g", 0, 6)))
        .invoke("3", Fn.RECEIVE, receive("h")).ok("3", msgs(first("d", 0, 3)))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void aResendAnsweredAsDuplicateReportsTheFirstCopysOffsetAndIsNotAReorder() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "id-a")).ok("0", sent(0, 5))
        .invoke("0", Fn.SEND, send("a", "id-a"))
        .ok("0", Map.of("partition", 0L, "offset", 5L, "duplicate", true))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void sendGettingALowerOffsetThanAnEarlierSendOfItsProcessIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 5))
        .invoke("1", Fn.SEND, send("b")).ok("1", sent(0, 2))
        .invoke("0", Fn.SEND, send("c")).ok("0", sent(1, 0))
        .invoke("0", Fn.SEND, send("d")).ok("0", sent(0, 4))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("nonmonotonic-send-count")).isEqualTo(1);
    assertThat(result.examples("nonmonotonic-send")).containsExactly(
        "process 0 into q/0: send completed at index 7 got offset 4 after an earlier send got offset 5");
  }

  @Test
  void oneOffsetHoldingTwoMessagesIsInconsistent() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 3))
        .invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 4))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("b", 0, 3), msgAt("a", 0, 4)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("inconsistent-offset-count")).isEqualTo(1);
    assertThat(result.examples("inconsistent-offset")).containsExactly("q/0@3 holds [a, b]");
  }
}
