/**
 * The partition state machine: pure, deterministic logic that turns replicated commands (enqueue, receive,
 * ack, nack, change-visibility) into results and writes into one {@link io.raftq.statemachine.store.KvTransaction}
 * per log entry, plus the byte codec of those commands and results.
 *
 * <p>Nothing here reads a clock, a random source or iterates a hash container; all time comes from the log.
 * {@link io.raftq.statemachine.partition.PartitionLogic} is the entry point, {@link
 * io.raftq.statemachine.partition.PartitionCodec} the log-entry body format, {@link
 * io.raftq.statemachine.partition.PartitionKeys} the key layout in the store.
 */
package io.raftq.statemachine.partition;
