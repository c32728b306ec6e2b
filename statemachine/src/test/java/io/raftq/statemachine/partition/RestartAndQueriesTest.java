package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestartAndQueriesTest {

  /** A script that uses every command; run once straight and once with restarts between the steps. */
  private static final List<Consumer<PartitionFixture>> SCRIPT =
      List.of(
          f -> f.at(1_000).send("a", "b", "c", "d"),
          f -> f.at(2_000).receive("g1", 2, 10_000),
          f -> f.at(2_500).receive("g2", 3, 5_000),
          f -> f.at(3_000).ack("g1", new LeaseRef(1, 2)),
          f -> f.at(3_500).nack("g2", 1_000, new LeaseRef(0, 3)),
          f -> f.at(4_000).changeVisibility("g2", 60_000, new LeaseRef(1, 4)),
          f -> f.at(9_000).send("b", "e"),
          f -> f.at(13_000).receive("g1", 10, 10_000),
          f -> f.at(14_000).receive("g2", 10, 10_000),
          f -> f.at(15_000).ack("g1", new LeaseRef(0, 8), new LeaseRef(2, 9), new LeaseRef(3, 10)),
          f -> f.at(15_000).receive("g1", 10, 10_000));

  @Test
  void aFreshLogicLoadedFromTheStoreBehavesIdentically() {
    PartitionFixture straight = new PartitionFixture();
    PartitionFixture restarted = new PartitionFixture();
    for (Consumer<PartitionFixture> step : SCRIPT) {
      step.accept(straight);
      step.accept(restarted.restart());
      assertThat(restarted.logic.stats()).isEqualTo(straight.logic.stats());
      assertThat(restarted.dump()).isEqualTo(straight.dump());
    }
    for (String group : List.of("g1", "g2", "none")) {
      assertThat(restarted.logic.nextVisibleAtMs(group)).isEqualTo(straight.logic.nextVisibleAtMs(group));
      assertThat(restarted.logic.hasVisibleMessage(group, 100_000))
          .isEqualTo(straight.logic.hasVisibleMessage(group, 100_000));
    }
  }

  @Test
  void restartKeepsLeasesEpochsAndCursors() {
    PartitionFixture f = new PartitionFixture();
    f.at(1_000).send("a", "b");
    LeasedMessage a = f.receive("g", 1, 10_000).get(0);

    f.restart();

    assertThat(f.at(2_000).receive("g", 10)).extracting(LeasedMessage::offset).containsExactly(1L);
    assertThat(f.ack("g", a.receipt())).containsExactly(SettleOutcome.OK);
    // b was leased at 2_000 for the fixture's default 30 s.
    LeasedMessage b = f.at(32_000).receive("g", 1).get(0);
    assertThat(b.epoch()).isEqualTo(3);
    assertThat(b.deliveries()).isEqualTo(2);
  }

  @Test
  void unknownGroupSeesAnyRetainedMessage() {
    PartitionFixture f = new PartitionFixture();
    assertThat(f.logic.hasVisibleMessage("g", 0)).isFalse();

    f.send("a");

    assertThat(f.logic.hasVisibleMessage("g", 0)).isTrue();
    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void knownGroupSeesNewMessagesAndExpiredLeases() {
    PartitionFixture f = new PartitionFixture();
    f.at(1_000).send("a", "b");
    f.receive("g", 1, 10_000);
    assertThat(f.logic.hasVisibleMessage("g", 1_000)).isTrue();

    f.receive("g", 1, 20_000);

    assertThat(f.logic.hasVisibleMessage("g", 1_000)).isFalse();
    assertThat(f.logic.hasVisibleMessage("g", 10_999)).isFalse();
    assertThat(f.logic.hasVisibleMessage("g", 11_000)).isTrue();
    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(11_000);
  }

  @Test
  void nextVisibleAtTracksNacksAndIgnoresExpiredLeases() {
    PartitionFixture f = new PartitionFixture();
    f.at(1_000).send("a", "b");
    List<LeasedMessage> leased = f.receive("g", 2, 10_000);
    f.nack("g", 3_000, leased.get(1).receipt());
    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(4_000);

    f.at(5_000).send();

    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(11_000);
    f.ack("g", leased);
    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void statsCountDepthInFlightAndGroups() {
    PartitionFixture f = new PartitionFixture();
    f.at(1_000).send("a", "b", "c");
    f.receive("g1", 2, 10_000);
    f.receive("g2", 1, 50_000);

    assertThat(f.logic.stats()).isEqualTo(new PartitionStats(3, 0, 3, 3, 1_000, 2, 0, 0, 0));
    f.at(20_000).send();
    assertThat(f.logic.stats()).isEqualTo(new PartitionStats(3, 0, 3, 1, 20_000, 2, 0, 0, 0));
  }
}
