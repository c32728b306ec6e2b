package io.raftq.statemachine.metadata;

/** Whether a node takes partition replicas. Ordinals are frozen (they are stored and sent). */
public enum NodeState {
  /** Placement puts replicas on it. */
  ACTIVE,
  /** Placement no longer counts it: its replicas move away, one at a time per group. */
  DRAINING
}
