package io.raftq.chaos.checker;

/**
 * The clock bound of the lease checkers: how long a lease surely lasts in the history's time (the test's monotonic
 * clock). A lease of {@code V} ms is granted by a log entry the leader stamped after the receive was invoked, and
 * ends when a later entry's log time reaches that stamp plus {@code V}. Log time comes from the leader's
 * {@code SteadyClock}, which runs at most {@value #SLEW_PERCENT}% faster than real time, so the lease lasts at least
 * {@code V / 1.1} of real time, more than {@code (1 − 0.1)·V}; {@value #MARGIN_MS} ms more cover millisecond stamps
 * and the small differences between the clocks of nodes on one machine. A clock-jump fault breaks the bound for a
 * while ({@link ClockFaults}).
 */
final class LeaseTiming {
  static final long SLEW_PERCENT = 10;
  static final long MARGIN_MS = 250;
  private static final long NANOS_PER_MS = 1_000_000L;

  private LeaseTiming() {}

  /** The earliest time a lease (or delay) of {@code durationMs} that began at or after {@code startNanos} can end. */
  static long earliestEndNanos(long startNanos, long durationMs) {
    long sureMs = durationMs - durationMs * SLEW_PERCENT / 100 - MARGIN_MS;
    return startNanos + Math.max(0, sureMs) * NANOS_PER_MS;
  }

  /** The clock bound itself: {@value #SLEW_PERCENT}% of {@code durationMs} plus {@value #MARGIN_MS} ms. */
  static long boundMs(long durationMs) {
    return durationMs * SLEW_PERCENT / 100 + MARGIN_MS;
  }
}
