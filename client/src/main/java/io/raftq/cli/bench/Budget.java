package io.raftq.cli.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages still to consume in a count-bounded run, shared by the consumers so that together they receive
 * exactly the count. A consumer claims up to a batch before receiving and gives back what it did not get; it
 * keeps polling after giving back, so returned budget is never stranded.
 */
final class Budget {
  private final AtomicLong remaining;

  Budget(long total) {
    this.remaining = new AtomicLong(total);
  }

  /** Up to {@code max} messages, 0 when the budget is spent. */
  int claim(int max) {
    while (true) {
      long left = remaining.get();
      int take = (int) Math.min(left, max);
      if (take == 0 || remaining.compareAndSet(left, left - take)) {
        return take;
      }
    }
  }

  void giveBack(int unused) {
    if (unused > 0) {
      remaining.addAndGet(unused);
    }
  }

  long remaining() {
    return remaining.get();
  }
}
