package io.raftq.statemachine.partition;

/**
 * Deletes every message the partition holds for its groups (ready, delayed and in flight), as if every group had
 * acked them all; leases held by consumers become invalid. Dead letters waiting in the outbox still move to the
 * dead-letter queue. Groups, dedup tables and counters stay.
 */
public record Purge() implements PartitionCommand {}
