package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicTest {
  private final PartitionFixture f = new PartitionFixture();

  private List<LeasedMessage> receiveOnTopic(String group) {
    return ((Leased) f.applyOne(new Receive("g", 10, 30_000, 0, false, false, 0, 0, 0, true))).messages();
  }

  @Test
  void aTopicKeepsMessagesAckedByItsQueueGroupsUntilRetention() {
    f.at(1_000).send("a", "b");
    f.at(2_000).send("c");
    List<LeasedMessage> got = receiveOnTopic("g");
    f.ack("g", got);
    assertThat(f.logic.stats().depth()).isEqualTo(3); // acked, and still kept: a topic

    f.at(11_500);
    assertThat(f.applyOne(new ApplyRetention(10_000, 0))).isEqualTo(new Removed(2)); // a, b older than 10 s
    assertThat(f.logic.offsetRange()[0]).isEqualTo(2);
    assertThat(f.applyOne(new ApplyRetention(10_000, 0))).isEqualTo(new Removed(0));
    f.at(12_500);
    assertThat(f.applyOne(new ApplyRetention(10_000, 0))).isEqualTo(new Removed(1));
    assertThat(f.logic.stats().depth()).isZero();
    assertThat(f.logic.retainedBytes()).isZero();
  }

  @Test
  void retentionByBytesDeletesTheOldestUntilTheRestFits() {
    f.at(1_000).send("a", "b", "c"); // payloads "payload-a" etc.: 9 bytes each
    assertThat(f.logic.retainedBytes()).isEqualTo(27);
    assertThat(f.applyOne(new ApplyRetention(0, 20))).isEqualTo(new Removed(1));
    assertThat(f.logic.retainedBytes()).isEqualTo(18);
  }

  @Test
  void retentionDropsLeasesAndMovesCursorsOfGroupsThatWereBehind() {
    f.at(1_000).send("a", "b");
    LeasedMessage a = f.receive("q", 1).get(0); // a leased; b never read
    f.at(100_000);
    // Registered on a queue, q's acks would decide deletion; retention overrides that.
    assertThat(f.applyOne(new ApplyRetention(10_000, 0))).isEqualTo(new Removed(2));
    assertThat(f.ack("q", a.receipt())).containsExactly(SettleOutcome.ALREADY_ACKED);
    f.send("c");
    assertThat(f.receive("q", 10)).extracting(LeasedMessage::id).containsExactly("c");
  }

  @Test
  void streamCommitsNeverGoBackwardsButASeekDoesAndOffsetsSurviveARestart() {
    f.at(1_000).send("a", "b", "c", "d");
    assertThat(f.applyOne(new CommitOffset("s", 3, false))).isEqualTo(new Removed(3));
    assertThat(f.applyOne(new CommitOffset("s", 1, false))).isEqualTo(new Removed(3)); // a late, older commit
    assertThat(f.applyOne(new CommitOffset("s", 99, false))).isEqualTo(new Removed(4)); // clamped to the end
    assertThat(f.applyOne(new CommitOffset("s", 1, true))).isEqualTo(new Removed(1));
    f.restart();
    assertThat(f.logic.streamOffsets()).containsEntry("s", 1L);
    // Stream groups do not hold messages: with no queue group nothing is deleted, with one its acks decide.
    f.ack("q", f.receive("q", 10));
    assertThat(f.logic.stats().depth()).isZero();
  }

  @Test
  void offsetForTimeFindsTheFirstMessageEnqueuedAtOrAfter() {
    f.at(1_000).send("a");
    f.at(2_000).send("b");
    f.at(3_000).send("c");
    assertThat(f.logic.offsetForTime(f.store, 0)).isZero();
    assertThat(f.logic.offsetForTime(f.store, 2_000)).isEqualTo(1);
    assertThat(f.logic.offsetForTime(f.store, 2_001)).isEqualTo(2);
    assertThat(f.logic.offsetForTime(f.store, 9_000)).isEqualTo(3);
  }
}
