package io.raftq.statemachine.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeTest {
  private final PartitionFixture f = new PartitionFixture();

  @Test
  void lastTimeNeverDecreases() {
    f.at(10_000).send("m1");
    f.at(5_000).send("m2");

    assertThat(f.logic.lastTimeMs()).isEqualTo(10_000);
    assertThat(f.restart().logic.lastTimeMs()).isEqualTo(10_000);
  }

  @Test
  void entryTimeGoingBackwardsDoesNotShortenLeases() {
    f.at(10_000).send("m1");
    // A new leader with a slow clock: the lease still runs from log time 10_000.
    LeasedMessage m = f.at(5_000).receive("g", 1, 30_000).get(0);

    assertThat(f.logic.nextVisibleAtMs("g")).isEqualTo(40_000);
    assertThat(f.at(39_999).receive("g", 1)).isEmpty();
    assertThat(f.at(40_000).receive("g", 1)).extracting(LeasedMessage::offset).containsExactly(m.offset());
  }

  @Test
  void enqueueTimeIsLogTime() {
    f.at(10_000).send("m1");
    f.at(3_000).send("m2");

    assertThat(f.receive("g", 2)).extracting(LeasedMessage::enqueuedAtMs).containsExactly(10_000L, 10_000L);
  }
}
