package io.raftq.statemachine.partition;

/** What a group's consumer dedup table remembers of one acked id: when, and the result stored with the ack. */
public record Consumed(long ackedAtMs, byte[] result) {}
