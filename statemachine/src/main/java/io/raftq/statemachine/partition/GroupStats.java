package io.raftq.statemachine.partition;

/**
 * One consumer group's view of a partition: {@code ready} (deliverable now: never delivered, or given back),
 * {@code inFlight} (leased to a consumer), {@code delayed} (waiting for their delay), {@code held} (FIFO messages
 * waiting behind an older one of their key), and how many keys are parked.
 */
public record GroupStats(String group, long ready, long inFlight, long delayed, long held, int parkedKeys) {}
