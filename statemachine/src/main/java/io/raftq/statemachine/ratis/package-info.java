/**
 * The Ratis adapter: {@link io.raftq.statemachine.ratis.RocksStateMachine} runs a deterministic
 * {@link io.raftq.statemachine.ratis.ReplicatedLogic} over a RocksDB store, stamps leader time into each entry,
 * applies each entry atomically with its index, turns a failing command into a FAILED answer or stops the node
 * ({@link io.raftq.statemachine.ratis.FailStop}) by failure class, and snapshots by RocksDB checkpoint, installed
 * crash-safely ({@code LiveDatabase}).
 */
package io.raftq.statemachine.ratis;
