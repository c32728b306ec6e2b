package io.raftq.statemachine.partition;

/**
 * A queue's retry backoff: after the {@code n}th delivery of a message failed (nacked, or its lease ran out), it
 * stays invisible for {@code min(max, base * 2^(n-1))}, spread by a jitter of up to ±20% so that messages that
 * failed together do not all come back together. The jitter is a hash of the offset and the delivery count, so
 * every replica computes the same time. Pure.
 */
public final class RetryBackoff {
  private RetryBackoff() {}

  /** The backoff after delivery {@code deliveries} (>= 1) of {@code offset}; 0 when {@code baseMs <= 0}. */
  public static long delayMs(long baseMs, long maxMs, long offset, int deliveries) {
    if (baseMs <= 0 || deliveries < 1) {
      return 0;
    }
    int doublings = Math.min(deliveries - 1, 62);
    long raw = doublings >= Long.numberOfLeadingZeros(baseMs) - 1 ? Long.MAX_VALUE : baseMs << doublings;
    long capped = Math.min(raw, Math.max(maxMs, baseMs));
    long h = mix(offset * 31 + deliveries);
    long permille = Math.floorMod(h, 401) - 200; // -200 .. +200
    return Math.max(0, capped + capped / 1000 * permille);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
