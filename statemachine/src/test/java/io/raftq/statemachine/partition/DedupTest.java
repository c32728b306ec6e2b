package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftq.statemachine.store.Bytes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DedupTest {
  private final PartitionFixture f = new PartitionFixture().dedupWindow(10_000);

  @Test
  void sameIdWithinWindowIsADuplicateOfTheOriginal() {
    f.at(1_000).send("a", "b");

    assertThat(f.at(5_000).send("b")).containsExactly(new StoredMessage("b", 1, true));
    assertThat(f.logic.stats().nextOffset()).isEqualTo(2);
  }

  @Test
  void sameIdAfterWindowIsStoredAgain() {
    f.at(1_000).send("a");

    assertThat(f.at(10_999).send("a")).containsExactly(new StoredMessage("a", 0, true));
    assertThat(f.at(11_000).send("a")).containsExactly(new StoredMessage("a", 1, false));
    assertThat(f.at(12_000).send("a")).containsExactly(new StoredMessage("a", 1, true));
  }

  @Test
  void idStoredInThePreviousBucketIsStillFound() {
    f.at(9_999).send("a");

    assertThat(f.at(19_998).send("a")).containsExactly(new StoredMessage("a", 0, true));
  }

  @Test
  void aResendUnderADedupIdAnswersTheFirstSendsIdForTheWholeWindow() {
    NewMessage first = new NewMessage("id-1", null, List.of(), new byte[] {1}, 0, "token");
    NewMessage resend = new NewMessage("id-2", null, List.of(), new byte[] {1}, 0, "token");
    f.send("other");
    assertThat(PartitionFixture.enqueued(f.applyOne(new Enqueue(List.of(first), 10_000))))
        .containsExactly(new StoredMessage("id-1", 1, false));

    assertThat(PartitionFixture.enqueued(f.applyOne(new Enqueue(List.of(resend), 10_000))))
        .containsExactly(new StoredMessage("id-1", 1, true));

    f.ack("g", PartitionFixture.receipts(f.receive("g", 2)).toArray(LeaseRef[]::new));
    assertThat(f.hasKey(PartitionKeys.message(1))).isFalse();
    assertThat(PartitionFixture.enqueued(f.applyOne(new Enqueue(List.of(resend), 10_000))))
        .as("acked and deleted: still the first send's id").containsExactly(new StoredMessage("id-1", 1, true));

    f.restart();
    assertThat(PartitionFixture.enqueued(f.applyOne(new Enqueue(List.of(resend), 10_000))))
        .as("after a restart too").containsExactly(new StoredMessage("id-1", 1, true));
  }

  @Test
  void aDedupEntryWrittenBeforeIdsWereKeptStillReads() {
    f.at(1_000).send("other"); // sets the table's window
    io.raftq.statemachine.store.KvTransaction txn = f.store.begin();
    txn.put(PartitionKeys.dedup(0, "token"), Bytes.concat(Bytes.longBE(7), Bytes.longBE(500)));
    f.store.commit(txn);
    f.restart();

    NewMessage resend = new NewMessage("id-2", null, List.of(), new byte[] {1}, 0, "token");
    assertThat(PartitionFixture.enqueued(f.applyOne(new Enqueue(List.of(resend), 10_000))))
        .as("an old 16-byte value whose message is gone: the resend's own id, the original offset")
        .containsExactly(new StoredMessage("id-2", 7, true));
  }

  @Test
  void aDedupIdEqualToTheMessageIdStoresNoCopyOfIt() {
    f.at(1_000).applyOne(new Enqueue(List.of(new NewMessage("same", null, List.of(), new byte[] {1}, 0, "same")),
        10_000));
    f.applyOne(new Enqueue(List.of(new NewMessage("m", null, List.of(), new byte[] {1}, 0, "other")), 10_000));

    assertThat(f.store.get(PartitionKeys.dedup(0, "same"))).hasSize(16);
    assertThat(f.store.get(PartitionKeys.dedup(0, "other"))).hasSize(17);
  }

  @Test
  void duplicatesInsideOneBatch() {
    assertThat(f.send("a", "b", "a", "a"))
        .containsExactly(
            new StoredMessage("a", 0, false),
            new StoredMessage("b", 1, false),
            new StoredMessage("a", 0, true),
            new StoredMessage("a", 0, true));
  }

  @Test
  void messagesWithoutIdAreNeverDeduplicatedAndGetTheirOffsetAsId() {
    assertThat(f.send(null, null))
        .containsExactly(new StoredMessage("0", 0, false), new StoredMessage("1", 1, false));
    assertThat(f.receive("g", 2)).extracting(LeasedMessage::id).containsExactly("0", "1");
  }

  @Test
  void nonPositiveWindowTurnsDedupOff() {
    f.dedupWindow(0).send("a");

    assertThat(f.send("a")).containsExactly(new StoredMessage("a", 1, false));
    assertThat(f.countKeys(PartitionKeys.DEDUP_PREFIX)).isZero();
  }

  @Test
  void duplicateOfAnAlreadyDeletedMessageStillReportsTheOriginal() {
    f.send("a");
    f.ack("g", f.receive("g", 1));
    assertThat(f.hasKey(PartitionKeys.message(0))).isFalse();

    assertThat(f.send("a")).containsExactly(new StoredMessage("a", 0, true));
  }

  @Test
  void bucketsOlderThanThePreviousAreDeleted() {
    f.at(1_000).send("old");
    f.at(12_000).send("mid");
    assertThat(f.countKeys(PartitionKeys.dedupBucket(0))).isEqualTo(1);

    f.at(25_000).send("new");

    assertThat(f.countKeys(PartitionKeys.dedupBucket(0))).isZero();
    assertThat(f.countKeys(PartitionKeys.DEDUP_PREFIX)).isEqualTo(2);
  }

  @Test
  void windowChangeForgetsEarlierIds() {
    f.at(1_000).send("a");

    assertThat(f.dedupWindow(20_000).send("a")).containsExactly(new StoredMessage("a", 1, false));
    assertThat(f.send("a")).containsExactly(new StoredMessage("a", 1, true));
  }

  @Test
  void overlongOrMalformedIdsRejectTheWholeEnqueue() {
    NewMessage longId = PartitionFixture.message("x".repeat(PartitionLimits.MAX_ID_BYTES + 1));
    NewMessage badId = PartitionFixture.message("\uD800");

    assertThat(f.applyOne(new Enqueue(List.of(PartitionFixture.message("ok"), longId), 1_000)))
        .isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new Enqueue(List.of(badId), 1_000))).isInstanceOf(Rejected.class);
    assertThat(f.logic.stats().nextOffset()).isZero();
  }

  @Test
  void dedupTableSurvivesRestart() {
    f.at(1_000).send("a");

    f.restart();

    assertThat(f.at(2_000).send("a")).isEqualTo(List.of(new StoredMessage("a", 0, true)));
  }
}
