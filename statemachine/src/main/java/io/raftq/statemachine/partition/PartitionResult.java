package io.raftq.statemachine.partition;

/** The outcome of one {@link PartitionCommand}; domain failures are values ({@link Rejected}), never exceptions. */
public sealed interface PartitionResult permits Enqueued, Leased, Settled, Rejected, Removed, Failed {}
