package io.raftq.statemachine.partition;

import static io.raftq.statemachine.partition.SettleOutcome.INVALID;
import static io.raftq.statemachine.partition.SettleOutcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NackVisibilityTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void nackWithDelayHidesUntilTheDelayPassed() {
    f.send("m1");
    LeasedMessage m = f.at(1_000).receive("g", 1, 30_000).get(0);

    assertThat(f.at(2_000).nack("g", 5_000, m.receipt())).containsExactly(OK);

    assertThat(f.at(6_999).receive("g", 1)).isEmpty();
    LeasedMessage again = f.at(7_000).receive("g", 1).get(0);
    assertThat(again.deliveries()).isEqualTo(2);
  }

  @Test
  void nackWithoutDelayMakesVisibleNow() {
    f.send("m1");
    LeasedMessage m = f.receive("g", 1).get(0);

    assertThat(f.nack("g", 0, m.receipt())).containsExactly(OK);
    assertThat(f.receive("g", 1)).extracting(LeasedMessage::offset).containsExactly(0L);
  }

  @Test
  void nackWithStaleEpochOrAckedOffsetIsInvalid() {
    f.send("m1", "m2");
    List<LeasedMessage> leased = f.receive("g", 2);
    f.nack("g", 0, leased.get(0).receipt());
    f.receive("g", 1);
    f.ack("g", leased.get(1).receipt());

    assertThat(f.nack("g", 0, leased.get(0).receipt(), leased.get(1).receipt())).containsExactly(INVALID, INVALID);
    assertThat(f.nack("nobody", 0, leased.get(0).receipt())).containsExactly(INVALID);
  }

  @Test
  void negativeNackDelayIsRejected() {
    f.send("m1");
    LeasedMessage m = f.receive("g", 1).get(0);

    assertThat(f.applyOne(new Nack("g", List.of(m.receipt()), -1))).isInstanceOf(Rejected.class);
  }

  @Test
  void changeVisibilityExtendsTheLease() {
    f.send("m1");
    LeasedMessage m = f.at(1_000).receive("g", 1, 30_000).get(0);

    assertThat(f.at(20_000).changeVisibility("g", 30_000, m.receipt())).containsExactly(OK);

    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(50_000);
    assertThat(f.at(40_000).receive("g", 1)).isEmpty();
    assertThat(f.at(50_000).receive("g", 1)).hasSize(1);
  }

  @Test
  void changeVisibilityShortensTheLease() {
    f.send("m1");
    LeasedMessage m = f.at(1_000).receive("g", 1, 30_000).get(0);

    assertThat(f.at(2_000).changeVisibility("g", 0, m.receipt())).containsExactly(OK);
    assertThat(f.at(2_000).receive("g", 1)).hasSize(1);
  }

  @Test
  void changeVisibilityOfExpiredLeaseIsInvalid() {
    f.send("m1");
    LeasedMessage m = f.at(1_000).receive("g", 1, 10_000).get(0);

    assertThat(f.at(11_000).changeVisibility("g", 30_000, m.receipt())).containsExactly(INVALID);
    // The lease is still the latest one, so an ack works.
    assertThat(f.ack("g", m.receipt())).containsExactly(OK);
  }

  @Test
  void changeVisibilityWithStaleEpochOrNegativeTimeFails() {
    f.send("m1");
    LeasedMessage m = f.receive("g", 1).get(0);

    assertThat(f.changeVisibility("g", 1_000, new LeaseRef(m.offset(), m.epoch() + 1))).containsExactly(INVALID);
    assertThat(f.applyOne(new ChangeVisibility("g", List.of(m.receipt()), -5))).isInstanceOf(Rejected.class);
  }
}
