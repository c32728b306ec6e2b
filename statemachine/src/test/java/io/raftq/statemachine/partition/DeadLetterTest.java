package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static final int MAX_RECEIVES = 2;
  private final PartitionFixture f = new PartitionFixture();

  private List<LeasedMessage> receive(String group, int max) {
    PartitionResult r = f.applyOne(new Receive(group, max, 1_000, MAX_RECEIVES));
    assertThat(r).isInstanceOf(Leased.class);
    return ((Leased) r).messages();
  }

  @Test
  void aMessageDeliveredMaxReceivesTimesGoesToTheOutboxWithItsHistoryInsteadOfAThirdDelivery() {
    f.at(1_000).send("poison", "fine");
    LeasedMessage first = receive("g", 1).get(0);
    assertThat(f.applyOne(new Nack("g", List.of(first.receipt()), 0, "parse error: bad json")))
        .isEqualTo(new Settled(List.of(OK)));
    assertThat(receive("g", 1).get(0).deliveries()).isEqualTo(2); // second delivery, then the lease expires

    f.at(5_000);
    List<LeasedMessage> next = receive("g", 10);
    assertThat(PartitionFixture.offsets(next)).containsExactly(1L); // "fine"; poison moved out instead
    List<DeadLetter> outbox = PartitionLogic.readDeadLetters(f.store, 10);
    assertThat(outbox).hasSize(1);
    DeadLetter d = outbox.get(0);
    assertThat(d.seq()).isEqualTo(1);
    assertThat(d.group()).isEqualTo("g");
    assertThat(d.deliveries()).isEqualTo(2);
    assertThat(d.lastReason()).isEqualTo("parse error: bad json");
    assertThat(d.deadLetteredAtMs()).isEqualTo(5_000);
    assertThat(d.message().id()).isEqualTo("poison");
    assertThat(new String(d.message().payload(), StandardCharsets.UTF_8)).isEqualTo("payload-poison");
    assertThat(f.logic.stats().deadLettersPending()).isEqualTo(1);
  }

  @Test
  void aDeadLetterCountsAsDoneForItsGroupOnlySoTheMessageIsDeletedWhenTheOthersAck() {
    f.at(1_000).send("m");
    f.receive("other", 1); // registers a second group, which keeps the message for now
    receive("g", 1);
    f.at(3_000);
    receive("g", 1);
    f.at(5_000);
    assertThat(receive("g", 1)).isEmpty();
    assertThat(f.logic.stats().deadLettersPending()).isEqualTo(1);
    assertThat(f.logic.stats().depth()).isEqualTo(1);

    List<LeasedMessage> forOther = f.receive("other", 1);
    assertThat(forOther).isEmpty(); // still leased to "other" (30 s)
    f.at(40_000);
    LeasedMessage again = f.receive("other", 1).get(0);
    assertThat(f.ack("other", again.receipt())).containsExactly(OK);
    assertThat(f.logic.stats().depth()).isZero();
    // The outbox keeps its own copy after the message itself is deleted.
    assertThat(PartitionLogic.readDeadLetters(f.store, 10).get(0).message().id()).isEqualTo("m");
  }

  @Test
  void forwardedDeadLettersLeaveTheOutboxAndARetriedForwardChangesNothing() {
    f.at(1_000).send("a", "b");
    receive("g", 2);
    f.at(3_000);
    receive("g", 2);
    f.at(5_000);
    receive("g", 2);
    assertThat(PartitionLogic.readDeadLetters(f.store, 10)).extracting(DeadLetter::seq).containsExactly(1L, 2L);

    assertThat(f.applyOne(new ForwardedDeadLetters(1))).isEqualTo(new Removed(1));
    assertThat(PartitionLogic.readDeadLetters(f.store, 10)).extracting(DeadLetter::seq).containsExactly(2L);
    assertThat(f.applyOne(new ForwardedDeadLetters(1))).isEqualTo(new Removed(0));
    assertThat(f.applyOne(new ForwardedDeadLetters(3))).isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new ForwardedDeadLetters(2))).isEqualTo(new Removed(1));
    assertThat(PartitionLogic.readDeadLetters(f.store, 10)).isEmpty();

    f.restart();
    assertThat(f.logic.stats().deadLettersPending()).isZero();
    assertThat(f.logic.stats().deadLettersTotal()).isEqualTo(2);
  }

  @Test
  void aReceiveWithoutMaxReceivesNeverDeadLetters() {
    f.at(1_000).send("m");
    for (int i = 1; i <= 5; i++) {
      f.at(1_000 + i * 40_000L);
      assertThat(f.receive("g", 1).get(0).deliveries()).isEqualTo(i);
    }
    assertThat(f.logic.stats().deadLettersTotal()).isZero();
  }

  @Test
  void aNackReasonSurvivesARestartAndAnotherNackWithoutReasonKeepsIt() {
    f.at(1_000).send("m");
    LeasedMessage l = receive("g", 1).get(0);
    f.applyOne(new Nack("g", List.of(l.receipt()), 0, "first"));
    f.restart();
    l = receive("g", 1).get(0);
    f.applyOne(new Nack("g", List.of(l.receipt()), 0));
    assertThat(receive("g", 1)).isEmpty();
    assertThat(PartitionLogic.readDeadLetters(f.store, 1).get(0).lastReason()).isEqualTo("first");
  }

  @Test
  void anOverlongReasonIsRejectedAndChangesNothing() {
    f.at(1_000).send("m");
    LeasedMessage l = receive("g", 1).get(0);
    List<String> before = f.dump();
    assertThat(f.applyOne(new Nack("g", List.of(l.receipt()), 0, "x".repeat(PartitionLimits.MAX_REASON_BYTES + 1))))
        .isInstanceOf(Rejected.class);
    // Only the meta value (log time) may change.
    assertThat(f.dump().stream().filter(e -> !e.startsWith("504d")).toList())
        .isEqualTo(before.stream().filter(e -> !e.startsWith("504d")).toList());
  }

  @Test
  void purgeDeletesEveryMessageForEveryGroupAndInvalidatesLeases() {
    f.at(1_000).send("a", "b", "c");
    NewMessage late = new NewMessage("d", null, List.of(), new byte[1], 60_000);
    f.applyOne(new Enqueue(List.of(late), PartitionFixture.NO_DEDUP));
    LeasedMessage leased = f.receive("g", 1).get(0);

    assertThat(f.applyOne(new Purge())).isEqualTo(new Removed(4));
    assertThat(f.logic.stats().depth()).isZero();
    assertThat(f.logic.stats().delayed()).isZero();
    assertThat(f.ack("g", leased.receipt())).containsExactly(SettleOutcome.ALREADY_ACKED);
    assertThat(f.receive("g", 10)).isEmpty();
    assertThat(f.receive("new-group", 10)).isEmpty();
    f.send("e");
    assertThat(f.receive("g", 10)).extracting(LeasedMessage::id).containsExactly("e");
    f.restart();
    assertThat(f.receive("new-group", 10)).extracting(LeasedMessage::id).containsExactly("e");
  }

  @Test
  void aDedupIdDeduplicatesInsteadOfTheIdSoTheSameIdCanBeStoredAgainUnderAnotherDedupId() {
    f.at(1_000);
    NewMessage first = new NewMessage("m", null, List.of(), new byte[1], 0, "move-1");
    NewMessage retry = new NewMessage("m", null, List.of(), new byte[1], 0, "move-1");
    NewMessage second = new NewMessage("m", null, List.of(), new byte[1], 0, "move-2");
    PartitionResult r = f.applyOne(new Enqueue(List.of(first, retry, second), 60_000));
    assertThat(((Enqueued) r).stored()).containsExactly(
        new StoredMessage("m", 0, false), new StoredMessage("m", 0, true), new StoredMessage("m", 1, false));
  }
}
