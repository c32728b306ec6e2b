package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.send;
import static io.raftq.chaos.checker.Hist.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamReadCheckerTest {
  private final StreamReadChecker checker = new StreamReadChecker();

  private static Map<String, Object> readFrom(long partition, long from) {
    return Map.of("queue", "q", "group", "s", "partition", partition, "from", from);
  }

  /** A read's answer: messages as alternating msg, offset, then nextOffset. */
  private static Map<String, Object> read(long partition, long nextOffset, Object... msgAndOffset) {
    List<Object> msgs = new java.util.ArrayList<>();
    for (int i = 0; i < msgAndOffset.length; i += 2) {
      msgs.add(Map.of("msg", msgAndOffset[i], "offset", ((Number) msgAndOffset[i + 1]).longValue()));
    }
    return Map.of("partition", partition, "msgs", msgs, "nextOffset", nextOffset);
  }

  private static Map<String, Object> commit(long partition, long offset) {
    return Map.of("queue", "q", "group", "s", "partition", partition, "offset", offset);
  }

  /** a, b, c sent ok to partition 0 at offsets 0, 1, 2. */
  private static HistoryBuilder sentABC() {
    HistoryBuilder b = HistoryBuilder.withLogicalClock();
    for (String m : Arrays.asList("a", "b", "c")) {
      b.invoke("0", Fn.SEND, send(m)).ok("0", sent(0, m.charAt(0) - 'a'));
    }
    return b;
  }

  @Test
  void readsInOrderOfWhatWasSentAreValid() {
    var h = sentABC()
        .invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0, "b", 1))
        .invoke("s", Fn.COMMIT, commit(0, 2)).ok("s", Map.of("committed", 2L))
        .invoke("s", Fn.STREAM_READ, readFrom(0, 2)).ok("s", read(0, 3, "c", 2))
        .invoke("s", Fn.STREAM_READ, readFrom(0, 3)).ok("s", read(0, 3))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("reads")).isEqualTo(3);
    assertThat(result.count("msgs-read")).isEqualTo(3);
  }

  @Test
  void offsetsOutOfOrderOrOutsideTheReadAreCaught() {
    var backwards = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "b", 1, "a", 0)).build();
    var belowFrom = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 1)).ok("s", read(0, 2, "a", 0, "b", 1)).build();
    var atNext = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0, "b", 1, "c", 2))
        .build();

    assertThat(checker.check(backwards).count("int-nonmonotonic-count")).isEqualTo(1);
    assertThat(checker.check(belowFrom).count("out-of-range-count")).isEqualTo(1);
    assertThat(checker.check(atNext).count("out-of-range-count")).isEqualTo(1);
    assertThat(checker.check(atNext).valid()).isFalse();
  }

  @Test
  void aReadBehindWhatTheSameProcessCommittedIsCaught() {
    var h = sentABC()
        .invoke("s", Fn.COMMIT, commit(0, 2)).ok("s", Map.of("committed", 2L))
        .invoke("s", Fn.STREAM_READ, readFrom(0, 1)).ok("s", read(0, 3, "b", 1, "c", 2))
        .build();
    // Another process (a reader that lost its state) may start over; a failed commit committed nothing.
    var other = sentABC()
        .invoke("s", Fn.COMMIT, commit(0, 2)).ok("s", Map.of("committed", 2L))
        .invoke("t", Fn.STREAM_READ, readFrom(0, 1)).ok("t", read(0, 3, "b", 1, "c", 2))
        .invoke("u", Fn.COMMIT, commit(0, 3)).fail("u", "INVALID_REQUEST")
        .invoke("u", Fn.STREAM_READ, readFrom(0, 1)).ok("u", read(0, 3, "b", 1, "c", 2))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.examples("read-behind-commit")).singleElement().asString().contains("read from 1")
        .contains("committing 2");
    assertThat(checker.check(other).valid()).isTrue();
  }

  @Test
  void aReadOfAnotherMessageThanTheOneSentThereOrOfANeverSentOneIsCaught() {
    var wrong = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0, "c", 1)).build();
    var ghost = sentABC()
        .invoke("s", Fn.STREAM_READ, readFrom(0, 3)).ok("s", read(0, 4, "ghost", 3))
        .invoke("t", Fn.STREAM_READ, readFrom(0, 3)).ok("t", read(0, 4, "a", 3))
        .build();

    CheckResult w = checker.check(wrong);
    CheckResult g = checker.check(ghost);

    assertThat(w.count("inconsistent-offset-count")).isEqualTo(1);
    assertThat(w.examples("inconsistent-offset")).singleElement().asString().contains("q/0@1").contains("holds b");
    assertThat(g.count("unexpected-count")).isEqualTo(1);
    assertThat(g.count("inconsistent-offset-count")).isEqualTo(1); // two reads disagree on 3
  }

  @Test
  void aSentMessageMissingFromAReadOverItsOffsetIsSkipped() {
    var h = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 3, "a", 0, "c", 2)).build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.examples("skipped")).singleElement().asString().contains("q/0@1 (b");
  }

  @Test
  void aMissingMessageThatMayHaveBeenDeletedIsNotSkipped() {
    var ackedOk = sentABC().invoke("1", Fn.ACK, Hist.ack("g", "b")).ok("1", outcome("OK"));
    var ackedInfo = sentABC().invoke("1", Fn.ACK, Hist.ack("g", "b")).info("1", "timeout");
    var ackUnfinished = sentABC().invoke("1", Fn.ACK, Hist.ack("g", "b"));
    var deadLettered = sentABC();
    var sentLater = HistoryBuilder.withLogicalClock().invoke("0", Fn.SEND, send("a")).ok("0", sent(0, 0))
        .invoke("0", Fn.SEND, send("b"));

    for (HistoryBuilder b : List.of(ackedOk, ackedInfo, ackUnfinished, deadLettered, sentLater)) {
      b.invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0));
    }
    deadLettered.invoke("9", Fn.DRAIN, Map.of("queue", "q-dlq", "group", "dlq", "max", 10L))
        .ok("9", Map.of("msgs", List.of(Map.of("msg", "b", "partition", 0L, "offset", 0L, "sourcePartition", 0L,
            "sourceOffset", 1L))));
    sentLater.ok("0", sent(0, 1));

    for (HistoryBuilder b : List.of(ackedOk, ackedInfo, ackUnfinished, deadLettered, sentLater)) {
      assertThat(checker.check(b.build()).valid()).isTrue();
    }
  }

  @Test
  void aFailedAckOrOneSentAfterTheReadDoesNotExplainASkip() {
    var failed = sentABC().invoke("1", Fn.ACK, Hist.ack("g", "b")).fail("1", "INVALID")
        .invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0)).build();
    var later = sentABC().invoke("s", Fn.STREAM_READ, readFrom(0, 0)).ok("s", read(0, 2, "a", 0))
        .invoke("1", Fn.ACK, Hist.ack("g", "b")).ok("1", outcome("OK")).build();

    assertThat(checker.check(failed).count("skipped-count")).isEqualTo(1);
    assertThat(checker.check(later).count("skipped-count")).isEqualTo(1);
  }

  @Test
  void readsThatFailedOrAreIndeterminateAreIgnored() {
    var h = sentABC()
        .invoke("s", Fn.STREAM_READ, readFrom(0, 0)).info("s", "timeout")
        .invoke("t", Fn.STREAM_READ, readFrom(0, 0)).fail("t", "QUEUE_NOT_FOUND")
        .build();

    assertThat(checker.check(h).count("reads")).isZero();
  }
}
