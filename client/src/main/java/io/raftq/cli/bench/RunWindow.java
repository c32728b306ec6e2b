package io.raftq.cli.bench;

import java.time.Duration;

/**
 * The time plan of one run on the {@link System#nanoTime} clock: a warm-up from {@code startNs}, then the
 * measured window. With a duration the window has a fixed end and the run stops there; with a message count
 * the window stays open ({@code measureEndNs = Long.MAX_VALUE}) and the count ends the run.
 */
final class RunWindow {
  private final long startNs;
  private final long measureStartNs;
  private final long measureEndNs;

  RunWindow(long startNs, Duration warmup, Duration durationOrNull) {
    this.startNs = startNs;
    this.measureStartNs = startNs + warmup.toNanos();
    this.measureEndNs = durationOrNull == null ? Long.MAX_VALUE : measureStartNs + durationOrNull.toNanos();
  }

  static RunWindow startingNow(Duration warmup, Duration durationOrNull) {
    return new RunWindow(System.nanoTime(), warmup, durationOrNull);
  }

  long startNs() {
    return startNs;
  }

  long measureStartNs() {
    return measureStartNs;
  }

  boolean hasFixedEnd() {
    return measureEndNs != Long.MAX_VALUE;
  }

  /** Whether an event at {@code ns} counts toward the results (after warm-up, before the end). */
  boolean isMeasured(long ns) {
    return ns >= measureStartNs && ns < measureEndNs;
  }

  /** Whether a duration-bounded run is over at {@code ns}; a count-bounded run never is by time. */
  boolean isOver(long ns) {
    return ns >= measureEndNs;
  }

  /**
   * Length of the measured window: the fixed duration, or for a count-bounded run from the end of warm-up to
   * {@code lastEventNs} (the last measured event); 0 when nothing was measured.
   */
  double measuredSeconds(long lastEventNs) {
    if (hasFixedEnd()) {
      return (measureEndNs - measureStartNs) / 1e9;
    }
    return lastEventNs <= measureStartNs ? 0 : (lastEventNs - measureStartNs) / 1e9;
  }
}
