package io.raftq.client;

import java.time.Duration;

/**
 * How a {@link Subscription} consumes. {@code maxInFlight}: messages being processed at once (and so leased at
 * once). {@code lease}: the length of each lease; while a handler runs, its lease is extended by that much every
 * third of it, for up to {@code maxProcessing} in all, after which the lease is left to expire and the message is
 * delivered again. {@code handlerThreads}: threads running handlers. {@code nackDelay}: how long a message whose
 * handler threw stays invisible.
 */
public record SubscribeOptions(
    int maxInFlight, Duration lease, Duration maxProcessing, int handlerThreads, Duration nackDelay) {
  public SubscribeOptions {
    if (maxInFlight < 1 || handlerThreads < 1) {
      throw new IllegalArgumentException("maxInFlight and handlerThreads must be at least 1");
    }
    if (lease.toMillis() < 300) {
      throw new IllegalArgumentException("lease must be at least 300 ms to be extended in time");
    }
  }

  public static SubscribeOptions defaults() {
    return new SubscribeOptions(16, Duration.ofSeconds(30), Duration.ofHours(1), 4, Duration.ZERO);
  }

  public SubscribeOptions withMaxInFlight(int n) {
    return new SubscribeOptions(n, lease, maxProcessing, Math.min(handlerThreads, n), nackDelay);
  }

  public SubscribeOptions withLease(Duration d) {
    return new SubscribeOptions(maxInFlight, d, maxProcessing, handlerThreads, nackDelay);
  }

  public SubscribeOptions withMaxProcessing(Duration d) {
    return new SubscribeOptions(maxInFlight, lease, d, handlerThreads, nackDelay);
  }

  public SubscribeOptions withHandlerThreads(int n) {
    return new SubscribeOptions(maxInFlight, lease, maxProcessing, n, nackDelay);
  }
}
