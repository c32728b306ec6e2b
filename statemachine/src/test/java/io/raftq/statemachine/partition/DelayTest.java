package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.SettleOutcome.INVALID;
import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelayTest {
  private final PartitionFixture f = new PartitionFixture();

  private void sendDelayed(String id, long delayMs) {
    NewMessage m = new NewMessage(id, null, List.of(), id.getBytes(StandardCharsets.UTF_8), delayMs);
    assertThat(f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP))).isInstanceOf(Enqueued.class);
  }

  @Test
  void aDelayedMessageIsDeliveredOnlyOnceItsDelayPassedAndDoesNotHoldBackLaterOnes() {
    f.at(1_000);
    sendDelayed("late", 5_000);
    f.send("now");

    assertThat(PartitionFixture.offsets(f.at(2_000).receive("g", 10))).containsExactly(1L);
    assertThat(f.at(5_999).receive("g", 10)).isEmpty();
    LeasedMessage late = f.at(6_000).receive("g", 10).get(0);
    assertThat(late.offset()).isZero();
    assertThat(late.deliveries()).isEqualTo(1);
    assertThat(f.ack("g", late.receipt())).containsExactly(OK);
  }

  @Test
  void everyGroupWaitsForTheDelayIncludingOnesRegisteredLater() {
    f.at(1_000);
    sendDelayed("late", 10_000);
    assertThat(f.at(2_000).receive("early", 1)).isEmpty();
    assertThat(f.at(3_000).receive("later", 1)).isEmpty();
    assertThat(f.at(11_000).receive("early", 1)).hasSize(1);
    assertThat(f.at(11_000).receive("later", 1)).hasSize(1);
  }

  @Test
  void aParkedDelayedMessageIsNotInFlightAndNoReceiptSettlesIt() {
    f.at(1_000);
    sendDelayed("late", 10_000);
    f.receive("g", 1);
    assertThat(f.logic.stats().inFlight()).isZero();
    assertThat(f.logic.stats().depth()).isEqualTo(1);
    // Epoch 0 marks the parked message; a forged receipt with it must not ack, nack or extend it.
    LeaseRef forged = new LeaseRef(0, Lease.DELAYED_EPOCH);
    assertThat(f.ack("g", forged)).containsExactly(INVALID);
    assertThat(f.nack("g", 0, forged)).containsExactly(INVALID);
    assertThat(f.changeVisibility("g", 1, forged)).containsExactly(INVALID);
    assertThat(f.at(2_000).receive("g", 1)).isEmpty();
  }

  @Test
  void delaysSurviveARestartAndAreDeletedWithTheirMessage() {
    f.at(1_000);
    sendDelayed("late", 10_000);
    f.restart();
    assertThat(f.at(2_000).receive("g", 1)).isEmpty();
    f.restart();
    LeasedMessage m = f.at(11_000).receive("g", 1).get(0);
    assertThat(f.countKeys(PartitionKeys.DELAY_PREFIX)).isEqualTo(1);
    f.ack("g", m.receipt());
    assertThat(f.countKeys(PartitionKeys.DELAY_PREFIX)).isZero();
    assertThat(f.countKeys(PartitionKeys.MESSAGE_PREFIX)).isZero();
  }

  @Test
  void aNegativeDelayIsRejectedAndStoresNothing() {
    NewMessage m = new NewMessage("x", null, List.of(), new byte[1], -1);
    assertThat(f.applyOne(new Enqueue(List.of(m), PartitionFixture.NO_DEDUP))).isInstanceOf(Rejected.class);
    assertThat(f.logic.stats().nextOffset()).isZero();
  }

  @Test
  void aHugeDelaySaturatesInsteadOfOverflowing() {
    f.at(1_000);
    sendDelayed("never", Long.MAX_VALUE);
    assertThat(f.at(Long.MAX_VALUE / 2).receive("g", 1)).isEmpty();
  }
}
