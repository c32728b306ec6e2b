package io.raftq.protocol;

/** A parked key of a FIFO queue: its partition, the consumer group, and how many messages it holds back. */
public record ParkedKeyInfo(int partition, String group, String key, int held) {}
