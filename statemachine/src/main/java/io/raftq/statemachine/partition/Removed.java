package io.raftq.statemachine.partition;

/** What a {@link Purge} (messages deleted) or a {@link ForwardedDeadLetters} (dead letters released) removed. */
public record Removed(long count) implements PartitionResult {}
