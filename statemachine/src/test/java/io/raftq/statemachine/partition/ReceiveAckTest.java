package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.PartitionFixture.offsets;
import static io.raftq.statemachine.partition.SettleOutcome.ALREADY_ACKED;
import static io.raftq.statemachine.partition.SettleOutcome.INVALID;
import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReceiveAckTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void sendReceiveAck() {
    assertThat(f.at(1_000).send("m1", "m2"))
        .containsExactly(new StoredMessage("m1", 0, false), new StoredMessage("m2", 1, false));

    List<LeasedMessage> leased = f.at(2_000).receive("g", 10);

    assertThat(offsets(leased)).containsExactly(0L, 1L);
    LeasedMessage first = leased.get(0);
    assertThat(first.id()).isEqualTo("m1");
    assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("payload-m1");
    assertThat(first.deliveries()).isEqualTo(1);
    assertThat(first.enqueuedAtMs()).isEqualTo(1_000);
    assertThat(leased.get(1).epoch()).isGreaterThan(first.epoch());
    assertThat(f.ack("g", leased)).containsExactly(OK, OK);
    assertThat(f.receive("g", 10)).isEmpty();
    assertThat(f.logic.stats()).isEqualTo(new PartitionStats(2, 2, 0, 0, 2_000, 1, 0, 0, 0));
  }

  @Test
  void keyAndHeadersAreDelivered() {
    List<MessageHeader> headers = List.of(new MessageHeader("h", "v"), new MessageHeader("n", null));
    f.applyOne(new Enqueue(List.of(new NewMessage("m", "k", headers, new byte[] {1, 2})), 0));

    LeasedMessage m = f.receive("g", 1).get(0);

    assertThat(m.key()).isEqualTo("k");
    assertThat(m.headers()).isEqualTo(headers);
    assertThat(m.payload()).containsExactly(1, 2);
  }

  @Test
  void ackIsIdempotent() {
    f.send("m1");
    List<LeasedMessage> leased = f.receive("g", 1);

    assertThat(f.ack("g", leased)).containsExactly(OK);
    assertThat(f.ack("g", leased)).containsExactly(ALREADY_ACKED);
  }

  @Test
  void ackOutOfOrderIsAlreadyAckedAboveTheFloorToo() {
    f.send("m1", "m2");
    List<LeasedMessage> leased = f.receive("g", 2);

    assertThat(f.ack("g", leased.get(1).receipt())).containsExactly(OK);
    assertThat(f.ack("g", leased.get(1).receipt())).containsExactly(ALREADY_ACKED);
    assertThat(f.ack("g", leased.get(0).receipt())).containsExactly(OK);
  }

  @Test
  void ackOfUnknownGroupOrUndeliveredOffsetIsInvalid() {
    f.send("m1", "m2");
    LeasedMessage m = f.receive("g", 1).get(0);

    assertThat(f.ack("other", m.receipt())).containsExactly(INVALID);
    assertThat(f.ack("g", new LeaseRef(1, m.epoch()))).containsExactly(INVALID);
    assertThat(f.ack("g", new LeaseRef(99, 1))).containsExactly(INVALID);
  }

  @Test
  void redeliveryAfterVisibilityTimeoutHasNewEpochAndCountsDeliveries() {
    f.send("m1");
    LeasedMessage first = f.at(1_000).receive("g", 1, 30_000).get(0);

    assertThat(f.at(30_999).receive("g", 1)).isEmpty();
    LeasedMessage second = f.at(31_000).receive("g", 1).get(0);

    assertThat(second.offset()).isEqualTo(first.offset());
    assertThat(second.deliveries()).isEqualTo(2);
    assertThat(second.epoch()).isGreaterThan(first.epoch());
  }

  @Test
  void staleReceiptIsInvalidAfterReleaseWhileNewOneWorks() {
    f.send("m1");
    LeasedMessage first = f.at(1_000).receive("g", 1, 10_000).get(0);
    LeasedMessage second = f.at(11_000).receive("g", 1, 10_000).get(0);

    assertThat(f.ack("g", first.receipt())).containsExactly(INVALID);
    assertThat(f.ack("g", second.receipt())).containsExactly(OK);
    assertThat(f.ack("g", first.receipt())).containsExactly(ALREADY_ACKED);
  }

  @Test
  void ackAfterExpiryIsOkWhenNobodyReleasedIt() {
    f.send("m1");
    LeasedMessage m = f.at(1_000).receive("g", 1, 1_000).get(0);

    assertThat(f.at(60_000).ack("g", m.receipt())).containsExactly(OK);
    assertThat(f.receive("g", 1)).isEmpty();
  }

  @Test
  void redeliveriesComeFirstOldestOffsetFirstThenNewMessages() {
    f.send("a", "b", "c", "d");
    List<LeasedMessage> leased = f.at(1_000).receive("g", 3, 10_000);
    f.nack("g", 0, leased.get(2).receipt());
    f.nack("g", 0, leased.get(0).receipt());

    assertThat(offsets(f.receive("g", 10))).containsExactly(0L, 2L, 3L);
  }

  @Test
  void receiveRespectsMaxAndCapsIt() {
    String[] ids = new String[PartitionLimits.MAX_RECEIVE_MESSAGES + 3];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "m" + i;
    }
    f.send(ids);

    assertThat(f.receive("g", 2).size()).isEqualTo(2);
    assertThat(f.receive("g", Integer.MAX_VALUE).size()).isEqualTo(PartitionLimits.MAX_RECEIVE_MESSAGES);
    assertThat(f.receive("g", Integer.MAX_VALUE).size()).isEqualTo(1);
  }

  @Test
  void invalidReceivesAreRejectedAndChangeNothing() {
    f.send("m1");
    List<String> before = f.dump();

    assertThat(f.applyOne(new Receive("g", 0, 1_000))).isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new Receive("g", 1, -1))).isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new Receive("", 1, 1_000))).isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new Receive("x".repeat(2_000), 1, 1_000))).isInstanceOf(Rejected.class);
    assertThat(f.applyOne(new Receive("bad\uD800", 1, 1_000))).isInstanceOf(Rejected.class);

    assertThat(f.logic.stats().groups()).isZero();
    assertThat(f.dump()).isEqualTo(before);
  }

  @Test
  void utf8LengthCountsBytesAndFlagsUnpairedSurrogates() {
    assertThat(PartitionLogic.utf8Length("aü€😀")).isEqualTo(1 + 2 + 3 + 4);
    assertThat(PartitionLogic.utf8Length("\uDC00x")).isEqualTo(-1);
    assertThat(PartitionLogic.utf8Length("x\uD83D")).isEqualTo(-1);
  }

  @Test
  void hugeVisibilitySaturatesInsteadOfOverflowing() {
    f.send("m1");
    f.receive("g", 1, Long.MAX_VALUE);

    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(Long.MAX_VALUE);
    assertThat(f.at(Long.MAX_VALUE - 1).receive("g", 1)).isEmpty();
  }
}
