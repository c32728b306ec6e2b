package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoveBrowseTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void removedMessagesAreSkippedByEveryGroupWhateverTheirState() {
    f.at(1_000).send("a", "b", "c", "d");
    LeasedMessage leasedA = f.receive("early", 1).get(0); // "early" holds a lease on offset 0

    assertThat(f.applyOne(new RemoveMessages(List.of(0L, 2L, 2L, 99L)))).isEqualTo(new Removed(2));
    assertThat(f.ack("early", leasedA.receipt())).containsExactly(SettleOutcome.ALREADY_ACKED);
    assertThat(f.receive("early", 10)).extracting(LeasedMessage::id).containsExactly("b", "d");
    assertThat(f.receive("late", 10)).extracting(LeasedMessage::id).containsExactly("b", "d");
    assertThat(f.logic.stats().depth()).isEqualTo(2);
    assertThat(f.applyOne(new RemoveMessages(List.of(0L)))).isEqualTo(new Removed(0));

    f.restart();
    assertThat(f.receive("after-restart", 10)).extracting(LeasedMessage::id).containsExactly("b", "d");
  }

  @Test
  void removedEntriesAreDeletedWithTheirMessages() {
    f.at(1_000).send("a", "b");
    f.applyOne(new RemoveMessages(List.of(0L)));
    assertThat(f.countKeys(PartitionKeys.REMOVED_PREFIX)).isEqualTo(1);
    List<LeasedMessage> got = f.receive("g", 10);
    f.ack("g", got);
    assertThat(f.logic.stats().depth()).isZero();
    assertThat(f.countKeys(PartitionKeys.REMOVED_PREFIX)).isZero();
  }

  @Test
  void browsePagesThroughStoredMessagesWithoutLeasingAndSkipsRemovedOnes() {
    f.at(1_000).send("a", "b", "c", "d", "e");
    f.applyOne(new RemoveMessages(List.of(1L)));
    PartitionLogic.Browsed page = f.logic.browse(f.store, 0, 2, Long.MAX_VALUE);
    assertThat(page.messages()).extracting(LeasedMessage::id).containsExactly("a", "c");
    assertThat(page.messages()).allSatisfy(m -> assertThat(m.epoch()).isZero());
    PartitionLogic.Browsed next = f.logic.browse(f.store, page.nextOffset(), 10, Long.MAX_VALUE);
    assertThat(next.messages()).extracting(LeasedMessage::id).containsExactly("d", "e");
    assertThat(next.nextOffset()).isEqualTo(5);
    // A byte budget still returns at least one message.
    assertThat(f.logic.browse(f.store, 0, 10, 1).messages()).hasSize(1);
    // Nothing was leased.
    assertThat(f.receive("g", 10)).hasSize(4);
  }
}
