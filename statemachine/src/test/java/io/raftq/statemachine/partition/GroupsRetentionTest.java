package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.PartitionFixture.offsets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupsRetentionTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void everyGroupGetsEveryMessage() {
    f.send("a", "b");

    assertThat(offsets(f.receive("g1", 10))).containsExactly(0L, 1L);
    assertThat(offsets(f.receive("g2", 10))).containsExactly(0L, 1L);
    assertThat(f.logic.stats().groups()).isEqualTo(2);
  }

  @Test
  void messagesAreDeletedOnlyWhenEveryGroupAckedThem() {
    f.send("a", "b", "c");
    List<LeasedMessage> g1 = f.receive("g1", 10);
    List<LeasedMessage> g2 = f.receive("g2", 2);

    f.ack("g1", g1);
    assertThat(f.hasKey(PartitionKeys.message(0))).isTrue();
    assertThat(f.logic.stats().firstRetainedOffset()).isZero();

    f.ack("g2", g2);

    assertThat(f.hasKey(PartitionKeys.message(0))).isFalse();
    assertThat(f.hasKey(PartitionKeys.message(1))).isFalse();
    assertThat(f.hasKey(PartitionKeys.message(2))).isTrue();
    assertThat(f.logic.stats()).extracting(PartitionStats::firstRetainedOffset, PartitionStats::depth)
        .containsExactly(2L, 1L);
  }

  @Test
  void outOfOrderAckHoldsTheFloorUntilTheGapIsAcked() {
    f.send("a", "b");
    List<LeasedMessage> leased = f.receive("g", 2);

    f.ack("g", leased.get(1).receipt());
    assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).isEqualTo(2);

    f.ack("g", leased.get(0).receipt());
    assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).isZero();
    assertThat(f.countKeys(PartitionKeys.LEASE_PREFIX)).isZero();
  }

  @Test
  void withoutGroupsNothingIsDeleted() {
    f.send("a", "b");

    assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).isEqualTo(2);
    assertThat(f.logic.stats().depth()).isEqualTo(2);
  }

  @Test
  void aNewGroupStartsAtTheFirstRetainedOffset() {
    f.send("a", "b", "c");
    f.ack("g1", f.receive("g1", 2));

    assertThat(offsets(f.receive("g2", 10))).containsExactly(2L);
  }

  @Test
  void acksOfOneGroupDoNotAffectAnother() {
    f.send("a");
    LeasedMessage m1 = f.receive("g1", 1).get(0);
    LeasedMessage m2 = f.receive("g2", 1).get(0);

    assertThat(f.ack("g2", m1.receipt())).containsExactly(SettleOutcome.INVALID);
    assertThat(f.ack("g1", m1.receipt())).containsExactly(SettleOutcome.OK);
    assertThat(f.ack("g2", m2.receipt())).containsExactly(SettleOutcome.OK);
  }
}
