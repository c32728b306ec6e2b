package io.raftq.chaos.checker;

import static io.raftq.chaos.checker.Hist.ack;
import static io.raftq.chaos.checker.Hist.msg;
import static io.raftq.chaos.checker.Hist.msgs;
import static io.raftq.chaos.checker.Hist.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.chaos.history.Fn;
import io.raftq.chaos.history.HistoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AckFinalityCheckerTest {
  private final AckFinalityChecker checker = new AckFinalityChecker();

  @Test
  void deliveryBeforeAckIsValid() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", null)
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs())
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isTrue();
    assertThat(result.count("acked-count")).isEqualTo(1);
  }

  @Test
  void deliveryInvokedAfterAckCompletedIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", null)
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msg("a")))
        .build();

    CheckResult result = checker.check(h);

    assertThat(result.valid()).isFalse();
    assertThat(result.count("delivered-after-ack-count")).isEqualTo(1);
    assertThat(result.examples("delivered-after-ack")).singleElement().asString()
        .contains("a in group g").contains("ack ok at index 3").contains("invoked at index 4");
  }

  @Test
  void finalDrainAfterAckIsCaught() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", null)
        .invoke("2", Fn.DRAIN, receive("g")).ok("2", msgs(msg("a")))
        .build();

    assertThat(checker.check(h).valid()).isFalse();
  }

  @Test
  void receiveOverlappingTheAckMayStillReturnTheMessage() {
    // Receive invoked before the ack completed: the two are concurrent, so either order is legal.
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a"))
        .invoke("2", Fn.RECEIVE, receive("g"))
        .ok("1", null)
        .ok("2", msgs(msg("a")))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void failedOrIndeterminateAckSetsNoBound() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a"), msg("b")))
        .invoke("1", Fn.ACK, ack("g", "a")).fail("1", "stale receipt")
        .invoke("1", Fn.ACK, ack("g", "b")).info("1", "timeout")
        .invoke("2", Fn.RECEIVE, receive("g")).ok("2", msgs(msg("a"), msg("b")))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }

  @Test
  void ackInOneGroupDoesNotBindAnotherGroup() {
    var h = HistoryBuilder.withLogicalClock()
        .invoke("1", Fn.RECEIVE, receive("g")).ok("1", msgs(msg("a")))
        .invoke("1", Fn.ACK, ack("g", "a")).ok("1", null)
        .invoke("2", Fn.RECEIVE, receive("h")).ok("2", msgs(msg("a")))
        .build();

    assertThat(checker.check(h).valid()).isTrue();
  }
}
