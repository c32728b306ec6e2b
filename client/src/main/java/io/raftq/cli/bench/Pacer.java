package io.raftq.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule: message n is due at {@code startNs + n / rate}. Computed from n rather than by adding
 * intervals, so rounding never drifts and a late sender catches up instead of shifting the schedule (the
 * schedule, not the sender, defines latency).
 */
final class Pacer {
  private final long startNs;
  private final long ratePerSecond;

  Pacer(long startNs, long ratePerSecond) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    this.startNs = startNs;
    this.ratePerSecond = ratePerSecond;
  }

  long scheduledAt(long n) {
    // n * 1e9 overflows only after 9.2e9 messages (53 days at 2,000/s).
    return startNs + n * 1_000_000_000L / ratePerSecond;
  }

  /** Parks until shortly before {@code deadlineNs} then spins: parking alone overshoots by ~50-100 us. */
  static void sleepUntil(long deadlineNs) {
    long now;
    while ((now = System.nanoTime()) < deadlineNs) {
      long remaining = deadlineNs - now;
      if (remaining > 100_000) {
        LockSupport.parkNanos(remaining - 60_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
