package io.raftq.statemachine.ratis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed snapshot is retried after 1 s, then 2, 4 ... up to 60 s; a success resets the wait; failures count. */
class SnapshotRetryTest {
  private static final long MS = 1_000_000;

  @Test
  void backsOffAfterFailuresAndResetsOnSuccess() {
    SnapshotRetry retry = new SnapshotRetry();
    long now = 5_000 * MS;
    assertThat(retry.mayAttempt(now)).isTrue();
    assertThat(retry.failed(now)).isEqualTo(1_000);
    assertThat(retry.mayAttempt(now + 999 * MS)).isFalse();
    assertThat(retry.mayAttempt(now + 1_000 * MS)).isTrue();
    now += 1_000 * MS;
    assertThat(retry.failed(now)).isEqualTo(2_000);
    for (int i = 0; i < 10; i++) {
      retry.failed(now);
    }
    assertThat(retry.failed(now)).isEqualTo(SnapshotRetry.MAX_DELAY_MS);
    assertThat(retry.failures()).isEqualTo(13);
    retry.succeeded();
    assertThat(retry.mayAttempt(now)).isTrue();
    assertThat(retry.failed(now)).isEqualTo(1_000);
    assertThat(retry.failures()).isEqualTo(14);
  }
}
