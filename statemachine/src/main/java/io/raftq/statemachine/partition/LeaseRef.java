package io.raftq.statemachine.partition;

/** A receipt: the leased offset and the epoch (fencing token) it was delivered with. */
public record LeaseRef(long offset, long epoch) {}
