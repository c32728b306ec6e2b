package io.raftq.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts one kind of event (confirmed, consumed, received end-to-end): all of them and the measured ones. */
final class Meter {
  private final LongAdder total = new LongAdder();
  private final LongAdder measured = new LongAdder();
  private final AtomicLong lastMeasuredNs = new AtomicLong(Long.MIN_VALUE);

  void record(long nowNs, boolean isMeasured) {
    record(nowNs, isMeasured, 1);
  }

  void record(long nowNs, boolean isMeasured, long count) {
    total.add(count);
    if (isMeasured) {
      measured.add(count);
      lastMeasuredNs.accumulateAndGet(nowNs, Math::max);
    }
  }

  long total() {
    return total.sum();
  }

  long measured() {
    return measured.sum();
  }

  long lastMeasuredNs() {
    return lastMeasuredNs.get();
  }
}
