package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.keyed;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.nemesis;
import static io.raftq.chaos.checker.Hist.outcome;
import static io.raftq.chaos.checker.Hist.receive;
import static io.raftq.chaos.checker.Hist.receiveFrom;
import static io.raftq.chaos.checker.Hist.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FifoInFlightCheckerTest {
  private static final long V = 3_000;
  private final FifoInFlightChecker checker = new FifoInFlightChecker("q");

  /** "a1" (key A, offset 0) leased as epoch 1 by a receive invoked at 0 ms for {@link #V}. */
  private static TimedHistory headLeased() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V)).ok("1", msgs(keyed("a1", "A", 0, 0, 1, 1)));
    return t;
  }

  /** Appends a delivery of "a2" (key A, offset 1), completing at {@code ms}. */
  private static History nextDeliveredAt(TimedHistory t, long ms) {
    t.at(ms - 1).invoke("2", Fn.RECEIVE, receive("g", V));
    t.at(ms).ok("2", msgs(keyed("a2", "A", 0, 1, 2, 1)));
    return t.build();
  }

  @Test
  void theNextMessageOfAKeyAfterTheHeadsAckOrLeaseIsValid() {
    TimedHistory acked = headLeased();
    acked.at(10).invoke("1", Fn.ACK, release("g", "a1", 0, 0, 1)).ok("1", outcome("OK"));
    TimedHistory nacked = headLeased();
    nacked.at(10).invoke("1", Fn.NACK, release("g", "a1", 0, 0, 1)).ok("1", outcome("OK"));

    CheckResult afterAck = checker.check(nextDeliveredAt(acked, 20));

    assertThat(afterAck.valid()).isTrue();
    assertThat(afterAck.count("keyed-deliveries")).isEqualTo(2);
    assertThat(checker.check(nextDeliveredAt(nacked, 20)).valid()).isTrue();
    // The lease of 3 s ends no earlier than 3000 - 300 - 250 ms.
    assertThat(checker.check(nextDeliveredAt(headLeased(), 2_451)).valid()).isTrue();
  }

  @Test
  void theNextMessageWhileTheHeadIsLeasedIsTwoInFlight() {
    CheckResult result = checker.check(nextDeliveredAt(headLeased(), 1_000));

    assertThat(result.valid()).isFalse();
    assertThat(result.count("two-in-flight-count")).isEqualTo(1);
    assertThat(result.examples("two-in-flight")).singleElement().asString()
        .contains("g/0/A").contains("a1").contains("a2");
    assertThat(checker.check(nextDeliveredAt(headLeased(), 2_449)).valid()).isFalse();
  }

  @Test
  void anIndeterminateAckMayHaveReleasedTheKey() {
    TimedHistory info = headLeased();
    info.at(10).invoke("1", Fn.ACK, release("g", "a1", 0, 0, 1)).info("1", "timeout");
    TimedHistory unfinished = headLeased();
    unfinished.at(10).invoke("1", Fn.ACK, release("g", "a1", 0, 0, 1));

    assertThat(checker.check(nextDeliveredAt(info, 20)).valid()).isTrue();
    assertThat(checker.check(nextDeliveredAt(unfinished, 20)).valid()).isTrue();
  }

  @Test
  void aFailedStaleOrLaterAckReleasesNothing() {
    TimedHistory failed = headLeased();
    failed.at(10).invoke("1", Fn.ACK, release("g", "a1", 0, 0, 1)).fail("1", "INVALID");
    TimedHistory stale = headLeased();
    stale.at(10).invoke("1", Fn.ACK, release("g", "a1", 0, 0, 0)).info("1", "timeout");
    TimedHistory later = headLeased();
    History ackedAfter = nextDeliveredAt(later, 20);

    assertThat(checker.check(nextDeliveredAt(failed, 20)).valid()).isFalse();
    assertThat(checker.check(nextDeliveredAt(stale, 20)).valid()).isFalse();
    assertThat(checker.check(ackedAfter).valid()).isFalse();
  }

  @Test
  void twoMessagesOfAKeyInOneReceiveAreTwoInFlight() {
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V))
        .ok("1", msgs(keyed("a1", "A", 0, 0, 1, 1), keyed("a2", "A", 0, 1, 2, 1)));

    assertThat(checker.check(t.build()).count("two-in-flight-count")).isEqualTo(1);
  }

  @Test
  void overlappingReceivesThatMayNotHaveHeldBothAtOnceAreValid() {
    // a1's receive took 2.9 s: its lease may have begun after a2's had ended, so nothing proves both were held.
    TimedHistory t = new TimedHistory();
    t.at(0).invoke("1", Fn.RECEIVE, receive("g", V));
    t.at(100).invoke("2", Fn.RECEIVE, receive("g", V));
    t.at(200).ok("2", msgs(keyed("a2", "A", 0, 1, 2, 1)));
    t.at(2_900).ok("1", msgs(keyed("a1", "A", 0, 0, 1, 1)));

    assertThat(checker.check(t.build()).valid()).isTrue();
  }

  @Test
  void redeliveriesOfTheHeadOtherKeysGroupsPartitionsAndQueuesAreIndependent() {
    TimedHistory t = headLeased();
    t.at(10).invoke("2", Fn.RECEIVE, receive("g", V)).ok("2", msgs(keyed("a1", "A", 0, 0, 3, 2),
        keyed("b1", "B", 0, 2, 4, 1), keyed("a9", "A", 1, 0, 5, 1)))
        .invoke("3", Fn.RECEIVE, receive("other", V)).ok("3", msgs(keyed("a2", "A", 0, 1, 6, 1)))
        .invoke("4", Fn.RECEIVE, receiveFrom("q-dlq", "g", V)).ok("4", msgs(keyed("a2", "A", 0, 1, 7, 1)));

    CheckResult result = checker.check(t.build());

    assertThat(result.valid()).isTrue();
    assertThat(result.count("keys")).isEqualTo(4);
  }

  @Test
  void pairsNearAClockFaultAreNotJudged() {
    TimedHistory t = headLeased();
    t.at(100).nemesis(Fn.FAULT, nemesis("clock-jump", "clock"));
    t.at(200).nemesis(Fn.HEAL, nemesis("clock-jump", "clock"));

    CheckResult result = checker.check(nextDeliveredAt(t, 1_000));

    assertThat(result.valid()).isTrue();
    assertThat(result.count("clock-excluded-count")).isEqualTo(1);
  }
}
