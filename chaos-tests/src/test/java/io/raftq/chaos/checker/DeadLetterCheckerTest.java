package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.leased;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Dead-letter completeness: a message delivered maxReceives times without an ack ends in the dead-letter queue. */
@Timeout(10)
class DeadLetterCheckerTest {
  private final DeadLetterChecker checker = new DeadLetterChecker("q", "g", "q-dlq", 3);

  /** "m" at 0@5 delivered three times in group g, each delivery nacked. */
  private static HistoryBuilder exhausted() {
    HistoryBuilder b = HistoryBuilder.withLogicalClock();
    for (long n = 1; n <= 3; n++) {
      b.invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("m", 0, 5, n, n)))
          .invoke("1", Fn.NACK, release("g", "m", 0, 5, n)).ok("1", outcome("OK"));
    }
    return b;
  }

  /** The drain of the dead-letter queue, answering a dead letter of source 0@{@code sourceOffset}. */
  private static HistoryBuilder drained(HistoryBuilder b, long sourceOffset) {
    return b.invoke("9", Fn.DRAIN, Map.of("queue", "q-dlq", "group", "dlq", "max", 10L))
        .ok("9", msgs(Map.of("msg", "m", "partition", 1L, "offset", 0L, "deadLetterDeliveries", 3L,
            "sourcePartition", 0L, "sourceOffset", sourceOffset)));
  }

  @Test
  void aMessageDeliveredMaxReceivesTimesInTheDeadLetterQueueIsValid() {
    CheckResult result = checker.check(drained(exhausted(), 5).build());

    assertThat(result.valid()).isTrue();
    assertThat(result.count("exhausted")).isEqualTo(1);
    assertThat(result.count("dead-lettered")).isEqualTo(1);
  }

  @Test
  void aMessageDeliveredMaxReceivesTimesMissingFromTheDeadLetterQueueIsCaught() {
    CheckResult absent = checker.check(drained(HistoryBuilder.withLogicalClock(), 6).build());
    CheckResult elsewhere = checker.check(drained(exhausted(), 6).build());
    CheckResult noDrain = checker.check(exhausted().build());

    assertThat(absent.valid()).isTrue(); // 0@6 was never delivered here: it may have been dead-lettered unseen
    assertThat(elsewhere.valid()).isFalse();
    assertThat(elsewhere.examples("not-dead-lettered")).singleElement().asString()
        .contains("m at 0@5").contains("3 times");
    assertThat(noDrain.count("not-dead-lettered-count")).isEqualTo(1);
  }

  @Test
  void anAckThatMayHaveAppliedExcusesItButAFailedOneDoesNot() {
    var info = exhausted().invoke("2", Fn.ACK, release("g", "m", 0, 5, 3)).info("2", "timeout").build();
    var unfinished = exhausted().invoke("2", Fn.ACK, release("g", "m", 0, 5, 3)).build();
    var alreadyAcked = exhausted().invoke("2", Fn.ACK, release("g", "m", 0, 5, 3)).ok("2", outcome("ALREADY_ACKED"))
        .build();
    var failed = exhausted().invoke("2", Fn.ACK, release("g", "m", 0, 5, 3)).fail("2", "INVALID").build();

    assertThat(checker.check(info).valid()).isTrue();
    assertThat(checker.check(unfinished).valid()).isTrue();
    assertThat(checker.check(alreadyAcked).valid()).isTrue();
    assertThat(checker.check(failed).count("not-dead-lettered-count")).isEqualTo(1);
  }

  @Test
  void anAckOfAnotherCopyOrInAnotherGroupDoesNotExcuseIt() {
    // A second copy of the same value (no producer dedup) acked elsewhere: the exhausted copy is dead-lettered
    // all the same, since the node moves it before looking at consumer dedup.
    var otherCopy = exhausted().invoke("2", Fn.ACK, release("g", "m", 0, 9, 8)).ok("2", outcome("OK")).build();
    var otherGroup = exhausted().invoke("2", Fn.ACK, release("h", "m", 0, 5, 3)).ok("2", outcome("OK")).build();

    assertThat(checker.check(otherCopy).valid()).isFalse();
    assertThat(checker.check(otherGroup).valid()).isFalse();
  }

  @Test
  void aDeliveryBeyondMaxReceivesIsOverDelivered() {
    var h = drained(exhausted(), 5)
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(leased("m", 0, 5, 4, 4)))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("over-delivered-count")).isEqualTo(1);
    assertThat(result.examples("over-delivered")).singleElement().asString().contains("4th time");
  }

  @Test
  void aDeadLetterStoredTwiceIsMovedTwice() {
    var h = drained(drained(exhausted(), 5), 5).build();
    var twoPlaces = drained(exhausted(), 5)
        .invoke("9", Fn.DRAIN, Map.of("queue", "q-dlq", "group", "dlq", "max", 10L))
        .ok("9", msgs(Map.of("msg", "m", "partition", 0L, "offset", 3L, "deadLetterDeliveries", 3L,
            "sourcePartition", 0L, "sourceOffset", 5L)))
        .build();

    assertThat(checker.check(h).valid()).isTrue(); // the same dead letter read twice
    assertThat(checker.check(twoPlaces).count("moved-twice-count")).isEqualTo(1);
  }
}
