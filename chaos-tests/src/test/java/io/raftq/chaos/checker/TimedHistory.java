package io.raftq.chaos.checker;

import io.raftq.chaos.history.History;
import io.raftq.chaos.history.HistoryBuilder;

/**
 * A hand-written history with wall-clock-like times, for the lease checkers: {@code at(ms)} sets the time of the
 * next ops (each op after it one microsecond later, so order and time agree).
 */
final class TimedHistory {
  private long baseNanos;
  private long ticks;
  private final HistoryBuilder builder = new HistoryBuilder(() -> baseNanos + 1_000L * ticks++);

  /** The builder, appending from {@code ms} milliseconds on; time never goes back. */
  HistoryBuilder at(long ms) {
    long nanos = ms * 1_000_000L;
    if (nanos < baseNanos + 1_000L * ticks) {
      throw new IllegalArgumentException("time goes back to " + ms + " ms");
    }
    baseNanos = nanos;
    ticks = 0;
    return builder;
  }

  History build() {
    return builder.build();
  }
}
