/**
 * Moving dead letters from a partition's outbox into the queue's dead-letter queue: {@link
 * io.raftq.server.deadletter.DeadLetterEnvelope} (pure: the message as the dead-letter queue stores it) and {@link
 * io.raftq.server.deadletter.DeadLetterForwarder} (the leader-side loop that sends and then confirms).
 */
package io.raftq.server.deadletter;
