/**
 * The Ratis adapter: {@link io.raftq.statemachine.ratis.RocksStateMachine} runs a deterministic
 * {@link io.raftq.statemachine.ratis.ReplicatedLogic} over a RocksDB store, stamps leader time into each entry,
 * applies each entry atomically with its index, and snapshots by RocksDB checkpoint.
 */
package io.raftq.statemachine.ratis;
