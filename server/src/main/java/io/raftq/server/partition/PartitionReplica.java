package io.raftq.server.partition;

import io.raftq.statemachine.partition.PartitionLogic;
import io.raftq.statemachine.ratis.RocksStateMachine;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.protocol.RaftGroupId;

/**
 * This node's replica of one partition: its state machine, and the leader-side machinery (batcher, waiters) that
 * is used only while this node leads the partition.
 */
public final class PartitionReplica {
  private final RaftGroupId groupId;
  private final RocksStateMachine stateMachine;
  private final PartitionLogic logic;
  private final CommandBatcher batcher;
  private final ReceiveWaiters waiters = new ReceiveWaiters();
  private final AtomicBoolean checkScheduled = new AtomicBoolean();
  /** When this replica last applied an entry or had a request routed to it (System.nanoTime). */
  private volatile long lastActiveNanos = System.nanoTime();

  public PartitionReplica(
      RaftGroupId groupId, RocksStateMachine stateMachine, PartitionLogic logic, CommandBatcher batcher) {
    this.groupId = groupId;
    this.stateMachine = stateMachine;
    this.logic = logic;
    this.batcher = batcher;
  }

  public RaftGroupId groupId() {
    return groupId;
  }

  public RocksStateMachine stateMachine() {
    return stateMachine;
  }

  public PartitionLogic logic() {
    return logic;
  }

  public CommandBatcher batcher() {
    return batcher;
  }

  public ReceiveWaiters waiters() {
    return waiters;
  }

  /** Notes activity: an applied entry or a request for this partition. */
  public void touch() {
    lastActiveNanos = System.nanoTime();
  }

  /** How long this replica has seen no activity, in ms. */
  public long idleMs(long nowNanos) {
    return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nowNanos - lastActiveNanos);
  }

  /** Coalesces wake-ups: returns true for the caller that should schedule the check. */
  boolean markCheckScheduled() {
    return checkScheduled.compareAndSet(false, true);
  }

  void clearCheckScheduled() {
    checkScheduled.set(false);
  }
}
