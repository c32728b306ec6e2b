package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The checkers of the FIFO / dead-letter / stream workload, each on histories with and without its anomaly. */
@Timeout(10)
class SemanticsCheckersTest {
  private static Map<String, Object> keyed(String msg, String key, long offset) {
    return Map.of("msg", msg, "key", key, "partition", 0L, "offset", offset);
  }

  private static Map<String, Object> fromDlq(String group) {
    return Map.of("queue", "q-dlq", "group", group, "max", 10L);
  }

  /** A dead letter at DLQ offset {@code offset} of source position 0@{@code sourceOffset}. */
  private static Map<String, Object> deadLetter(String msg, long offset, long sourceOffset, long deliveries) {
    return Map.of("msg", msg, "partition", 0L, "offset", offset, "deadLetterDeliveries", deliveries,
        "sourcePartition", 0L, "sourceOffset", sourceOffset);
  }

  private static Map<String, Object> ackAt(String msg, long offset) {
    return Map.of("queue", "q", "group", "g", "msg", msg, "partition", 0L, "offset", offset);
  }

  private static Map<String, Object> commit(long partition, long offset) {
    return Map.of("queue", "q", "group", "s", "partition", partition, "offset", offset);
  }

  @Test
  void fifoAllowsALaterKeyMessageAfterTheHeadSettlesAndARedeliveryOfTheHeadBefore() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g", 3_000)).ok("1", msgs(keyed("a1", "A", 0), keyed("b1", "B", 1)))
        .invoke("1", Fn.NACK, ackAt("a1", 0)).ok("1", outcome("OK"))
        .invoke("1", Fn.RECEIVE, receive("g", 3_000)).ok("1", msgs(keyed("a1", "A", 0))) // redelivered head
        .invoke("1", Fn.ACK, ackAt("a1", 0)).ok("1", outcome("OK"))
        .invoke("1", Fn.RECEIVE, receive("g", 3_000)).ok("1", msgs(keyed("a2", "A", 2)))
        .build();
    assertThat(new FifoOrderChecker("q").check(h).valid()).isTrue();
    assertThat(new FifoInFlightChecker("q").check(h).valid()).isTrue();
  }

  @Test
  void fifoCatchesALaterKeyMessageDeliveredWhileTheHeadIsStillLeased() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g", 3_000)).ok("1", msgs(keyed("a1", "A", 0), keyed("b1", "B", 1)))
        .invoke("1", Fn.RECEIVE, receive("g", 3_000)).ok("1", msgs(keyed("a2", "A", 2))) // a1 neither acked nor expired
        .build();
    // Order alone holds (a2 comes after a1); the second message in flight is what breaks the promise.
    assertThat(new FifoOrderChecker("q").check(h).valid()).isTrue();
    CheckResult r = new FifoInFlightChecker("q").check(h);
    assertThat(r.valid()).isFalse();
    assertThat(r.count("two-in-flight-count")).isEqualTo(1);
  }

  @Test
  void fifoCatchesAnEarlierMessageOfAKeyDeliveredAfterALaterOne() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(keyed("a2", "A", 2)))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(keyed("a1", "A", 0), keyed("b1", "B", 1)))
        .build();
    CheckResult r = new FifoOrderChecker("q").check(h);
    assertThat(r.valid()).isFalse();
    assertThat(r.count("overtaken-count")).isEqualTo(1);
    assertThat(r.examples("overtaken")).singleElement().asString().contains("a1").contains("a2");
  }

  @Test
  void fifoDoesNotOrderConcurrentDeliveries() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g"))
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(keyed("a2", "A", 2)))
        .ok("1", msgs(keyed("a1", "A", 0)))
        .build();
    assertThat(new FifoOrderChecker("q").check(h).valid()).isTrue();
  }

  @Test
  void deadLettersMovedOnceWithTheirDeliveriesAreValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.ACK, ackAt("m1", 5)).ok("1", outcome("OK"))
        .invoke("2", Fn.DRAIN, fromDlq("dlq")).ok("2", msgs(deadLetter("m2", 0, 6, 3)))
        .invoke("2", Fn.DRAIN, fromDlq("dlq")).ok("2", msgs(deadLetter("m2", 0, 6, 3))) // redelivered, same place
        // A second stored copy of m1 (no producer dedup), dead-lettered: a different source position.
        .invoke("2", Fn.DRAIN, fromDlq("dlq")).ok("2", msgs(deadLetter("m1", 1, 9, 3)))
        .build();
    CheckResult r = new DeadLetterChecker("q", "g", "q-dlq", 3).check(h);
    assertThat(r.valid()).isTrue();
    assertThat(r.count("dead-lettered")).isEqualTo(2);
  }

  @Test
  void deadLetterCatchesWrongDeliveriesTwoPlacesAndAMessageAlsoAcked() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.ACK, ackAt("acked", 10)).ok("1", outcome("OK"))
        .invoke("2", Fn.DRAIN, fromDlq("dlq")).ok("2", msgs(deadLetter("acked", 0, 10, 3),
            deadLetter("early", 1, 11, 2), deadLetter("twice", 2, 12, 3), deadLetter("twice", 3, 12, 3)))
        .build();
    CheckResult r = new DeadLetterChecker("q", "g", "q-dlq", 3).check(h);
    assertThat(r.valid()).isFalse();
    assertThat(r.count("wrong-deliveries-count")).isEqualTo(1);
    assertThat(r.count("moved-twice-count")).isEqualTo(1);
    assertThat(r.count("acked-and-dead-lettered-count")).isEqualTo(1);
  }

  @Test
  void streamCommitsThatNeverGoBackAreValidAndABackwardOneIsCaught() {
    var good = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.COMMIT, commit(0, 5)).ok("1", Map.of("committed", 5L))
        .invoke("1", Fn.COMMIT, commit(0, 3)).ok("1", Map.of("committed", 5L)) // a stale commit is ignored
        .invoke("1", Fn.COMMIT, commit(1, 2)).ok("1", Map.of("committed", 2L))
        .build();
    assertThat(new StreamOffsetChecker().check(good).valid()).isTrue();

    var bad = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.COMMIT, commit(0, 5)).ok("1", Map.of("committed", 5L))
        .invoke("2", Fn.COMMIT, commit(0, 3)).ok("2", Map.of("committed", 3L))
        .build();
    CheckResult r = new StreamOffsetChecker().check(bad);
    assertThat(r.valid()).isFalse();
    assertThat(r.count("backwards-count")).isEqualTo(1);
  }
}
