package io.raftq.cli.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one bench run. {@code measuredMessages} are the messages that count for throughput (confirmed,
 * consumed or received end-to-end inside the measured window); {@code counts} has the raw totals;
 * {@code latency} is null where latency is not meaningful (consume); {@code complete} is false when a
 * count-bounded run stopped short.
 */
record BenchSummary(
    String mode,
    String queue,
    Map<String, Object> settings,
    double warmupSeconds,
    double measuredSeconds,
    long measuredMessages,
    double payloadBytes,
    Map<String, Long> counts,
    LatencySummary latency,
    LatencySummary secondaryLatency,
    boolean complete,
    String firstFailure) {

  BenchSummary {
    // Copies that keep the caller's order: the report prints them as given.
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  double messagesPerSecond() {
    return measuredSeconds > 0 ? measuredMessages / measuredSeconds : 0;
  }

  /** Payload megabytes (10^6 bytes, as in the peer results) per second. */
  double megabytesPerSecond() {
    return messagesPerSecond() * payloadBytes / 1e6;
  }

  long failed() {
    return counts.getOrDefault("failed", 0L);
  }
}
