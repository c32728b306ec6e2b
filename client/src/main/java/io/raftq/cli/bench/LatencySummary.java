package io.raftq.cli.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in milliseconds. {@code kind} says what was timed. */
record LatencySummary(
    String kind, long count, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

  static LatencySummary of(String kind, Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return new LatencySummary(kind, 0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        kind,
        nanos.getTotalCount(),
        ms(nanos.getValueAtPercentile(50)),
        ms(nanos.getValueAtPercentile(99)),
        ms(nanos.getValueAtPercentile(99.9)),
        ms(nanos.getMaxValue()),
        nanos.getMean() / 1e6);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
