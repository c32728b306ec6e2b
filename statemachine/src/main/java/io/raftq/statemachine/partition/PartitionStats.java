package io.raftq.statemachine.partition;

/**
 * A snapshot of partition figures. {@code depth = nextOffset - firstRetainedOffset}; {@code inFlight} counts leases
 * (across groups) whose {@code visibleAt > lastTimeMs}; {@code delayed} counts stored messages whose delay has not
 * passed; {@code deadLettersPending} are in the outbox, {@code deadLettersTotal} were ever dead-lettered here.
 */
public record PartitionStats(
    long nextOffset,
    long firstRetainedOffset,
    long depth,
    long inFlight,
    long lastTimeMs,
    int groups,
    long delayed,
    long deadLettersPending,
    long deadLettersTotal) {}
