package io.raftq.client.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with jitter: 20 ms doubling to 1 s, each delay drawn from [d/2, d]. */
final class Backoff {
  static final long INITIAL_MS = 20;
  static final long MAX_MS = 1_000;

  private Backoff() {}

  /** Delay before retry number {@code attempt} (0-based). Jitter spreads retries of many clients apart. */
  static long delayMs(int attempt) {
    long ceiling = INITIAL_MS << Math.min(attempt, 10);
    ceiling = Math.min(ceiling, MAX_MS);
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
