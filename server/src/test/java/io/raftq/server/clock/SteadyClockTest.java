package io.raftq.server.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadyClockTest {
  private static final long MS = 1_000_000L;
  private long wallMs = 1_700_000_000_000L;
  private long nanos = 42;
  private final SteadyClock clock = new SteadyClock(() -> wallMs, () -> nanos);

  private long after(long ms) {
    wallMs += ms;
    nanos += ms * MS;
    return clock.getAsLong();
  }

  @Test
  void followsAWallClockThatRunsNormally() {
    long start = clock.getAsLong();
    assertThat(start).isEqualTo(wallMs);
    for (int i = 0; i < 100; i++) {
      assertThat(after(7)).isEqualTo(wallMs);
    }
  }

  @Test
  void aForwardStepIsFollowedAtMostTenPercentFaster() {
    long start = clock.getAsLong();
    wallMs += 300_000;

    long t = 0;
    for (int i = 0; i < 100; i++) {
      t = after(100);
    }

    assertThat(t - start).as("10 s of real time").isBetween(10_000L, 11_000L);
  }

  @Test
  void aBackwardStepNeverMakesTheClockGoBackAndSlowsItByAtMostTenPercent() {
    long previous = clock.getAsLong();
    long start = previous;
    wallMs -= 300_000;
    for (int i = 0; i < 100; i++) {
      long t = after(100);
      assertThat(t).isGreaterThanOrEqualTo(previous);
      previous = t;
    }
    assertThat(previous - start).isBetween(9_000L, 10_000L);
  }

  @Test
  void convergesBackToTheWallClockAfterTheStepIsUndone() {
    clock.getAsLong();
    wallMs += 5_000;
    after(10_000);
    wallMs -= 5_000;

    long t = 0;
    for (int i = 0; i < 200; i++) {
      t = after(100);
    }

    assertThat(t).isEqualTo(wallMs);
  }
}
