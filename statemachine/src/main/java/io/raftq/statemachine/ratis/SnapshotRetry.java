package io.raftq.statemachine.ratis;

/**
 * When to try a snapshot again after one failed: Ratis asks after every applied batch once the threshold is
 * passed, so a failure that persists (a full disk) would otherwise cost a flush and a log line per batch. Waits
 * 1 s after the first failure, doubling up to 60 s; a success resets it. Time is a caller-supplied monotonic clock.
 */
final class SnapshotRetry {
  static final long FIRST_DELAY_MS = 1_000;
  static final long MAX_DELAY_MS = 60_000;
  private long failures;
  private long consecutive;
  private long notBeforeNanos;

  synchronized boolean mayAttempt(long nowNanos) {
    return consecutive == 0 || nowNanos - notBeforeNanos >= 0;
  }

  /** Records a failure at {@code nowNanos}; returns the wait before the next attempt, in ms. */
  synchronized long failed(long nowNanos) {
    failures++;
    consecutive++;
    long delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(consecutive - 1, 16));
    notBeforeNanos = nowNanos + delayMs * 1_000_000;
    return delayMs;
  }

  synchronized void succeeded() {
    consecutive = 0;
  }

  /** Failed snapshots since the replica opened. */
  synchronized long failures() {
    return failures;
  }
}
