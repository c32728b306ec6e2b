package io.raftq.statemachine.partition;

/**
 * A snapshot of partition figures. {@code depth = nextOffset - firstRetainedOffset}; {@code inFlight} counts leases
 * (across groups) whose {@code visibleAt > lastTimeMs}.
 */
public record PartitionStats(
    long nextOffset, long firstRetainedOffset, long depth, long inFlight, long lastTimeMs, int groups) {}
