package io.raftq.statemachine.partition;

/**
 * One replicated operation on a partition. A log entry carries a list of them; {@link PartitionLogic#apply}
 * returns one {@link PartitionResult} per command, in the same order.
 */
public sealed interface PartitionCommand permits Enqueue, Receive, Ack, Nack, ChangeVisibility, ForwardedDeadLetters, Purge, RemoveMessages, ReleaseKey,
    ApplyRetention, CommitOffset, Once {}
