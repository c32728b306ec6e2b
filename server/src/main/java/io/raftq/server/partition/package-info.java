/**
 * Partition leadership work on a node: group commit of commands into shared Raft entries
 * ({@link io.raftq.server.partition.CommandBatcher}) and long-poll receives that wait without Raft writes
 * ({@link io.raftq.server.partition.ReceiveWaiters}).
 */
package io.raftq.server.partition;
