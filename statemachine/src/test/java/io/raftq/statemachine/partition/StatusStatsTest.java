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
        // A nack keeps the lease (and its receipt) until the nack delay ends: it shows as in flight until then.
        new MessageStatus.GroupState("g", MessageStatus.State.IN_FLIGHT, 6_000, 1, "busy"),
        new MessageStatus.GroupState("h", MessageStatus.State.IN_FLIGHT, 31_000, 1, null));
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
}
