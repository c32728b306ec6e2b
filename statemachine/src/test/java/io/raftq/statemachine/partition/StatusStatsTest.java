package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusStatsTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void statusTellsWhereACopyIsInEachGroup() {
    f.at(1_000).send("a", "b");
    LeasedMessage a = f.receive("g", 1).get(0);
    f.applyOne(new Nack("g", List.of(a.receipt()), 5_000, "busy"));
    f.receive("h", 2);

    List<MessageStatus> s = f.logic.status(f.store, "a", 1_000, 1_000);
    assertThat(s).hasSize(1);
    assertThat(s.get(0).offset()).isZero();
    assertThat(s.get(0).groups()).containsExactly(
        new MessageStatus.GroupState("g", MessageStatus.State.NACKED, 6_000, 1, "busy", 1_000, List.of()),
        new MessageStatus.GroupState("h", MessageStatus.State.IN_FLIGHT, 31_000, 1, null, 1_000, List.of()));
    assertThat(f.logic.status(f.store, "b", 1_000, 1_000).get(0).groups().get(0).state())
        .isEqualTo(MessageStatus.State.READY);
    assertThat(f.logic.status(f.store, "nope", 1_000, 1_000)).isEmpty();
  }

  @Test
  void groupStatsCountReadyInFlightAndDelayed() {
    f.at(1_000).send("a", "b", "c");
    f.applyOne(new Enqueue(List.of(new NewMessage("d", null, List.of(), new byte[0], 60_000)),
        PartitionFixture.NO_DEDUP));
    f.receive("g", 1);
    assertThat(f.logic.groupStats(1_000)).containsExactly(new GroupStats("g", 2, 1, 1, 0, 0));
    assertThat(f.logic.oldestEnqueuedAtMs(f.store)).isEqualTo(1_000);
  }

  @Test
  void statusShowsTheEarlierAttemptsOfARedeliveredMessage() {
    f.at(1_000).send("m");
    LeasedMessage first = f.receive("g", 1, 5_000).get(0);
    f.at(2_000).applyOne(new Nack("g", List.of(first.receipt()), 0, "timeout"));
    LeasedMessage second = f.at(3_000).receive("g", 1, 5_000).get(0); // nacked attempt 1 ends here
    f.at(9_000);
    LeasedMessage third = f.receive("g", 1, 5_000).get(0); // attempt 2 expired at 8 000
    assertThat(third.deliveries()).isEqualTo(3);

    MessageStatus.GroupState g = f.logic.status(f.store, "m", 9_000, 100).get(0).groups().get(0);
    assertThat(g.state()).isEqualTo(MessageStatus.State.IN_FLIGHT);
    assertThat(g.deliveredAtMs()).isEqualTo(9_000);
    assertThat(g.history()).containsExactly(
        new MessageStatus.Attempt(1, 1_000, 2_000, true, "timeout"),
        new MessageStatus.Attempt(2, 3_000, 8_000, false, null));
    assertThat(second.deliveries()).isEqualTo(2);
    f.ack("g", third.receipt());
    assertThat(f.countKeys(PartitionKeys.HISTORY_PREFIX)).isZero(); // deleted with the message
  }
}
