package io.raftq.chaos.checker;

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
class ProducerDedupCheckerTest {
  private final ProducerDedupChecker checker = new ProducerDedupChecker();

  @Test
  void retryOfTheSameIdLandingAtTheSamePositionIsValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "p1-1")).info("0", "timeout")
        .invoke("4", Fn.SEND, send("a", "p1-1")).ok("4", sent(2, 7))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 2, 7), msgAt("a", 2, 7)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("ids-observed")).isEqualTo(1);
  }

  @Test
  void twoOkSendsOfOneIdAtDifferentOffsetsAreCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "p1-1")).ok("0", sent(2, 7))
        .invoke("0", Fn.SEND, send("a", "p1-1")).ok("0", sent(2, 8))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("duplicate-count")).isEqualTo(1);
    assertThat(result.examples("duplicate")).containsExactly("p1-1 stored at [q/2@7, q/2@8]");
  }

  @Test
  void indeterminateRetryStoredTwiceIsCaughtFromDeliveries() {
    // The first attempt timed out (info) but was stored; the retry was stored again at another offset.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "p1-1")).info("0", "timeout")
        .invoke("4", Fn.SEND, send("a", "p1-1")).ok("4", sent(2, 9))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 2, 7), msgAt("a", 2, 9)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.examples("duplicate")).containsExactly("p1-1 stored at [q/2@7, q/2@9]");
  }

  @Test
  void producerIdCarriedByTheDeliveryIsUsed() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.DRAIN, receive("g"))
        .ok("1", msgs(
            Map.of("msg", "x", "partition", 0L, "offset", 1L, "producerMsgId", "p9-3"),
            Map.of("msg", "y", "partition", 1L, "offset", 1L, "producerMsgId", "p9-3")))
        .build();

    assertThat(checker.check(h).valid()).isFalse();
  }

  @Test
  void distinctIdsAtDistinctPositionsAreValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("0", Fn.SEND, send("a", "p1-1")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b", "p1-2")).ok("0", sent(0, 1))
        .invoke("0", Fn.SEND, send("c")).ok("0", sent(0, 2))
        .invoke("1", Fn.DRAIN, receive("g")).ok("1", msgs(msgAt("a", 0, 0), msgAt("b", 0, 1), msgAt("c", 0, 2)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("ids-observed")).isEqualTo(2);
  }

  @Test
  void theSameIdInAnotherQueueIsADeadLetterNotADuplicate() {
    var h = io.raftq.chaos.history.HistoryBuilder.withLogicalClock()
        .invoke("1", io.raftq.chaos.history.Fn.DRAIN, java.util.Map.of("queue", "q", "group", "g"))
        .ok("1", java.util.Map.of("msgs", java.util.List.of(java.util.Map.of("msg", "a", "partition", 0L, "offset", 1L,
            "producerMsgId", "id-a"))))
        .invoke("1", io.raftq.chaos.history.Fn.DRAIN, java.util.Map.of("queue", "q-dlq", "group", "dlq"))
        .ok("1", java.util.Map.of("msgs", java.util.List.of(java.util.Map.of("msg", "a", "partition", 0L, "offset", 7L,
            "producerMsgId", "id-a"))))
        .build();
    org.assertj.core.api.Assertions.assertThat(new ProducerDedupChecker().check(h).valid()).isTrue();
  }
}
