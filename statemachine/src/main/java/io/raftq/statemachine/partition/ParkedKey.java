package io.raftq.statemachine.partition;

/** A parked key of a FIFO group and how many messages it holds back. */
public record ParkedKey(String group, String key, int held) {}
