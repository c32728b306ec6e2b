package io.raftq.server.clock;

import java.util.function.LongSupplier;

/**
 * The node's clock: it advances with the monotonic clock and follows the wall clock by slewing, at most
 * {@value #MAX_SLEW_PERCENT}% faster or slower than real time, never by stepping. Every time the node uses (the
 * leader's stamp on log entries, the check whether a parked receive can be served, lease expiry wake-ups) reads
 * this one clock.
 *
 * <p>Why: the state machine keeps its time monotonic ({@code max(last, stamp)}). A wall clock stepped forward by
 * minutes on a leader, then corrected, would push that time minutes ahead and freeze it until real time caught
 * up; every lease granted in between would outlive its visibility timeout by minutes (the chaos suite's
 * clock-jump scenario showed a drain stuck behind such leases). Slewing turns a step of {@code d} into a drift
 * of at most {@value #MAX_SLEW_PERCENT}% over {@code 10·d}. A node started with a wrong clock starts wrong:
 * keep clocks synchronized (NTP) as for any lease-based system.
 */
public final class SteadyClock implements LongSupplier {
  static final int MAX_SLEW_PERCENT = 10;
  private static final long NANOS_PER_MS = 1_000_000L;

  private final LongSupplier wallMs;
  private final LongSupplier monotonicNanos;
  private boolean started;
  private long lastMonotonic;
  /** This clock's time, in nanoseconds since the epoch (fits a long until 2262). */
  private long steadyNanos;

  public SteadyClock(LongSupplier wallMs) {
    this(wallMs, System::nanoTime);
  }

  SteadyClock(LongSupplier wallMs, LongSupplier monotonicNanos) {
    this.wallMs = wallMs;
    this.monotonicNanos = monotonicNanos;
  }

  /** A steady clock over the system's wall clock. */
  public static SteadyClock system() {
    return new SteadyClock(System::currentTimeMillis);
  }

  @Override
  public synchronized long getAsLong() {
    long now = monotonicNanos.getAsLong();
    long wall = wallMs.getAsLong() * NANOS_PER_MS;
    if (!started) {
      started = true;
      lastMonotonic = now;
      steadyNanos = wall;
      return wall / NANOS_PER_MS;
    }
    long elapsed = Math.max(0, now - lastMonotonic);
    lastMonotonic = now;
    long base = steadyNanos + elapsed;
    long maxSlew = elapsed / (100 / MAX_SLEW_PERCENT);
    steadyNanos = base + Math.max(-maxSlew, Math.min(maxSlew, wall - base));
    return steadyNanos / NANOS_PER_MS;
  }
}
