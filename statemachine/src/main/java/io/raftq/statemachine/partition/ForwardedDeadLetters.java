package io.raftq.statemachine.partition;

/**
 * The leader's forwarder has stored every dead letter up to {@code upToSeq} in the dead-letter queue: they leave
 * the outbox. A sequence number at or below what was already forwarded changes nothing (a retried command);
 * one beyond the last dead letter is rejected.
 */
public record ForwardedDeadLetters(long upToSeq) implements PartitionCommand {}
